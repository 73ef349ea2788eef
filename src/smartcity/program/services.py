"""Writes to the program's rules. The admin, commands and tests all come through here."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from smartcity.core.audit import record_event, snapshot
from smartcity.core.saving import save_audited

from .models import Call, CriteriaSet, ProgramRole


class CriteriaSetInUse(ValidationError):
    pass


def _ensure_editable(criteria_set: CriteriaSet) -> None:
    if (
        criteria_set.pk
        and CriteriaSet.objects.select_for_update().filter(pk=criteria_set.pk, calls__isnull=False).exists()
    ):
        raise CriteriaSetInUse(
            _("This criteria set is used by a call and can no longer be edited. Create a new version instead.")
        )


def save_criteria_set(*, actor, criteria_set: CriteriaSet) -> CriteriaSet:
    return save_audited(actor=actor, instance=criteria_set, event="criteria_set", check=_ensure_editable)


@transaction.atomic
def create_criteria_set_version(*, actor, source: CriteriaSet, **changes) -> CriteriaSet:
    """Copy a version (in use or not) into the next version number, with optional changes."""
    next_version = (CriteriaSet.objects.select_for_update().aggregate(v=Max("version"))["v"] or 0) + 1
    fields = snapshot(source)
    for name in ("id", "created_at", "updated_at"):
        fields.pop(name, None)
    fields.update(version=next_version, **changes)
    new = CriteriaSet(**fields)
    new.full_clean()
    new.save()
    record_event(
        actor=actor,
        action="criteria_set.versioned",
        obj=new,
        before={"from_version": source.version},
        after=snapshot(new),
    )
    return new


@transaction.atomic
def delete_criteria_set(*, actor, criteria_set: CriteriaSet) -> None:
    _ensure_editable(criteria_set)
    record_event(actor=actor, action="criteria_set.deleted", obj=criteria_set, before=snapshot(criteria_set))
    criteria_set.delete()


def save_call(*, actor, call: Call, city_types=None) -> Call:
    def set_city_types(saved: Call) -> dict:
        if city_types is not None:
            saved.accepted_city_types.set(city_types)
        return {"accepted_city_types": sorted(ct.code for ct in saved.accepted_city_types.all())}

    return save_audited(actor=actor, instance=call, event="call", then=set_city_types)


@transaction.atomic
def grant_program_role(*, actor, user, role: str, domain=None, is_chair: bool = False) -> ProgramRole:
    program_role = ProgramRole(user=user, role=role, domain=domain, is_chair=is_chair)
    existing = ProgramRole.objects.filter(user=user, role=role, domain=domain).first()
    if existing:
        if existing.is_chair != is_chair:
            existing.is_chair = is_chair
            existing.save(update_fields=["is_chair", "updated_at"])
        return existing
    program_role.full_clean()
    program_role.save()
    record_event(
        actor=actor,
        action="program_role.granted",
        obj=program_role,
        after={"user": user.email, "role": role, "domain": getattr(domain, "code", None), "chair": is_chair},
    )
    user.__dict__.pop("_program_role_codes", None)
    return program_role


@transaction.atomic
def revoke_program_role(*, actor, program_role: ProgramRole) -> None:
    record_event(
        actor=actor,
        action="program_role.revoked",
        obj=program_role,
        before={
            "user": program_role.user.email,
            "role": program_role.role,
            "domain": getattr(program_role.domain, "code", None),
        },
    )
    program_role.delete()
