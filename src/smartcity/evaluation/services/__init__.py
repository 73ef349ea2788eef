"""Every write of the evaluation, one module per concern; the reads are in `evaluation.selectors`.

`from smartcity.evaluation import services` gives the whole set under one name, as views, the API, commands
and the demo use it: one way in for every write, whichever module holds it.
"""

from .assignment import apply_plan, assign, declare_conflict, route_to_working_groups
from .common import ASSIGNABLE_STATUSES, DEFAULT_DUE_BUSINESS_DAYS
from .decisions import acknowledge, not_recommend, open_next_round, recommend, request_revision
from .meetings import add_to_agenda, apply_decisions, create_meeting, set_pending_decision
from .reminders import remind_due_assignments
from .scoring import domain_result_fields, submit_scorecard
from .screening import designate_promotion_zone, record_screening, start_screening

__all__ = [
    "ASSIGNABLE_STATUSES",
    "DEFAULT_DUE_BUSINESS_DAYS",
    "acknowledge",
    "add_to_agenda",
    "apply_decisions",
    "apply_plan",
    "assign",
    "create_meeting",
    "declare_conflict",
    "designate_promotion_zone",
    "domain_result_fields",
    "not_recommend",
    "open_next_round",
    "record_screening",
    "recommend",
    "remind_due_assignments",
    "request_revision",
    "route_to_working_groups",
    "set_pending_decision",
    "start_screening",
    "submit_scorecard",
]
