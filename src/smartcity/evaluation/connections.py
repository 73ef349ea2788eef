"""What the evaluation does when proposals hand something off; connected by `EvaluationConfig.ready()`."""

from __future__ import annotations

from django.db.models import Q

from smartcity.proposals.handoffs import also_visible_to, revision_resubmitted

from .models import Assignment
from .services.decisions import open_next_round


def assigned_proposals(user) -> Q:
    """A working-group member sees the proposals assigned to them, in any round."""
    return Q(pk__in=Assignment.objects.filter(member=user).values("proposal"))


def connect() -> None:
    revision_resubmitted.connect(open_next_round)
    also_visible_to.connect(assigned_proposals)
