"""Reads of notices and the outbox, always through the user."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Notice, OutboxMessage, OutboxStatus
from .rules import can_manage_outbox

RECENT_LIMIT = 50


def notices_for(user) -> QuerySet[Notice]:
    """The user's own notices, newest first."""
    if not (user and user.is_authenticated):
        return Notice.objects.none()
    return Notice.objects.filter(user=user, is_published=True).order_by("-created_at", "-pk")


def unread_notice_count(user) -> int:
    """How many of the user's notices are unread (0 for a visitor): for the navigation bar."""
    if not (user and user.is_authenticated):
        return 0
    return Notice.objects.filter(user=user, is_published=True, read_at__isnull=True).count()


def held_messages_for(user) -> QuerySet[OutboxMessage]:
    """Messages waiting for the secretariat's release, oldest first; nothing for anyone else."""
    if not can_manage_outbox(user):
        return OutboxMessage.objects.none()
    return (
        OutboxMessage.objects.filter(status=OutboxStatus.HELD).select_related("recipient").order_by("created_at", "pk")
    )


def recent_messages_for(user, limit: int = RECENT_LIMIT) -> list[OutboxMessage]:
    """The latest messages that are not held (queued, sent, failed, cancelled), newest first."""
    if not can_manage_outbox(user):
        return []
    return list(
        OutboxMessage.objects.exclude(status=OutboxStatus.HELD)
        .select_related("recipient", "released_by")
        .order_by("-created_at", "-pk")[:limit]
    )
