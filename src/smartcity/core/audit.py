"""Writing and verifying the audit chain. ``record_event`` is the only way an event is written."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from .models import AuditChainHead, AuditEvent

GENESIS_HASH = "0" * 64


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, set | frozenset):
        return sorted(value)
    return str(value)


def canonical_json(value: Any) -> str:
    """The exact bytes hashed: sorted keys, no spaces, UTF-8 kept as is."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_json_default)


def normalise(value: Any) -> Any:
    """What a JSON column gives back, so the hash computed on write matches the one on read."""
    return json.loads(canonical_json(value)) if value is not None else None


def compute_hash(event: AuditEvent) -> str:
    body = {
        "seq": event.seq,
        "occurred_at": event.occurred_at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "actor_id": event.actor_id,
        "actor_label": event.actor_label,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "object_label": event.object_label,
        "before": event.before,
        "after": event.after,
        "prev_hash": event.prev_hash,
    }
    return hashlib.sha256(canonical_json(body).encode("utf-8")).hexdigest()


def _object_ref(obj: models.Model | tuple[str, str]) -> tuple[str, str, str]:
    if isinstance(obj, tuple):
        return obj[0], str(obj[1]), ""
    return obj._meta.label_lower, str(obj.pk), str(obj)[:255]


def record_event(
    *,
    actor: Any,
    action: str,
    obj: models.Model | tuple[str, str],
    before: Any = None,
    after: Any = None,
) -> AuditEvent:
    """Append one event to the chain inside the caller's transaction.

    Call it from the service that makes the change, in the same ``transaction.atomic`` block:
    if the change rolls back, so does its event.
    """
    object_type, object_id, object_label = _object_ref(obj)
    with transaction.atomic():
        head, _created = AuditChainHead.objects.select_for_update().get_or_create(
            id=1, defaults={"last_seq": 0, "last_hash": GENESIS_HASH}
        )
        user = actor if getattr(actor, "is_authenticated", False) else None
        event = AuditEvent(
            seq=head.last_seq + 1,
            occurred_at=timezone.now(),
            actor=user,
            actor_label=(user.email if user else str(actor or "system"))[:255],
            action=action,
            object_type=object_type,
            object_id=object_id,
            object_label=object_label,
            before=normalise(before),
            after=normalise(after),
            prev_hash=head.last_hash,
        )
        event.hash = compute_hash(event)
        event.save()
        head.last_seq = event.seq
        head.last_hash = event.hash
        head.save(update_fields=["last_seq", "last_hash"])
    return event


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    broken_seq: int | None = None
    reason: str = ""


def verify_chain(batch_size: int = 2000) -> ChainReport:
    """Walk the chain in order; return the first event that does not fit, and why."""
    head = AuditChainHead.objects.filter(id=1).first()
    expected_prev = GENESIS_HASH
    expected_seq = 1
    checked = 0
    for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=batch_size):
        if event.seq != expected_seq:
            return ChainReport(False, checked, expected_seq, f"event #{expected_seq} is missing")
        if event.prev_hash != expected_prev:
            return ChainReport(False, checked, event.seq, "its previous hash does not match the event before it")
        if compute_hash(event) != event.hash:
            return ChainReport(False, checked, event.seq, "its content does not match its hash")
        expected_prev = event.hash
        expected_seq += 1
        checked += 1
    last_seq = head.last_seq if head else 0
    if last_seq != checked or (head and head.last_hash != expected_prev):
        return ChainReport(False, checked, checked + 1, "events at the end of the chain are missing")
    return ChainReport(True, checked)


def snapshot(instance: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """A JSON-able picture of a model's concrete fields, for the before/after of an event."""
    names = fields or [f.attname for f in instance._meta.concrete_fields]
    return normalise({name: getattr(instance, name) for name in names})
