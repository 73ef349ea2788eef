"""BOI endorsements: a partner company's request, the secretariat's decision, BOI's check, and their link to the
certificate (an approved endorsement is suspended when its certificate lapses, restored when it is current).

Every write goes through a function here; each runs in one transaction, locks the rows it changes (the
certificate before the endorsement, the order the certificate services use), and appends its audit event.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartcity.accounts.models import COMPANY_KINDS, MembershipRole, Organization, User
from smartcity.certification.models import CURRENT_STATUSES, Certificate
from smartcity.core.audit import record_event
from smartcity.core.errors import Conflict, NotAllowed, UserFacingError, refusing_invalid
from smartcity.core.identifiers import validate_juristic_id
from smartcity.core.thai import in_both_languages
from smartcity.notifications.services import notify
from smartcity.program.models import Domain

from . import checks
from .models import Endorsement, EndorsementStatus

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # 32 characters: no 0/O or 1/I to misread on paper
CODE_RANDOM_CHARS = 6


class EndorsementNotFound(UserFacingError):
    status = 404
    code = "not_found"


def as_id(value) -> int | None:
    """A positive whole number from an API or form value; anything else matches nothing."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    text = str(value or "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) < 12 else None


def _not_found() -> EndorsementNotFound:
    return EndorsementNotFound(_("There is no such endorsement."), field="endorsement_id")


# --- the company's request ----------------------------------------------------------------------------------


def _company_for(actor, company_id) -> Organization:
    """The company the actor may act for: an administrator or editor of an organisation of a company kind."""
    if not actor.has_perm("endorsements.request_endorsement"):
        raise NotAllowed(_("Only administrators and editors of a partner company ask for BOI endorsements."))
    company = Organization.objects.filter(
        pk=as_id(company_id),
        kind__in=COMPANY_KINDS,
        memberships__user=actor,
        memberships__role__in=[MembershipRole.ADMIN, MembershipRole.EDITOR],
    ).first()
    if company is None:
        raise NotAllowed(_("You may ask for endorsements only for a company where you are an administrator or editor."))
    return company


def is_partner(company: Organization, certificate: Certificate) -> bool:
    """The city's proponent, or an organisation named as a partner in the certified proposal."""
    if certificate.organization_id == company.pk:
        return True
    return certificate.proposal.partners.filter(pk=company.pk).exists()


def partner_certificates(company: Organization, today: dt.date | None = None):
    """The current Smart City certificates of the cities this company partners: what it may ask about."""
    today = today or timezone.localdate()
    return (
        Certificate.objects.filter(Q(organization=company) | Q(proposal__partners=company))
        .filter(kind="smart_city", state="active", expires_on__gte=today)
        .distinct()
        .prefetch_related("domains")
        .order_by("city_name_th", "number")
    )


def _certificate_for(company: Organization, number) -> Certificate:
    certificate = Certificate.objects.select_for_update().filter(number=str(number or "").strip()[:20]).first()
    if certificate is None:
        raise UserFacingError(
            _("There is no certificate with this number."), field="certificate_number", code="not_found"
        )
    if not is_partner(company, certificate):
        raise UserFacingError(
            _(
                "%(company)s is not a partner of %(city)s. Only the city's proponent and the partner organisations "
                "named in its certified proposal may ask for an endorsement."
            ),
            field="certificate_number",
            code="not_partner",
            params={"company": company.name_th, "city": certificate.city_name},
        )
    return certificate


def _juristic_id(company: Organization, value) -> str:
    juristic_id = str(value or "").strip()
    with refusing_invalid(field="juristic_id"):
        validate_juristic_id(juristic_id)
    if not company.juristic_id:
        raise UserFacingError(
            _("%(company)s has no juristic person ID registered; ask the secretariat to add it."),
            field="juristic_id",
            code="not_registered",
            params={"company": company.name_th},
        )
    if juristic_id != company.juristic_id:
        raise UserFacingError(
            _(
                "This juristic person ID does not match the one registered for %(company)s. If it has changed, ask "
                "the secretariat to correct the registration."
            ),
            field="juristic_id",
            code="juristic_id_mismatch",
            params={"company": company.name_th},
        )
    return juristic_id


def _domains(codes) -> list[Domain]:
    if codes is None:
        codes = []
    if not isinstance(codes, list | tuple) or not all(isinstance(code, str) for code in codes):
        raise UserFacingError(_("Give the domains as a list of domain codes."), field="domain_codes")
    wanted = list(dict.fromkeys(code.strip() for code in codes))
    found = {domain.code: domain for domain in Domain.objects.filter(code__in=wanted)}
    unknown = [code for code in wanted if code not in found]
    if unknown:
        raise UserFacingError(
            _("“%(code)s” is not one of the seven smart city domains."),
            field="domain_codes",
            code="unknown_domain",
            params={"code": unknown[0][:40]},
        )
    return [found[code] for code in wanted]


def _raise(problem: UserFacingError | None) -> None:
    if problem is not None:
        raise problem


@transaction.atomic
def request_endorsement(
    *,
    actor,
    company_id: int,
    certificate_number: str,
    juristic_id: str,
    activity: str,
    domain_codes: list[str],
    project_title: str,
    description: str,
    investment_baht,
    lat,
    lon,
    today: dt.date | None = None,
) -> Endorsement:
    """A partner company asks the secretariat to endorse its project in a certified city, for BOI."""
    today = today or timezone.localdate()
    company = _company_for(actor, company_id)
    certificate = _certificate_for(company, certificate_number)
    _raise(checks.certificate_problem(certificate, today))
    juristic_id = _juristic_id(company, juristic_id)
    project_domains = _domains(domain_codes)
    _raise(checks.activity_problem(activity, list(certificate.domains.all()), project_domains))
    title = checks.clean_text(project_title, field="project_title", limit=checks.MAX_TITLE_CHARS)
    text = checks.clean_text(description, field="description", limit=checks.MAX_DESCRIPTION_CHARS)
    investment = checks.parse_investment(investment_baht)
    latitude = checks.parse_coordinate(lat, field="lat")
    longitude = checks.parse_coordinate(lon, field="lon")
    _raise(checks.location_problem(certificate, latitude, longitude))
    pending = Endorsement.objects.filter(
        company=company, certificate=certificate, project_title=title, status=EndorsementStatus.REQUESTED
    )
    if pending.exists():
        raise Conflict(
            _("A request for this project in this city is already waiting for the secretariat."), code="duplicate"
        )
    endorsement = Endorsement.objects.create(
        certificate=certificate,
        company=company,
        juristic_id=juristic_id,
        activity=activity,
        project_title=title,
        description=text,
        investment_baht=investment,
        lat=latitude,
        lon=longitude,
        requested_by=actor,
    )
    endorsement.domains.set(project_domains)
    record_event(
        actor=actor,
        action="endorsement.requested",
        obj=endorsement,
        after={
            "certificate": certificate.number,
            "company": company.pk,
            "juristic_id": juristic_id,
            "activity": activity,
            "domains": [domain.code for domain in project_domains],
            "project_title": title,
            "investment_baht": investment,
            "lat": latitude,
            "lon": longitude,
        },
    )
    return endorsement


# --- the secretariat's decision -----------------------------------------------------------------------------


def _locked_for_decision(actor, endorsement_id) -> Endorsement:
    if not actor.has_perm("endorsements.decide_endorsement"):
        raise NotAllowed(_("Only the secretariat decides on BOI endorsements."))
    endorsement_id = as_id(endorsement_id)
    found = Endorsement.objects.filter(pk=endorsement_id)
    certificate_id = found.values_list("certificate_id", flat=True).first() if endorsement_id else None
    if certificate_id is None:
        raise _not_found()
    # The certificate first, as its state changes do, so a revocation and an approval cannot deadlock.
    Certificate.objects.select_for_update().filter(pk=certificate_id).first()
    endorsement = (
        Endorsement.objects.select_for_update().select_related("certificate", "company").get(pk=endorsement_id)
    )
    if endorsement.status != EndorsementStatus.REQUESTED:
        raise Conflict(
            _("This request has already been decided (it is “%(status)s”)."),
            code="already_decided",
            params={"status": endorsement.get_status_display()},
        )
    return endorsement


def _note(note, *, required: bool) -> str:
    if required and not str(note or "").strip():
        raise UserFacingError(_("Give the reason; the company will see it."), field="note", code="required")
    return checks.clean_text(note, field="note", limit=checks.MAX_NOTE_CHARS, required=False)


def _new_code(certificate: Certificate) -> str:
    for _attempt in range(10):
        suffix = "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_RANDOM_CHARS))
        code = f"BOI-{certificate.number}-{suffix}"
        if not Endorsement.objects.filter(code=code).exists():
            return code
    raise Conflict(_("No free verification code was found; please try again."), code="code_exhausted")


def _decide(endorsement: Endorsement, actor, status: str, note: str) -> None:
    endorsement.status = status
    endorsement.decided_by = actor
    endorsement.decided_at = timezone.now()
    endorsement.decision_note = note
    endorsement.save(update_fields=["status", "code", "decided_by", "decided_at", "decision_note", "updated_at"])


@transaction.atomic
def approve_endorsement(*, actor, endorsement_id: int, note: str = "", today: dt.date | None = None) -> Endorsement:
    """Approve a request: every rule is checked again against the certificate as it is now, and the
    endorsement gets the unique verification code printed on its letter."""
    today = today or timezone.localdate()
    endorsement = _locked_for_decision(actor, endorsement_id)
    note = _note(note, required=False)
    for check in checks.rule_checks(endorsement, today):
        if check.problem is not None:
            problem = check.problem
            raise Conflict(problem.message, field=problem.field, code=problem.code, params=problem.params)
    endorsement.code = _new_code(endorsement.certificate)
    try:
        with transaction.atomic():
            _decide(endorsement, actor, EndorsementStatus.APPROVED, note)
    except IntegrityError:  # the same code drawn by a concurrent approval: draw again, once
        endorsement.code = _new_code(endorsement.certificate)
        _decide(endorsement, actor, EndorsementStatus.APPROVED, note)
    record_event(
        actor=actor,
        action="endorsement.approved",
        obj=endorsement,
        before={"status": EndorsementStatus.REQUESTED},
        after={"status": endorsement.status, "code": endorsement.code, "note": note},
    )
    _tell_company(
        endorsement,
        comments=in_both_languages(
            lambda: _("Approved. Verification code: %(code)s.") % {"code": endorsement.code}, suffix=note
        ),
    )
    return endorsement


@transaction.atomic
def reject_endorsement(*, actor, endorsement_id: int, note: str) -> Endorsement:
    """Refuse a request, with the reason the company sees."""
    endorsement = _locked_for_decision(actor, endorsement_id)
    note = _note(note, required=True)
    _decide(endorsement, actor, EndorsementStatus.REJECTED, note)
    record_event(
        actor=actor,
        action="endorsement.rejected",
        obj=endorsement,
        before={"status": EndorsementStatus.REQUESTED},
        after={"status": endorsement.status, "note": note},
    )
    _tell_company(endorsement, comments=in_both_languages(lambda: _("Not approved. Reason:"), suffix=note))
    return endorsement


def _tell_company(endorsement: Endorsement, comments: dict[str, str]) -> None:
    company = endorsement.company
    notify(
        template_code="endorsement_decided",
        users=User.objects.filter(memberships__organization=company).distinct(),
        context={
            "project_title": endorsement.project_title,
            "company": {"th": company.name_th, "en": company.name_en or company.name_th},
            "certificate_number": endorsement.certificate.number,
            "comments": comments,
            "url": reverse("endorsements:detail", args=[endorsement.pk]),
        },
        related=endorsement,
    )


# --- BOI's check --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckResult:
    code: str
    endorsement: Endorsement | None
    effective_status: str = ""
    certificate_status: str = ""

    @property
    def found(self) -> bool:
        return self.endorsement is not None

    @property
    def is_valid(self) -> bool:
        return self.effective_status == EndorsementStatus.APPROVED


def normalise_code(code) -> str:
    return "".join(str(code or "").split()).upper()[:60]


@transaction.atomic
def check_endorsement(*, actor, code: str) -> CheckResult:
    """What a BOI officer sees for a code from a letter. Each check is audited (who checked which code and what
    they were told), so a forged or reused letter leaves a trace; nothing about the company is copied into it."""
    if not actor.has_perm("endorsements.check_endorsements"):
        raise NotAllowed(_("Only BOI officers and the secretariat check endorsement codes."))
    code = normalise_code(code)
    if not code:
        raise UserFacingError(_("Enter the verification code printed on the letter."), field="code", code="required")
    endorsement = (
        Endorsement.objects.select_related("certificate", "company", "decided_by")
        .prefetch_related("domains", "certificate__domains")
        .filter(code=code)
        .first()
    )
    result = CheckResult(code=code, endorsement=None)
    if endorsement is not None:
        result = CheckResult(
            code=code,
            endorsement=endorsement,
            effective_status=endorsement.effective_status,
            certificate_status=endorsement.certificate.status,
        )
    record_event(
        actor=actor,
        action="endorsement.checked",
        obj=endorsement if endorsement is not None else ("endorsements.endorsement", ""),
        after={
            "code": code,
            "found": result.found,
            "effective_status": result.effective_status,
            "certificate_status": result.certificate_status,
        },
    )
    return result


# --- the link to the certificate ----------------------------------------------------------------------------


def suspend_lapsed_endorsements(*, actor=None, certificates: list[Certificate] | None = None) -> int:
    """Persist what ``Endorsement.effective_status`` already shows: suspend approved endorsements whose
    certificate is no longer current, and restore those suspended with a certificate that is current again.
    Runs inside the caller's transaction (a certificate change) or nightly for certificates that expired."""
    endorsements = Endorsement.objects.select_for_update().select_related("certificate")
    if certificates is not None:
        endorsements = endorsements.filter(certificate__in=certificates)
    changed = 0
    today = timezone.localdate()
    for endorsement in endorsements.filter(status__in=[EndorsementStatus.APPROVED, EndorsementStatus.SUSPENDED]):
        current = endorsement.certificate.status_on(today) in CURRENT_STATUSES
        if endorsement.status == EndorsementStatus.APPROVED and not current:
            endorsement.status = EndorsementStatus.SUSPENDED
            endorsement.suspended_with_certificate = True
        elif endorsement.status == EndorsementStatus.SUSPENDED and endorsement.suspended_with_certificate and current:
            endorsement.status = EndorsementStatus.APPROVED
            endorsement.suspended_with_certificate = False
        else:
            continue
        endorsement.save(update_fields=["status", "suspended_with_certificate", "updated_at"])
        record_event(
            actor=actor,
            action=f"endorsement.{'suspended' if endorsement.status == EndorsementStatus.SUSPENDED else 'restored'}",
            obj=endorsement,
            after={"status": endorsement.status, "certificate": endorsement.certificate.number},
        )
        changed += 1
    return changed
