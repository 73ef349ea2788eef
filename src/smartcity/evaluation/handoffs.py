"""What the evaluation hands to the apps above it (see `smartcity.core.handoffs`)."""

from __future__ import annotations

from typing import Any

from smartcity.core.handoffs import Handoff
from smartcity.program.models import Domain
from smartcity.proposals.models import Proposal

# The designations a decision confers: the codes of `program.Designation`.
SMART_CITY = "smart_city"
PROMOTION_ZONE = "promotion_zone"

# The committee acknowledged a proposal (SMART_CITY), or the secretariat designated a qualified area
# (PROMOTION_ZONE): the designation with the domains it covers, inside the decision's lock and transaction.
# Certification connects the issuing of the certificate and returns its number for the decision's audit event.
proposal_designated: Handoff[[Any, Proposal, str, list[Domain]], str] = Handoff(
    "evaluation.proposal_designated", single=True
)
