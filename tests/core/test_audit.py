import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from smartcity.core.audit import GENESIS_HASH, compute_hash, record_event, verify_chain
from smartcity.core.models import AppendOnlyError, AuditChainHead, AuditEvent
from tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _events(n=3):
    user = UserFactory()
    org = OrganizationFactory()
    return [
        record_event(actor=user, action=f"test.step{i}", obj=org, before={"i": i}, after={"i": i + 1}) for i in range(n)
    ]


def _drop_append_only_triggers():
    """Simulate someone with database access who bypasses the application (and its triggers)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_auditevent DISABLE TRIGGER core_auditevent_no_update")
        else:
            cursor.execute("DROP TRIGGER core_auditevent_no_update")
            cursor.execute("DROP TRIGGER core_auditevent_no_delete")


def test_events_form_a_chain_from_genesis():
    first, second, third = _events()
    assert (first.seq, second.seq, third.seq) == (1, 2, 3)
    assert first.prev_hash == GENESIS_HASH
    assert second.prev_hash == first.hash and third.prev_hash == second.hash
    assert compute_hash(AuditEvent.objects.get(seq=2)) == second.hash
    assert verify_chain().ok and verify_chain().checked == 3
    head = AuditChainHead.objects.get()
    assert (head.last_seq, head.last_hash) == (3, third.hash)


def test_event_records_actor_object_and_before_after():
    user = UserFactory(email="officer@example.com")
    org = OrganizationFactory(name_th="เทศบาลนครขอนแก่น")
    event = record_event(actor=user, action="organization.updated", obj=org, before={"a": 1}, after={"a": 2})
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.actor == user and stored.actor_label == "officer@example.com"
    assert (stored.object_type, stored.object_id, stored.object_label) == (
        "accounts.organization",
        str(org.pk),
        "เทศบาลนครขอนแก่น",
    )
    assert (stored.before, stored.after) == ({"a": 1}, {"a": 2})


def test_event_rolls_back_with_the_change():
    org = OrganizationFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        record_event(actor="system", action="test.doomed", obj=org)
        raise RuntimeError("the change failed")
    assert not AuditEvent.objects.filter(action="test.doomed").exists()
    assert verify_chain().ok


def test_orm_refuses_to_change_or_delete_an_event():
    event = _events(1)[0]
    event.action = "forged"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


def test_database_refuses_update_and_delete_behind_the_orm():
    _events(1)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(seq=1).update(action="forged")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(seq=1).delete()
    assert AuditEvent.objects.get(seq=1).action == "test.step0"


def test_tampered_content_is_named_by_audit_verify():
    _events(3)
    _drop_append_only_triggers()
    AuditEvent.objects.filter(seq=2).update(after={"i": 999})
    report = verify_chain()
    assert not report.ok and report.broken_seq == 2 and "hash" in report.reason
    with pytest.raises(CommandError, match="event #2"):
        call_command("audit_verify")


def test_deleted_event_is_named():
    _events(3)
    _drop_append_only_triggers()
    AuditEvent.objects.filter(seq=2).delete()
    report = verify_chain()
    assert (report.ok, report.broken_seq, report.reason) == (False, 2, "event #2 is missing")


def test_truncated_tail_is_detected():
    _events(3)
    _drop_append_only_triggers()
    AuditEvent.objects.filter(seq=3).delete()
    report = verify_chain()
    assert not report.ok and report.broken_seq == 3


def test_rehashed_forgery_breaks_the_link_to_the_next_event():
    _events(3)
    _drop_append_only_triggers()
    forged = AuditEvent.objects.get(seq=2)
    forged.after = {"i": 999}
    new_hash = compute_hash(forged)
    AuditEvent.objects.filter(seq=2).update(after={"i": 999}, hash=new_hash)
    report = verify_chain()
    assert (report.ok, report.broken_seq) == (False, 3)


def test_audit_verify_reports_an_intact_chain(capsys):
    _events(2)
    call_command("audit_verify")
    assert "2 events verified" in capsys.readouterr().out
