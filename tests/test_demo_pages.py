"""Every role's main pages render with the demo data, in Thai and in English (a smoke test of the whole UI)."""

import pytest
from django.core.management import call_command

from smartcity.accounts.models import User
from smartcity.certification.models import Certificate
from smartcity.endorsements.models import Endorsement
from smartcity.evaluation.models import Assignment, Meeting
from smartcity.proposals.models import Proposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("demo_data", "--quiet-accounts")
    return {
        "khonkaen": Proposal.objects.get(organization__name_en="Khon Kaen City Municipality"),
        "tod": Proposal.objects.get(organization__name_en="Khon Kaen Think Tank Co., Ltd."),
        "chiangmai": Proposal.objects.get(organization__name_en="Chiang Mai City Municipality"),
        "meeting": Meeting.objects.get(),
        "scored": Assignment.objects.filter(
            proposal__organization__name_en="Khon Kaen Think Tank Co., Ltd.", domain__code="environment"
        ).first(),
        "certificates": {
            c.proposal.organization.name_en: c.number
            for c in Certificate.objects.select_related("proposal__organization")
        },
    }


def pages(demo):
    kk, pk, meeting, scored = demo["khonkaen"].pk, demo["tod"].pk, demo["meeting"].pk, demo["scored"]
    numbers = demo["certificates"]
    kk_cert, phuket_cert = numbers["Khon Kaen City Municipality"], numbers["Phuket City Municipality"]
    approved = Endorsement.objects.get(status="approved")
    code = approved.code
    approved = approved.pk
    return {
        "khonkaen": [
            "/home/",
            "/proposals/",
            f"/proposals/{kk}/",
            f"/proposals/{kk}/attachments/",
            "/notifications/",
            "/accounts/tokens/",
            "/certificates/",
            f"/certificates/{kk_cert}/",
        ],
        "phuket": ["/certificates/", f"/certificates/{phuket_cert}/"],
        "kktt": [
            "/proposals/",
            f"/proposals/{pk}/",
            "/endorsements/",
            "/endorsements/new/",
            f"/endorsements/{approved}/",
        ],
        "chiangmai": [f"/proposals/{demo['chiangmai'].pk}/edit/area-goals/"],
        "secretariat": [
            "/secretariat/",
            "/evaluation/inbox/",
            f"/evaluation/proposals/{pk}/",
            f"/evaluation/proposals/{pk}/?plan=1",
            "/evaluation/meetings/",
            f"/evaluation/meetings/{meeting}/",
            "/evaluation/insight/",
            "/notifications/outbox/",
            f"/proposals/{pk}/",
            "/certificates/",
            f"/certificates/{phuket_cert}/",
            "/endorsements/inbox/",
        ],
        "wg.environment.1": [
            "/working-groups/environment/",
            "/evaluation/assignments/",
            f"/evaluation/assignments/{scored.pk}/",
            "/evaluation/conflicts/",
        ],
        "subcommittee.chair": ["/subcommittee/", "/evaluation/meetings/", f"/evaluation/meetings/{meeting}/"],
        "committee": ["/committee/", "/evaluation/committee/", f"/proposals/{kk}/"],
        "boi": ["/boi/", "/endorsements/boi/", f"/endorsements/check/?code={code}"],
        "admin": ["/platform/", "/admin/", "/admin/program/criteriaset/"],
    }


@pytest.mark.parametrize("language", ["th", "en"])
def test_every_role_page_renders_with_demo_data(client, login_as, demo, language):
    client.cookies["smartcity_language"] = language
    for local, urls in pages(demo).items():
        login_as(User.objects.get(email=f"{local}@smartcity.example"))
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (local, url, response.status_code)
            assert f'lang="{language}"' in response.content.decode()[:200], (local, url)
