"""Live resources: content served from the city's own data at the moment it is downloaded.

A *live kind* is a small typed provider: it checks the parameters a member gives (``check``) and streams the
content for an organisation (``stream``) in a declared format. The catalogue knows no data source itself; the
apps below it (the data spaces, the context broker, the time series, the certified plan) each contribute kinds.
A resource names its kind and parameters; unknown or unavailable kinds are refused when saved, and answered with
503 when downloaded (a kind whose app was switched off).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from smartcity.core.errors import CheckFailed


@dataclass(frozen=True)
class LiveContent:
    media_type: str
    file_name: str
    chunks: Iterator[bytes]


@dataclass(frozen=True)
class LiveKind:
    code: str
    label: str
    format: str  # the CKAN format of what ``stream`` produces, e.g. "CSV", "GeoJSON", "JSON-LD"
    media_type: str
    check: Callable[[object, dict], dict]  # (organization, params) -> cleaned params, or CheckFailed
    stream: Callable[[object, dict], LiveContent]  # (organization, cleaned params) -> content
    help_text: str = ""


_KINDS: dict[str, LiveKind] = {}


def register(kind: LiveKind) -> LiveKind:
    _KINDS[kind.code] = kind
    return kind


def kinds() -> list[LiveKind]:
    return sorted(_KINDS.values(), key=lambda kind: kind.code)


def kind_for(code: str) -> LiveKind:
    kind = _KINDS.get(code or "")
    if kind is None:
        raise CheckFailed(
            "unknown_live_kind",
            _("Unknown live resource kind “%(kind)s”. Available: %(kinds)s."),
            {"kind": code, "kinds": ", ".join(_KINDS) or "-"},
        )
    return kind


def check_live(organization, code: str, params: dict) -> tuple[LiveKind, dict]:
    kind = kind_for(code)
    return kind, kind.check(organization, params or {})


# Kinds planned on data that the platform does not hold yet (named so that the form and docs can say so).
PLANNED_KINDS = {
    "timeseries-csv": _("Time series of an entity's attributes as CSV with Thai headers (needs the time series)"),
    "thai-aqi": _("Thai Air Quality Index (AQI) of the city's stations (needs the time series)"),
}
