"""Each organisation's identity in the catalogue (a CKAN organisation): created when first needed."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from smartcity.accounts.models import Organization

from .models import Publisher
from .names import suggest_name


def publisher_for(organization: Organization) -> Publisher:
    existing = Publisher.objects.filter(organization=organization).first()
    if existing is not None:
        return existing
    base = suggest_name(organization.name_en, organization.name_th)[:80]
    for attempt in range(50):
        name = base if attempt == 0 else f"{base}-{attempt + 1}"
        try:
            with transaction.atomic():
                return Publisher.objects.create(organization=organization, name=name)
        except IntegrityError:
            already = Publisher.objects.filter(organization=organization).first()
            if already is not None:  # another request created it meanwhile
                return already
    raise RuntimeError("no free publisher name")


def publisher_by_ref(ref: str) -> Publisher | None:
    """An organisation by its catalogue id (UUID) or URL name, as CKAN clients pass ``owner_org``/``id``."""
    import uuid

    queryset = Publisher.objects.select_related("organization")
    try:
        return queryset.filter(id=uuid.UUID(str(ref))).first()
    except ValueError:
        return queryset.filter(name=str(ref)[:100]).first()
