"""Placeholders in message templates: ``{name}``, nothing else.

A template text may contain only single-brace placeholders whose names are lower-case letters, digits and
underscores. Double braces, a ``{`` without ``}`` (or the reverse), format specs (``{deadline:%d}``), attribute
access (``{url.__class__}``) and indexing are refused, so ``str.format_map`` on a checked text can only insert
the string values the code supplies. One function finds the problems; the model's ``clean`` (the admin form)
and the service both use it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

NAME = re.compile(r"[a-z_][a-z0-9_]*\Z")
TEXT_FIELDS = ("subject_th", "subject_en", "body_th", "body_en")


@dataclass(frozen=True)
class Problem:
    field: str
    code: str
    message: Any
    params: dict = field(default_factory=dict)

    def __str__(self) -> str:
        return str(self.message) % self.params


def _near(text: str, position: int) -> str:
    return text[max(0, position - 15) : position + 15].replace("\n", " ")


def parse(text: str) -> tuple[list[str], tuple[str, Any, dict] | None]:
    """The placeholder names in `text`, in order, and the first syntax problem as (code, message, params)."""
    names: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "{":
            if text.startswith("{{", i):
                return names, (
                    "double_brace",
                    _(
                        "“{{” at character %(position)s (near “%(near)s”) is not allowed: write a placeholder "
                        "with single braces, like {proposal_title}."
                    ),
                    {"position": i + 1, "near": _near(text, i)},
                )
            close = text.find("}", i + 1)
            next_open = text.find("{", i + 1)
            if close == -1 or (next_open != -1 and next_open < close):
                return names, (
                    "unclosed_brace",
                    _("“{” at character %(position)s (near “%(near)s”) has no closing “}”."),
                    {"position": i + 1, "near": _near(text, i)},
                )
            name = text[i + 1 : close]
            if not NAME.match(name):
                return names, (
                    "bad_placeholder",
                    _(
                        "“{%(name)s}” is not a placeholder: a placeholder name uses lower-case letters, digits and "
                        "underscores only, like {proposal_title}."
                    ),
                    {"name": name[:40]},
                )
            names.append(name)
            i = close + 1
        elif char == "}":
            return names, (
                "unopened_brace",
                _("“}” at character %(position)s (near “%(near)s”) has no opening “{”."),
                {"position": i + 1, "near": _near(text, i)},
            )
        else:
            i += 1
    return names, None


def placeholders_in(text: str) -> list[str]:
    """The names used in a text that `parse` accepts."""
    return parse(text)[0]


def _label(model_field) -> str:
    return str(model_field.verbose_name)


def _format_allowed(allowed: list[str]) -> str:
    return ", ".join(f"{{{name}}}" for name in allowed) if allowed else str(_("(none)"))


def template_problems(template) -> list[Problem]:
    """Every problem of a MessageTemplate's placeholders and texts, each naming the field it concerns."""
    problems: list[Problem] = []
    declared = template.placeholders
    if not isinstance(declared, list) or not all(isinstance(n, str) and NAME.match(n) for n in declared):
        problems.append(
            Problem(
                "placeholders",
                "bad_placeholder_list",
                _(
                    "The placeholders must be a list of names made of lower-case letters, digits and underscores, "
                    'like ["proposal_title", "url"].'
                ),
            )
        )
        declared = []
    elif len(set(declared)) != len(declared):
        problems.append(Problem("placeholders", "duplicate_placeholder", _("A placeholder is listed twice.")))
    allowed = list(dict.fromkeys(declared))
    for name in TEXT_FIELDS:
        model_field = template._meta.get_field(name)
        text = getattr(template, name) or ""
        params = {"label": _label(model_field), "field": name}
        used, syntax = parse(text)
        if syntax is not None:
            code, message, extra = syntax
            problems.append(
                Problem(
                    name, code, _("%(label)s (%(field)s): %(problem)s"), {**params, "problem": str(message) % extra}
                )
            )
            continue
        for unknown in dict.fromkeys(n for n in used if n not in allowed):
            problems.append(
                Problem(
                    name,
                    "unknown_placeholder",
                    _("Unknown placeholder {%(name)s} in %(label)s (%(field)s). Allowed placeholders: %(allowed)s."),
                    {**params, "name": unknown, "allowed": _format_allowed(allowed)},
                )
            )
    return problems
