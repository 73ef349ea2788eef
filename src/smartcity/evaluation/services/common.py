"""What the evaluation services share: statuses, eligible proponents, the latest version, the deadline check."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartcity.core.errors import Conflict, UserFacingError
from smartcity.proposals.models import Proposal, ProposalStatus

S = ProposalStatus
DEFAULT_DUE_BUSINESS_DAYS = 15
ASSIGNABLE_STATUSES = frozenset({S.SCREENING, S.IN_EVALUATION})
ELIGIBLE_KINDS = {
    "city_municipality",
    "town_municipality",
    "subdistrict_municipality",
    "pao",
    "province",
    "university",
    "private_company",
    "city_development_company",
}


def latest_version(proposal: Proposal):
    version = proposal.versions.order_by("-number").first()
    if version is None:
        raise Conflict(_("The proposal has no submitted version."), code="no_version")
    return version


def check_due(due_on: dt.date) -> None:
    if due_on < timezone.localdate():
        raise UserFacingError(
            _("The deadline %(date)s is in the past."),
            field="due_on",
            code="deadline_past",
            params={"date": due_on.isoformat()},
        )
