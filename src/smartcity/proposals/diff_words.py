"""The comparison of two versions in words: "3. City data platform · Security: audit logging · No → Yes", not
``data_platform.security.audit_logging False → True``. Labels come from the models' verbose names (translated),
values are shown as a person reads them (yes/no, domain names, choice labels, dates in the reader's calendar)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from smartcity.core.templatetags.thai import localized
from smartcity.core.thai import format_date, format_number
from smartcity.program.models import CityType, Domain

from .document import diff
from .models import (
    Dataset,
    Goal,
    InfrastructureCategory,
    InfrastructureItem,
    ItemStatus,
    Openness,
    Proposal,
    Service,
    UpdateFrequency,
)
from .sections import LABELS

_ROW = re.compile(r"^(?P<list>[a-z_]+\.[a-z_]+)\[(?P<index>\d+)\]\.(?P<field>[a-z_]+)$")
_LISTS = {
    "area_goals.goals": (Goal, gettext_lazy("Goal %(n)s")),
    "infrastructure.items": (InfrastructureItem, gettext_lazy("Infrastructure item %(n)s")),
    "data_platform.datasets": (Dataset, gettext_lazy("Dataset %(n)s")),
    "services.items": (Service, gettext_lazy("Service %(n)s")),
}
_CHOICES = {
    "category": InfrastructureCategory,
    "status": ItemStatus,
    "openness": Openness,
    "update_frequency": UpdateFrequency,
}
_OWN_LABELS = {
    "title.th": gettext_lazy("Title (Thai)"),
    "title.en": gettext_lazy("Title (English)"),
    "city_type": gettext_lazy("City type"),
    "domains": gettext_lazy("Claimed domains"),
    "area_goals.area": gettext_lazy("Area on the map"),
    "data_platform.description": gettext_lazy("Data platform description"),
}


@dataclass(frozen=True)
class Change:
    section: str
    field: str
    before: str
    after: str
    path: str


def changes_in_words(old: dict, new: dict) -> list[Change]:
    domains = {d.code: d for d in Domain.objects.all()}
    return [_in_words(path, before, after, domains) for path, before, after in diff(old, new)]


def _in_words(path: str, before: Any, after: Any, domains: dict) -> Change:
    section = str(LABELS.get(path.split(".", 1)[0].split("[", 1)[0], LABELS["general"]))
    return Change(section, _label(path), _value(path, before, domains), _value(path, after, domains), path)


def _label(path: str) -> str:
    if path in _OWN_LABELS:
        return str(_OWN_LABELS[path])
    if row := _ROW.match(path):
        model, row_label = _LISTS.get(row["list"], (None, gettext_lazy("Row %(n)s")))
        field = _verbose(model, row["field"]) if model else row["field"]
        return f"{row_label % {'n': int(row['index']) + 1}}: {field}"
    name = path.rsplit(".", 1)[-1]
    if path.startswith("data_platform.security."):
        return f"{_('Security')}: {_verbose(Proposal, 'sec_' + name)}"
    if path.startswith("proponent.") or path.startswith("call.") or path.startswith("partners"):
        return path
    return _verbose(Proposal, name)


def _verbose(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # noqa: BLE001 - a key of the document that is not a model field is shown as it is
        return name


def _value(path: str, value: Any, domains: dict) -> str:
    field = path.rsplit(".", 1)[-1]
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if field == "domain" or path == "domains":
        codes = value if isinstance(value, list) else [value]
        return ", ".join(localized(domains[c]) if c in domains else str(c) for c in codes)
    if path == "city_type":
        return localized(CityType.objects.filter(code=value).first()) or str(value)
    if field in _CHOICES:
        choices = dict(_CHOICES[field].choices)
        return str(choices.get(value, value))
    if field.endswith("_date") and isinstance(value, str):
        try:
            return format_date(dt.date.fromisoformat(value))
        except ValueError:
            return value
    if field == "target_year" and isinstance(value, int):
        return format_date(dt.date(value, 1, 1)).rsplit(" ", 1)[-1]
    if field == "budget_baht" and isinstance(value, int | float):
        return format_number(value, 2 if value % 1 else 0)
    if path == "area_goals.area":
        return _("changed shape") if "sha256:" in str(value) else str(value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)
