"""Load the demo: people for every role, the pilot cities, calls. Safe to run again (idempotent)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from smartcity.accounts import services
from smartcity.accounts.demo import DEMO_PASSWORD, ORGANIZATIONS, people
from smartcity.accounts.models import Organization, User
from smartcity.catalogue import demo as catalogue_demo
from smartcity.certification import demo as certification_demo
from smartcity.endorsements import demo as endorsements_demo
from smartcity.evaluation import demo as evaluation_demo
from smartcity.program.models import Call, CityType, CriteriaSet, Domain
from smartcity.program.services import grant_program_role, save_call
from smartcity.proposals import demo as proposals_demo

SYSTEM = "demo_data"
SECRETARIAT_GROUP = "Secretariat operators"
SECRETARIAT_PERMISSIONS = [
    ("program", ["call", "criteriaset"]),
    ("accounts", ["organization", "membership"]),
]


class Command(BaseCommand):
    help = "Create demo accounts (one per role), the three pilot cities and calls. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--quiet-accounts", action="store_true", help="Do not print the account list.")

    def handle(self, *args, **options):
        # The seeded history sends a few dozen e-mails; keep them in the outbox instead of flooding the console
        # the newcomer is reading. They are sent when the transaction commits, so the override wraps it.
        # Mail sent while using the demo is printed as usual.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            self._seed(**options)

    @transaction.atomic
    def _seed(self, **options):
        organizations = self._organizations()
        group = self._secretariat_group()
        for person in people():
            user = User.objects.filter(email__iexact=person.email).first()
            if user is None:
                user = services.create_user(
                    actor=SYSTEM,
                    email=person.email,
                    full_name=person.full_name,
                    password=DEMO_PASSWORD,
                    is_staff=person.is_staff,
                    is_superuser=person.is_superuser,
                )
            if person.program_role:
                domain = Domain.objects.get(code=person.domain) if person.domain else None
                grant_program_role(
                    actor=SYSTEM, user=user, role=person.program_role, domain=domain, is_chair=person.chair
                )
                if person.program_role == "secretariat":
                    user.groups.add(group)
            if person.organization:
                services.set_membership(
                    actor=SYSTEM,
                    user=user,
                    organization=organizations[person.organization],
                    role=person.membership,
                )
        self._calls()
        self._proposals()
        if not options["quiet_accounts"]:
            self._print_accounts()

    def _organizations(self) -> dict[str, Organization]:
        result = {}
        for data in ORGANIZATIONS:
            fields = {k: v for k, v in data.items() if k != "key"}
            org = Organization.objects.filter(name_en=fields["name_en"]).first()
            if org is None:
                org = services.save_organization(actor=SYSTEM, organization=Organization(**fields))
            result[data["key"]] = org
        return result

    def _secretariat_group(self) -> Group:
        group, _ = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
        for app_label, models in SECRETARIAT_PERMISSIONS:
            perms = Permission.objects.filter(content_type__app_label=app_label, content_type__model__in=models)
            group.permissions.add(*perms)
        return group

    def _calls(self) -> None:
        criteria_set = CriteriaSet.objects.get(version=1)
        today = timezone.localdate()
        calls = [
            {
                "name_th": "รอบที่ 1/2562",
                "name_en": "Round 1/2019",
                "opens_on": dt.date(2019, 5, 1),
                "closes_on": dt.date(2019, 7, 31),
            },
            {
                "name_th": f"รอบที่ 1/{today.year + 543}",
                "name_en": f"Round 1/{today.year}",
                "opens_on": today - dt.timedelta(days=30),
                "closes_on": today + dt.timedelta(days=150),
            },
        ]
        for data in calls:
            if not Call.objects.filter(name_en=data["name_en"]).exists():
                save_call(
                    actor=SYSTEM,
                    call=Call(criteria_set=criteria_set, **data),
                    city_types=CityType.objects.all(),
                )

    def _proposals(self) -> None:
        # Each app seeds its own part, in the order of the program: proposals, evaluation, certificates, endorsements.
        made = proposals_demo.load()
        evaluation_demo.advance(made)
        certification_demo.advance(made)
        endorsements_demo.advance(made)
        for proposal in made:
            self.stdout.write(f"  proposal: {proposal.title_th} ({proposal.get_status_display()})")
        for name in catalogue_demo.load():
            self.stdout.write(f"  dataset: {name}")

    def _print_accounts(self) -> None:
        self.stdout.write(self.style.SUCCESS(f"Demo accounts (password for all: {DEMO_PASSWORD})"))
        for person in people():
            self.stdout.write(f"  {person.email:<42} {person.role_label}")
