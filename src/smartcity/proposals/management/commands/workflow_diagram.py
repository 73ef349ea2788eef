from django.core.management.base import BaseCommand

from smartcity.proposals.workflow import TRANSITIONS, mermaid_diagram


class Command(BaseCommand):
    help = "Print the proposal's state diagram (Mermaid) and its transition table, from the code."

    def handle(self, *args, **options):
        self.stdout.write("```mermaid\n" + mermaid_diagram() + "\n```\n")
        self.stdout.write("| Action | From | To | Permission |\n|---|---|---|---|")
        for t in TRANSITIONS.values():
            self.stdout.write(f"| `{t.action}` | {', '.join(sorted(t.source))} | {t.target} | `{t.permission}` |")
