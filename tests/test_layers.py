"""The apps form one order and import only downwards (docs/adr/0005-house-layers-portal.md)."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from tests import layering

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "smartcity"


def test_every_app_is_in_the_order():
    missing = layering.apps_in(SOURCE) - set(layering.LAYERS)
    assert not missing, f"apps missing from tests/layering.py LAYERS: {sorted(missing)}"


def test_apps_import_only_apps_below_them():
    refs = layering.references(SOURCE)
    assert not layering.violations(refs), layering.report(SOURCE, refs)


def test_no_cycle_between_apps():
    refs = layering.references(SOURCE)
    assert layering.cycles(layering.app_graph(refs)) == [], layering.report(SOURCE, refs)


def test_no_function_level_import_across_apps():
    """A deferred import across apps hides a dependency (or a cycle) from the reader; import at the top."""
    deferred = [ref for ref in layering.references(SOURCE) if ref.deferred]
    assert not deferred, "\n".join(f"{ref.where(SOURCE)}: {ref.text}" for ref in deferred)


def test_the_docs_show_the_same_order():
    text = (ROOT / "docs" / "architecture-layers.md").read_text(encoding="utf-8")
    shown = re.search(r"```text\n(.*?)```", text, re.S).group(1)
    assert re.findall(r"[a-z]+", shown) == list(layering.LAYERS)


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "smartcity"
    for name, body in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(body), encoding="utf-8")
    for package in {p.parent for p in root.rglob("*.py")} | {root}:
        (package / "__init__.py").touch()
    return root


def test_a_planted_back_edge_is_reported_with_its_place(tmp_path):
    root = _tree(
        tmp_path,
        {
            "core/models.py": "X = 1\n",
            "program/models.py": "from smartcity.core.models import X\n",
            "proposals/services.py": """
                from smartcity.program.models import X


                def resubmit():
                    from smartcity.evaluation.services import open_next_round  # the back edge

                    return open_next_round(X)
            """,
            "evaluation/services.py": "from smartcity.proposals.services import resubmit\n",
        },
    )
    refs = layering.references(root)
    bad = layering.violations(refs)
    assert [(ref.source, ref.target, ref.path.name, ref.line, ref.deferred) for ref in bad] == [
        ("proposals", "evaluation", "services.py", 6, True)
    ]
    assert layering.cycles(layering.app_graph(refs)) == [("evaluation", "proposals")]
    message = layering.report(root, refs)
    assert "smartcity/proposals/services.py:6: proposals -> evaluation (deferred import)" in message
    assert "evaluation -> proposals -> evaluation" in message


def test_string_references_count(tmp_path):
    root = _tree(
        tmp_path,
        {
            "core/models.py": 'KERNEL = "smartcity.core"\n',
            "accounts/models.py": """
                from django.db import models


                class Role(models.Model):
                    domain = models.ForeignKey("program.Domain", on_delete=models.PROTECT)
            """,
            "program/models.py": "",
            "core/checks.py": """
                from django.apps import apps
                from typing import TYPE_CHECKING

                if TYPE_CHECKING:
                    from smartcity.proposals.models import Proposal

                Assignment = apps.get_model("evaluation", "Assignment")
                urls = "smartcity.portal.urls"
            """,
            "proposals/models.py": "",
            "evaluation/models.py": "",
            "portal/urls.py": "",
        },
    )
    found = {(ref.source, ref.target, ref.line) for ref in layering.violations(layering.references(root))}
    assert found == {
        ("accounts", "program", 6),
        ("core", "proposals", 6),
        ("core", "evaluation", 8),
        ("core", "portal", 9),
    }


def test_an_app_outside_the_order_is_reported(tmp_path):
    root = _tree(tmp_path, {"core/models.py": "", "gadgets/views.py": "from smartcity.core.models import X\n"})
    assert [(ref.source, ref.target) for ref in layering.violations(layering.references(root))] == [("gadgets", "core")]
