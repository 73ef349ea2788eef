"""The editing pages of a proposal in order, and where each finding of the rules check is fixed.

A finding names a path in the proposal document ("area_goals.goals[1].kpi_name"); this module turns it into
the section page and the id of the form field that fixes it, and says which sections are complete.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

ORDER = ("general", "area_goals", "infrastructure", "data_platform", "services", "management")
URL_NAMES = {name: f"proposals:edit_{name}" for name in ORDER}
LABELS = {
    "general": _("Title, city type and domains"),
    "area_goals": _("1. Area and goals"),
    "infrastructure": _("2. Infrastructure plan"),
    "data_platform": _("3. City data platform"),
    "services": _("4. Smart services"),
    "management": _("5. Sustainable management"),
}
# The formset prefix of each list in the document, as the section pages name their rows.
ROWS = {
    "area_goals.goals": "goals",
    "infrastructure.items": "infrastructure_items",
    "data_platform.datasets": "datasets",
    "services.items": "services",
}
# Document keys whose form field has another name.
FIELD_IDS = {
    "title.th": "id_title_th",
    "title.en": "id_title_en",
    "city_type": "id_city_type",
    "domains": "id_domains",
    "area_goals.area": "area-title",
    "area_goals.admin_units": "id_admin_units_text",
    "data_platform.description": "id_platform_description",
}
_ROW_PATH = re.compile(r"^(?P<list>[a-z_]+\.[a-z_]+)\[(?P<index>\d+)\](?:\.(?P<field>[a-z_]+))?$")


def section_of(path: str) -> str:
    head = path.split(".", 1)[0].split("[", 1)[0]
    return head if head in ORDER else "general"


def field_id(path: str) -> str:
    """The id of the element that fixes the finding at ``path`` on its section page."""
    if path in FIELD_IDS:
        return FIELD_IDS[path]
    if path in ROWS:
        return f"{ROWS[path]}-rows"
    row = _ROW_PATH.match(path)
    if row and row["list"] in ROWS:
        prefix = ROWS[row["list"]]
        return f"id_{prefix}-{row['index']}-{row['field']}" if row["field"] else f"{prefix}-row-{row['index']}"
    if path.startswith("data_platform.security."):
        return "id_sec_" + path.rsplit(".", 1)[1]
    return "id_" + path.rsplit(".", 1)[-1]


def fix_url(proposal_id: int, path: str) -> str:
    return reverse(URL_NAMES[section_of(path)], args=[proposal_id]) + "#" + field_id(path)


def next_section(name: str) -> str | None:
    index = ORDER.index(name)
    return ORDER[index + 1] if index + 1 < len(ORDER) else None


@dataclass(frozen=True)
class SectionState:
    name: str
    label: str
    url: str
    missing: int  # blocking findings
    advice: int

    @property
    def complete(self) -> bool:
        return self.missing == 0


def section_states(proposal_id: int, findings) -> list[SectionState]:
    counts = {name: [0, 0] for name in ORDER}
    for finding in findings:
        counts[section_of(finding.field)][0 if finding.is_blocking else 1] += 1
    return [
        SectionState(name, str(LABELS[name]), reverse(URL_NAMES[name], args=[proposal_id]), *counts[name])
        for name in ORDER
    ]
