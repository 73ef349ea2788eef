"""What the registry does when certification hands something off; connected by `RegistryConfig.ready()`."""

from __future__ import annotations

from django.db import transaction

from smartcity.certification.handoffs import certificate_changed

from .cache import invalidate_registry


def drop_cached_pages(actor, certificate) -> None:
    """Every cached registry page and download is stale once the change commits (not before: a rollback
    would leave the old pages right)."""
    transaction.on_commit(invalidate_registry)


def connect() -> None:
    certificate_changed.connect(drop_cached_pages)
