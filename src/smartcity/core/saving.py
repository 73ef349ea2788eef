"""Saving an object an operator edited (in the admin or a form), with its before and after in the audit log."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.db import models, transaction

from .audit import record_event, snapshot

M = TypeVar("M", bound=models.Model)


@transaction.atomic
def save_audited(
    *,
    actor,
    instance: M,
    event: str,
    check: Callable[[M], None] | None = None,
    then: Callable[[M], dict | None] | None = None,
) -> M:
    """Validate (``full_clean``) and save ``instance``, and append ``<event>.created`` or ``<event>.updated``.

    An existing row is locked and read first: ``check(stored)`` may refuse the edit (it raises), and its snapshot
    is the event's *before*. ``then(saved)`` runs after the save (many-to-many fields, say) and returns fields to
    add to the *after*. A ValidationError propagates unchanged, for the caller's form or service to present.
    """
    before = None
    if instance.pk:
        stored = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
        if check is not None:
            check(stored)
        before = snapshot(stored)
    instance.full_clean()
    instance.save()
    extra = then(instance) if then is not None else None
    after = snapshot(instance) | (extra or {})
    action = f"{event}.updated" if before is not None else f"{event}.created"
    record_event(actor=actor, action=action, obj=instance, before=before, after=after)
    return instance
