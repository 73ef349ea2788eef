"""An organisation's name is part of every stored CKAN record of its datasets: renaming it refreshes them."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from smartcity.accounts.models import Organization


@receiver(post_save, sender=Organization, dispatch_uid="catalogue_organization_renamed")
def organization_saved(sender, instance: Organization, created: bool, raw: bool = False, **kwargs) -> None:
    if created or raw:
        return
    from .index import refresh
    from .models import Dataset

    def refresh_all() -> None:
        for dataset in Dataset.objects.filter(organization=instance).select_related("organization").iterator():
            refresh(dataset)

    transaction.on_commit(refresh_all)
