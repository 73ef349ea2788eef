"""Every write to people, organisations, memberships and API tokens goes through these functions.

Program roles (secretariat, working groups, …) are granted in `smartcity.program.services`."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartcity.core.audit import record_event, snapshot
from smartcity.core.errors import UserFacingError
from smartcity.core.saving import save_audited

from .models import ApiToken, Membership, Organization, User, normalise_email


@transaction.atomic
def create_user(*, actor, email: str, full_name: str, password: str | None, **fields) -> User:
    user = User(email=normalise_email(email), full_name=full_name, **fields)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    record_event(actor=actor, action="user.created", obj=user, after=snapshot(user, ["email", "full_name"]))
    return user


def save_organization(*, actor, organization: Organization) -> Organization:
    """Create or update an organisation after validating every field (DOPA codes, juristic ID)."""
    return save_audited(actor=actor, instance=organization, event="organization")


@transaction.atomic
def set_membership(*, actor, user: User, organization: Organization, role: str) -> Membership:
    membership, created = Membership.objects.select_for_update().get_or_create(
        user=user, organization=organization, defaults={"role": role}
    )
    if not created and membership.role == role:
        return membership
    before = None if created else {"role": membership.role}
    if not created:
        membership.role = role
        membership.full_clean()
        membership.save(update_fields=["role", "updated_at"])
    record_event(
        actor=actor,
        action="membership.set",
        obj=membership,
        before=before,
        after={"user": user.email, "organization": organization.pk, "role": role},
    )
    return membership


API_TOKEN_PREFIX = "sct_"


def hash_api_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@transaction.atomic
def create_api_token(*, actor: User, name: str) -> tuple[ApiToken, str]:
    """A new token for the actor; the raw key is returned once and never stored."""
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise UserFacingError(_("Give the token a name of at most 100 characters."), field="name")
    if actor.api_tokens.filter(revoked_at__isnull=True).count() >= 20:
        raise UserFacingError(_("You already have 20 active tokens; revoke one first."), field="name")
    key = API_TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=actor, name=name, prefix=key[:12], key_hash=hash_api_key(key))
    record_event(actor=actor, action="api_token.created", obj=token, after={"name": name, "prefix": token.prefix})
    return token, key


@transaction.atomic
def revoke_api_token(*, actor: User, token_id: int) -> ApiToken:
    token = ApiToken.objects.select_for_update().get(pk=token_id, user=actor)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
        record_event(actor=actor, action="api_token.revoked", obj=token, after={"prefix": token.prefix})
    return token


def user_for_api_key(key: str) -> User | None:
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_api_key(key), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
