"""Hand-offs (core/handoffs.py): how a lower app has something done above it without importing it."""

import pytest

from smartcity.certification.handoffs import certificate_changed
from smartcity.core.handoffs import Handoff, HandoffNotConnected
from smartcity.evaluation.handoffs import proposal_designated
from smartcity.proposals.handoffs import also_visible_to, revision_resubmitted


def test_handlers_run_in_order_and_their_results_come_back():
    seen = []
    handoff: Handoff[[int], int] = Handoff("test.numbers")
    handoff.connect(lambda n: seen.append(("first", n)) or n + 1)
    handoff.connect(lambda n: seen.append(("second", n)) or n * 10)
    assert handoff.send(4) == [5, 40]
    assert seen == [("first", 4), ("second", 4)]


def test_an_optional_handoff_with_nothing_connected_does_nothing():
    assert Handoff("test.optional").send() == []


def test_a_required_handoff_with_nothing_connected_fails_loudly():
    with pytest.raises(HandoffNotConnected, match="test.required"):
        Handoff("test.required", required=True).send()
    with pytest.raises(HandoffNotConnected):
        Handoff("test.single", single=True).call()


def test_a_single_handoff_takes_one_handler_and_connecting_again_changes_nothing():
    handoff: Handoff[[], str] = Handoff("test.single", single=True)

    def issue() -> str:
        return "SCT-2569-0001"

    handoff.connect(issue)
    handoff.connect(issue)
    assert handoff.handlers == (issue,)
    assert handoff.call() == "SCT-2569-0001"
    with pytest.raises(ValueError, match="one handler"):
        handoff.connect(lambda: "another")
    with pytest.raises(TypeError):
        Handoff("test.many").call()


def test_the_apps_above_connect_the_hand_offs_of_the_apps_below():
    """What the installed apps connect when Django starts (their `connections` modules)."""

    def names(handoff):
        return [f"{h.__module__}.{h.__name__}" for h in handoff.handlers]

    assert names(revision_resubmitted) == ["smartcity.evaluation.services.decisions.open_next_round"]
    assert names(also_visible_to) == ["smartcity.evaluation.connections.assigned_proposals"]
    assert names(proposal_designated) == ["smartcity.certification.connections.issue_for_designation"]
    assert names(certificate_changed) == [
        "smartcity.endorsements.connections.follow_certificate",
        "smartcity.registry.connections.drop_cached_pages",
    ]
