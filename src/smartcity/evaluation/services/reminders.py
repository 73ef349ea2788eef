"""Reminders of scorecards falling due."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from smartcity.core.business_days import add_business_days
from smartcity.notifications.services import notify
from smartcity.proposals.messages import proposal_context

from ..models import (
    Assignment,
)
from .common import S


@transaction.atomic
def remind_due_assignments(today: dt.date | None = None, within_business_days: int = 2) -> int:
    """Remind members whose scorecards are due within two business days; each assignment once."""
    today = today or timezone.localdate()
    horizon = add_business_days(today, within_business_days)
    due = (
        Assignment.objects.select_for_update(of=("self",))
        .filter(scorecard__isnull=True, reminded_on__isnull=True, due_on__lte=horizon, proposal__status=S.IN_EVALUATION)
        .select_related("proposal__organization", "member", "domain")
    )
    count = 0
    for assignment in due:
        notify(
            template_code="deadline_reminder",
            users=[assignment.member],
            related=assignment.proposal,
            context=proposal_context(
                assignment.proposal,
                deadline=assignment.due_on,
                comments={"th": assignment.domain.name_th, "en": assignment.domain.name_en},
                url=f"/evaluation/assignments/{assignment.pk}/",
            ),
        )
        assignment.reminded_on = today
        assignment.save(update_fields=["reminded_on", "updated_at"])
        count += 1
    return count
