import subprocess
import sys
from pathlib import Path

from smartcity.proposals.workflow import TRANSITIONS

ROOT = Path(__file__).resolve().parent.parent.parent


def test_docs_show_the_workflow_as_the_code_has_it():
    generated = subprocess.run(
        [sys.executable, "manage.py", "workflow_diagram"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"SMARTCITY_DEMO": "1", "SMARTCITY_DATA_DIR": str(ROOT / "var"), "PATH": ""},
    ).stdout
    assert generated.strip() in (ROOT / "docs" / "workflow.md").read_text(encoding="utf-8")


def test_every_transition_has_a_permission_and_a_label():
    for transition in TRANSITIONS.values():
        assert transition.permission.count(".") == 1 and str(transition.label)
        assert transition.target not in transition.source or transition.action == "defer"
