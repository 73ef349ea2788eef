"""The portable proposal file: load and validate one, check it against the rules, import it as a new draft.

Cities prepare the file in their own tools (format: `schema.json`, guide: docs/proposal-file.md). Loading
checks the size, the JSON syntax, the schema and two facts the schema cannot know (the area lies inside
Thailand, the DOPA codes exist), and reports every problem at once with its path, such as
``services.items[2].budget_baht``.
Importing writes through the services only, in one transaction: a file is imported whole or not at all.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError as SchemaError

from smartcity.core.errors import Conflict, NotAllowed, UserFacingError
from smartcity.core.identifiers import validate_district_code, validate_province_code
from smartcity.program.models import CityType

from . import geometry, rules_check
from .document import MANAGEMENT_KEYS, SECTION_CRITERION, SECURITY_KEYS, schema

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_PROBLEMS = 100  # reported; the count in the message is the real total
_MIB = 1024 * 1024


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file: where (a path such as ``area_goals.goals[0].domain``) and why, in both
    languages. Unpacks as ``(path, message)`` with the message in the active language."""

    path: str
    message_th: str
    message_en: str

    @property
    def message(self) -> str:
        return self.message_en if (translation.get_language() or "th").startswith("en") else self.message_th

    @property
    def criterion(self) -> int | None:
        head = self.path.split(".")[0].split("[")[0]
        if head == "domains":
            return 4
        if head in ("title", "city_type"):
            return 1
        return SECTION_CRITERION.get(head)

    def __iter__(self) -> Iterator[str]:
        return iter((self.path, self.message))

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def as_finding_dict(self) -> dict[str, Any]:
        """The shape of `rules_check.Finding.as_dict()`, for tools that read both."""
        return {
            "criterion": self.criterion,
            "severity": rules_check.BLOCKING,
            "code": "invalid_file",
            "field": self.path,
            "message_th": self.message_th,
            "message_en": self.message_en,
        }


def _problem(path: str, template, /, **params) -> Problem:
    texts = {}
    for language in ("th", "en"):
        with translation.override(language):
            values = {k: str(v) for k, v in params.items()}
            texts[language] = str(template) % values if values else str(template)
    return Problem(path, texts["th"], texts["en"])


class ProposalFileError(UserFacingError):
    """The file cannot be used; ``problems`` lists every reason found (at most MAX_PROBLEMS of them) and
    ``total`` counts them all."""

    code = "invalid_file"

    def __init__(self, problems: list[Problem], message=None, *, params: dict | None = None, total: int | None = None):
        self.problems = list(problems)
        self.total = total if total is not None else len(self.problems)
        if message is None:
            message = ngettext_lazy(
                "The proposal file has %(count)s problem.",
                "The proposal file has %(count)s problems.",
                self.total,
            )
            params = {"count": self.total}
        super().__init__(message, field=self.problems[0].path if self.problems else "", params=params)


def _single(message, **params) -> ProposalFileError:
    """A problem with the file as a whole (too large, not JSON): the message is the problem."""
    return ProposalFileError(
        [_problem("", message, **params)], message, params={k: str(v) for k, v in params.items()} or None
    )


# --- Loading ------------------------------------------------------------------------------------------------


def _mb(n_bytes: int) -> str:
    return f"{math.ceil(n_bytes * 10 / _MIB) / 10:.1f}"


def file_too_large(n_bytes: int) -> ProposalFileError:
    return _single(
        _("The proposal file is %(size)s MB; the limit is %(limit)s MB."),
        size=_mb(n_bytes),
        limit=MAX_FILE_BYTES // _MIB,
    )


def _no_constants(name: str):
    raise ValueError(name)


def load_document(data: bytes | str) -> dict:
    """The document in a proposal file, or ProposalFileError listing every problem."""
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    if len(raw) > MAX_FILE_BYTES:
        raise file_too_large(len(raw))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _single(_("The proposal file is not UTF-8 text.")) from None
    try:
        document = json.loads(text, parse_constant=_no_constants)
    except json.JSONDecodeError as error:
        raise _single(
            _("The proposal file is not valid JSON: %(reason)s at line %(line)s, column %(column)s."),
            reason=error.msg,
            line=error.lineno,
            column=error.colno,
        ) from None
    except (ValueError, RecursionError):
        raise _single(
            _("The proposal file is not valid JSON (it is nested too deeply or contains NaN or Infinity).")
        ) from None
    problems = validate_document(document)
    if problems:
        raise ProposalFileError(problems[:MAX_PROBLEMS], total=len(problems))
    return document


@functools.lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    return Draft202012Validator(schema(), format_checker=FormatChecker())


def validate_document(document: Any) -> list[Problem]:
    """Every problem with a decoded document: the schema first, then the area and the DOPA codes."""
    errors = sorted(_validator().iter_errors(document), key=_error_order)
    # dict.fromkeys: jsonschema reports each missing key of a `required` list as its own error.
    problems = list(dict.fromkeys(p for error in errors for p in _describe(error)))
    if problems:
        return problems
    return _check_facts(document)


def _error_order(error: SchemaError) -> list[tuple[int, Any]]:
    return [(0, p) if isinstance(p, int) else (1, p) for p in error.absolute_path]


def json_path(parts) -> str:
    """("services", "items", 2, "budget_baht") -> "services.items[2].budget_baht"."""
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


_TYPE_NAMES = {
    "string": _("text"),
    "integer": _("a whole number"),
    "number": _("a number"),
    "boolean": _("true or false"),
    "array": _("a list [ … ]"),
    "object": _("an object { … }"),
    "null": "null",
}


def _show(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "…"


def _describe(error: SchemaError) -> list[Problem]:
    """Plain-language problems for one schema error (English from jsonschema for rare keywords)."""
    path = json_path(error.absolute_path)
    kind, instance = error.validator, error.instance
    if kind == "required":
        present = instance if isinstance(instance, dict) else {}
        return [
            _problem(json_path([*error.absolute_path, key]), _("This field is required."))
            for key in error.validator_value
            if key not in present
        ]
    if kind == "additionalProperties":
        known = error.schema.get("properties", {})
        return [
            _problem(
                json_path([*error.absolute_path, key]),
                _("Unknown field: it is not part of the proposal file format."),
            )
            for key in instance
            if key not in known
        ]
    if kind == "type":
        expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        with_names = [_TYPE_NAMES.get(t, t) for t in expected]
        return [_problem(path, _("Expected %(expected)s."), expected=_OrJoined(with_names))]
    if kind == "enum":
        choices = ", ".join("null" if c is None else str(c) for c in error.validator_value)
        return [
            _problem(
                path,
                _("“%(value)s” is not allowed here; use one of: %(choices)s."),
                value=_show(instance),
                choices=choices,
            )
        ]
    if kind == "const":
        return [_problem(path, _("Must be %(value)s."), value=json.dumps(error.validator_value))]
    if kind == "maxLength":
        return [
            _problem(
                path,
                _("Too long: %(length)s characters; at most %(max)s are allowed."),
                length=len(instance),
                max=error.validator_value,
            )
        ]
    if kind == "minLength":
        return [_problem(path, _("Must not be empty."))]
    if kind in ("minimum", "exclusiveMinimum"):
        return [_problem(path, _("Must be at least %(min)s."), min=error.validator_value)]
    if kind in ("maximum", "exclusiveMaximum"):
        return [_problem(path, _("Must be at most %(max)s."), max=error.validator_value)]
    if kind == "format" and error.validator_value == "date":
        return [
            _problem(
                path,
                _("“%(value)s” is not a valid date: write it as YYYY-MM-DD, e.g. 2027-10-01."),
                value=_show(instance),
            )
        ]
    if kind == "pattern" and "admin_units" in path:
        return [
            _problem(
                path,
                _("“%(value)s” is not a DOPA code: 2 digits for a province, 4 for a district."),
                value=_show(instance),
            )
        ]
    if kind == "minItems":
        return [_problem(path, _("Needs at least %(min)s entries."), min=error.validator_value)]
    if kind == "maxItems":
        return [_problem(path, _("At most %(max)s entries are allowed."), max=error.validator_value)]
    if kind == "uniqueItems":
        return [_problem(path, _("Each value may appear only once."))]
    if kind in ("anyOf", "oneOf"):
        return _describe_alternatives(error, path)
    return [_problem(path, "%(message)s", message=error.message)]


class _OrJoined:
    """Lazy "a or b", so each language gets its own words."""

    def __init__(self, words):
        self.words = words

    def __str__(self) -> str:
        return str(_(" or ")).join(str(w) for w in self.words)


def _describe_alternatives(error: SchemaError, path: str) -> list[Problem]:
    """The area: if it names a geometry type the schema knows, report what is wrong inside that type."""
    instance = error.instance
    if isinstance(instance, dict) and instance.get("type") in ("Polygon", "MultiPolygon"):
        branch = 0 if instance["type"] == "Polygon" else 1
        inner = [e for e in error.context if e.relative_schema_path[0] == branch]
        if inner:
            return [p for e in sorted(inner, key=_error_order) for p in _describe(e)]
    return [_problem(path, _("Expected a GeoJSON Polygon or MultiPolygon geometry, or null."))]


def _check_facts(document: dict) -> list[Problem]:
    """What the schema cannot know: the area is a valid outline in Thailand; the DOPA codes exist."""
    problems = []
    section = document.get("area_goals") or {}
    if section.get("area"):
        try:
            geometry.validate_area(geometry.from_geojson_dict(section["area"]))
        except geometry.AreaError as error:
            problems.append(_problem("area_goals.area", error.message, **error.params))
    for index, code in enumerate(section.get("admin_units") or []):
        try:
            (validate_province_code if len(code) == 2 else validate_district_code)(code)
        except ValidationError as error:
            problems.append(
                _problem(
                    f"area_goals.admin_units[{index}]",
                    "%(message)s",
                    message=_Deferred(lambda error=error: error.messages[0]),
                )
            )
    return problems


# --- Checking -----------------------------------------------------------------------------------------------


def check_file(data: bytes | str, criteria_set, today: dt.date | None = None) -> list[rules_check.Finding]:
    """The rules check's findings for a file, without touching the proposals in the database."""
    document = load_document(data)
    return rules_check.check(document, rules_check.Rules.from_criteria_set(criteria_set), today)


# --- Importing ----------------------------------------------------------------------------------------------

# Where a service's error field points in the document.
_FIELD_PATHS = {
    "title_th": "title.th",
    "title_en": "title.en",
    "city_type": "city_type",
    "domains": "domains",
    "area": "area_goals.area",
    "area_km2": "area_goals.area",
    "admin_units": "area_goals.admin_units",
    "population": "area_goals.population",
    "baseline_problems": "area_goals.baseline_problems",
    "vision": "area_goals.vision",
    "platform_description": "data_platform.description",
    "open_data_plan": "data_platform.open_data_plan",
    **{f"sec_{key}": f"data_platform.security.{key}" for key in SECURITY_KEYS},
    **{key: f"management.{key}" for key in MANAGEMENT_KEYS},
}
_LIST_PATHS = {
    "goals": "area_goals.goals",
    "infrastructure_items": "infrastructure.items",
    "datasets": "data_platform.datasets",
    "services": "services.items",
}


def document_path(service_field: str) -> str:
    """A service error's field ("services[1].kpi") as a document path ("services.items[1].kpi")."""
    head, bracket, rest = service_field.partition("[")
    if bracket and head in _LIST_PATHS:
        return f"{_LIST_PATHS[head]}[{rest}"
    return _FIELD_PATHS.get(service_field, service_field)


def _decimal(value: int | float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _rows(items: list[dict], decimals: tuple[str, ...] = (), dates: tuple[str, ...] = ()) -> list[dict]:
    rows = []
    for item in items:
        row = dict(item)
        for key in decimals:
            if key in row:
                row[key] = _decimal(row[key])
        for key in dates:
            if key in row:
                row[key] = _date(row[key])
        rows.append(row)
    return rows


def _changes(document: dict) -> dict[str, Any]:
    """The single-valued fields of the draft, as model field names."""
    area_goals, platform = document.get("area_goals") or {}, document.get("data_platform") or {}
    management = document.get("management") or {}
    changes: dict[str, Any] = {
        k: area_goals[k] for k in ("admin_units", "population", "baseline_problems", "vision") if k in area_goals
    }
    if "description" in platform:
        changes["platform_description"] = platform["description"]
    if "open_data_plan" in platform:
        changes["open_data_plan"] = platform["open_data_plan"]
    changes.update({f"sec_{k}": v for k, v in (platform.get("security") or {}).items()})
    changes.update({k: management[k] for k in MANAGEMENT_KEYS if k in management})
    return changes


def _item_lists(document: dict) -> list[tuple[str, list[dict]]]:
    dates = ("start_date", "end_date")
    return [
        ("goals", _rows((document.get("area_goals") or {}).get("goals") or [], ("baseline", "target"))),
        (
            "infrastructure_items",
            _rows((document.get("infrastructure") or {}).get("items") or [], ("budget_baht",), dates),
        ),
        ("datasets", _rows((document.get("data_platform") or {}).get("datasets") or [])),
        ("services", _rows((document.get("services") or {}).get("items") or [], ("budget_baht",), dates)),
    ]


def import_document(*, actor, organization, call, document: dict):
    """A new draft of `organization` for `call` made from a document, through the services, all or nothing.

    The informational keys (proponent, call, partners, attachments, version, criteria_set_version) are not
    imported, and area_km2 is recomputed from the area. Raises ProposalFileError for anything wrong with the
    document; NotAllowed (the actor may not draft for the organisation) and a closed call are raised as the
    services raise them.
    """
    from . import services

    problems = validate_document(document)
    if problems:
        raise ProposalFileError(problems[:MAX_PROBLEMS], total=len(problems))
    city_type = None
    if document.get("city_type"):
        city_type = CityType.objects.filter(code=document["city_type"]).first()
        if city_type is None:
            raise ProposalFileError([_problem("city_type", _("Unknown city type."))])
    title = document.get("title") or {}
    try:
        with transaction.atomic():
            proposal = services.create_proposal(
                actor=actor,
                organization=organization,
                call=call,
                title_th=title.get("th", ""),
                title_en=title.get("en", ""),
                city_type=city_type,
            )
            pid = proposal.pk
            services.update_proposal(
                actor=actor,
                proposal_id=pid,
                revision=None,
                changes=_changes(document),
                domains=list(document.get("domains") or []),
            )
            for kind, rows in _item_lists(document):
                if rows:
                    services.replace_items(actor=actor, proposal_id=pid, revision=None, kind=kind, rows=rows)
            area = (document.get("area_goals") or {}).get("area")
            if area:
                services.set_area(actor=actor, proposal_id=pid, revision=None, geojson=area)
    except (NotAllowed, Conflict):
        raise
    except UserFacingError as error:
        if error.field == "call":
            raise
        raise ProposalFileError(
            [
                _problem(
                    document_path(error.field),
                    "%(message)s",
                    message=_Deferred(lambda error=error: str(error)),
                )
            ]
        ) from error
    except ValidationError as error:
        raise ProposalFileError(
            [
                _problem(
                    document_path(name),
                    "%(message)s",
                    message=_Deferred(lambda messages=messages: messages[0]),
                )
                for name, messages in (
                    error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
                ).items()
            ]
        ) from error
    proposal.refresh_from_db()
    return proposal


class _Deferred:
    """Text rendered when formatted, so each language gets its own (a service's lazy message, say)."""

    def __init__(self, render):
        self.render = render

    def __str__(self) -> str:
        return str(self.render())
