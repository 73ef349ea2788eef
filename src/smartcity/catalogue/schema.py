"""Reading a CKAN package (or resource) dictionary into the fields of our models, collecting every refusal.

Accepts what ``package_show`` returns, so a dump loads back unchanged (read-only keys such as ``id`` of the
organisation, ``metadata_modified`` or ``num_resources`` are ignored). Thai and English texts come as
``title_translated``/``notes_translated`` ({"th": …, "en": …}) or as the plain CKAN ``title``/``notes`` (Thai).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from smartcity.core.errors import CheckFailed

from .errors import InvalidPackage
from .links import check_link
from .names import is_valid_name, suggest_name
from .vocabularies import LICENCES_BY_ID, Classification, Frequency, file_format

MAX_TAGS = 50
MAX_RESOURCES = 200
_TAG_PUNCTUATION = set(" -_.")


@dataclass
class CleanPackage:
    fields: dict[str, Any] = field(default_factory=dict)
    tags: list[str] | None = None
    groups: list[str] | None = None
    resources: list[dict] | None = None
    owner_org: str | None = None
    id: uuid.UUID | None = None


class Errors(dict):
    def add(self, key: str, message) -> None:
        self.setdefault(key, []).append(str(message))

    def raise_if_any(self) -> None:
        if self:
            raise InvalidPackage(dict(self))


def find_nul(value: Any, path: str = "") -> str | None:
    """The path of the first string containing a NUL byte (PostgreSQL cannot store one), or None."""
    if isinstance(value, str):
        return path or "value" if "\x00" in value else None
    if isinstance(value, dict):
        for key, item in value.items():
            found = find_nul(str(key), path) or find_nul(item, str(key) if not path else f"{path}.{key}")
            if found:
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = find_nul(item, f"{path}[{index}]" if path else f"[{index}]")
            if found:
                return found
    return None


def reject_nul(data: Any) -> None:
    where = find_nul(data)
    if where:
        top = re.split(r"[.\[]", where, maxsplit=1)[0] or "value"
        raise InvalidPackage({top: [_("The text contains a NUL character, which is not allowed.")]})


def _text(value: Any, max_length: int | None = None) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise TypeError
    value = unicodedata.normalize("NFC", value).strip()
    if max_length is not None and len(value) > max_length:
        raise ValueError(max_length)
    return value


def _translated(data: dict, key: str, errors: Errors, max_length: int | None) -> tuple[str, str] | None:
    """(Thai, English) from ``key_translated`` or the plain ``key``; None when neither was given."""
    translated, plain = data.get(f"{key}_translated"), data.get(key)
    if translated is None and plain is None:
        return None
    try:
        if translated is not None:
            if not isinstance(translated, dict):
                raise TypeError
            th = _text(translated.get("th"), max_length) or _text(plain, max_length)
            return th, _text(translated.get("en"), max_length)
        return _text(plain, max_length), ""
    except TypeError:
        errors.add(key, _("Must be text."))
    except ValueError:
        errors.add(key, _("Must be at most %(n)s characters.") % {"n": max_length})
    return None


def clean_package(data: dict, *, partial: bool, current_name: str = "") -> CleanPackage:
    if not isinstance(data, dict):
        raise InvalidPackage({"__body": [_("The request body must be a JSON object.")]})
    reject_nul(data)
    errors, clean = Errors(), CleanPackage()
    _name(data, clean, errors, partial, current_name)
    _texts(data, clean, errors, partial)
    _simple_fields(data, clean, errors)
    _dates(data, clean, errors)
    _spatial(data, clean, errors)
    _tags(data, clean, errors)
    _groups(data, clean, errors)
    if "resources" in data:
        _resources(data["resources"], clean, errors)
    if data.get("owner_org"):
        clean.owner_org = str(data["owner_org"])
    clean.id = _uuid_or_none(data.get("id"))  # on updates ``id`` may be a name, as CKAN accepts
    errors.raise_if_any()
    return clean


def _uuid_or_none(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        return None


def _name(data, clean, errors, partial, current_name) -> None:
    if "name" not in data:
        if not partial:
            errors.add("name", _("Missing value"))
        return
    name = data.get("name")
    if not isinstance(name, str) or not is_valid_name(name):
        title = data.get("title_translated", {}) if isinstance(data.get("title_translated"), dict) else {}
        texts = [str(name or ""), str(title.get("en") or ""), str(data.get("title") or title.get("th") or "")]
        errors.add(
            "name",
            _(
                "Must be 2 to 100 characters: lowercase letters a-z, digits and - or _ only. "
                "You could use “%(suggestion)s”."
            )
            % {"suggestion": suggest_name(*texts)},
        )
        return
    clean.fields["name"] = name


def _texts(data, clean, errors, partial) -> None:
    title = _translated(data, "title", errors, 300)
    if title is not None:
        if not title[0]:
            errors.add("title", _("Give a title in Thai."))
        clean.fields.update(title_th=title[0], title_en=title[1])
    elif not partial:
        errors.add("title", _("Missing value"))
    notes = _translated(data, "notes", errors, 20000)
    if notes is not None:
        clean.fields.update(notes_th=notes[0], notes_en=notes[1])


_CHOICES = {
    "classification": Classification.values,
    "frequency": Frequency.values,
}


def _simple_fields(data, clean, errors) -> None:
    if "license_id" in data:
        licence = data.get("license_id") or ""
        if licence not in LICENCES_BY_ID:
            errors.add("license_id", _("Unknown licence “%(value)s”; see license_list.") % {"value": licence})
        else:
            clean.fields["license_id"] = licence
    for key, allowed in _CHOICES.items():
        if key in data and data[key] not in (None, ""):
            if data[key] not in allowed:
                errors.add(key, _("Must be one of: %(values)s.") % {"values": ", ".join(allowed)})
            else:
                clean.fields[key] = data[key]
    if "private" in data:
        value = data["private"]
        if isinstance(value, str):
            value = value.strip().lower() in ("true", "1", "yes", "on")
        clean.fields["private"] = bool(value)
    for key, target, length in (("version", "version", 100), ("maintainer", "contact_name", 200)):
        if key in data:
            try:
                clean.fields[target] = _text(data[key], length)
            except TypeError:
                errors.add(key, _("Must be text."))
            except ValueError:
                errors.add(key, _("Must be at most %(n)s characters.") % {"n": length})
    if "maintainer_email" in data:
        email = data.get("maintainer_email") or ""
        try:
            if email:
                validate_email(email)
            clean.fields["contact_email"] = email
        except (ValidationError, TypeError):
            errors.add("maintainer_email", _("Enter a valid email address."))


def _parse_date(value) -> dt.date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ValueError
    return dt.date.fromisoformat(value[:10])


def _dates(data, clean, errors) -> None:
    for key in ("temporal_start", "temporal_end"):
        if key in data:
            try:
                clean.fields[key] = _parse_date(data[key])
            except ValueError:
                errors.add(key, _("Give a date as YYYY-MM-DD."))
    start, end = clean.fields.get("temporal_start"), clean.fields.get("temporal_end")
    if start and end and end < start:
        errors.add("temporal_end", _("The end of the period is before its start."))


def _spatial(data, clean, errors) -> None:
    if "spatial" not in data:
        return
    value = data["spatial"]
    if value in (None, ""):
        clean.fields["spatial"] = None
        return
    try:
        geometry = json.loads(value) if isinstance(value, str) else value
        from shapely.geometry import shape

        parsed = shape(geometry)
        if parsed.is_empty or not parsed.is_valid:
            raise ValueError
        minx, miny, maxx, maxy = parsed.bounds
        if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
            raise ValueError
    except Exception:  # shapely and json raise many kinds of errors on bad geometry
        errors.add("spatial", _("Give a valid GeoJSON geometry in longitude/latitude (WGS 84)."))
        return
    clean.fields["spatial"] = geometry


def _tag_ok(name: str) -> bool:
    return all(unicodedata.category(ch)[0] in "LMN" or ch in _TAG_PUNCTUATION for ch in name)


def _tags(data, clean, errors) -> None:
    if "tags" not in data and "tag_string" not in data:
        return
    raw = data.get("tags")
    if raw is None and isinstance(data.get("tag_string"), str):
        raw = [{"name": part} for part in data["tag_string"].split(",") if part.strip()]
    if not isinstance(raw, list) or len(raw) > MAX_TAGS:
        errors.add("tags", _("Give a list of at most %(n)s tags.") % {"n": MAX_TAGS})
        return
    names = []
    for item in raw:
        name = item.get("name") if isinstance(item, dict) else item
        name = unicodedata.normalize("NFC", name).strip() if isinstance(name, str) else ""
        if not (2 <= len(name) <= 100) or not _tag_ok(name):
            errors.add("tags", _("Tag “%(tag)s”: 2 to 100 letters, digits, spaces or - _ .") % {"tag": name})
        elif name not in names:
            names.append(name)
    clean.tags = names


def _groups(data, clean, errors) -> None:
    if "groups" not in data:
        return
    raw = data["groups"]
    if not isinstance(raw, list):
        errors.add("groups", _("Give a list of groups."))
        return
    names = []
    for item in raw:
        name = item.get("name") or item.get("id") if isinstance(item, dict) else item
        if not isinstance(name, str) or not name:
            errors.add("groups", _("Each group needs a name."))
        elif name not in names:
            names.append(name)
    clean.groups = names


def _uuid(value, key: str, errors: Errors) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        errors.add(key, _("Must be a UUID."))
        return None


def _resources(raw, clean, errors) -> None:
    if not isinstance(raw, list) or len(raw) > MAX_RESOURCES:
        errors.add("resources", _("Give a list of at most %(n)s resources.") % {"n": MAX_RESOURCES})
        return
    cleaned = []
    for index, item in enumerate(raw):
        try:
            cleaned.append(clean_resource(item, partial=False))
        except InvalidPackage as error:
            for key, messages in error.errors.items():
                for message in messages:
                    errors.add("resources", f"{index + 1}. {key}: {message}")
    clean.resources = cleaned


RESOURCE_KINDS = {"upload": "upload", "live": "live", "": "link", None: "link", "link": "link"}


def clean_resource(data: dict, *, partial: bool, has_upload: bool = False) -> dict:
    """The model fields of a resource from its CKAN dictionary; refusals as InvalidPackage."""
    if not isinstance(data, dict):
        raise InvalidPackage({"resources": [_("Each resource must be a JSON object.")]})
    reject_nul(data)
    errors, fields = Errors(), {}
    name = _translated(data, "name", errors, 300)
    if name is not None:
        fields.update(name_th=name[0], name_en=name[1])
    description = _translated(data, "description", errors, 20000)
    if description is not None:
        fields.update(description_th=description[0], description_en=description[1])
    if "format" in data and data["format"]:
        fmt = file_format(str(data["format"]))
        fields["format"] = fmt.code if fmt else str(data["format"])[:30]
    kind = _resource_kind(data, partial, has_upload, errors)
    if kind:
        fields["kind"] = kind
    if kind == "link" and ("url" in data or not partial):
        try:
            fields["url"] = check_link(data.get("url") or "")
        except CheckFailed as failure:
            errors.add("url", str(failure))
    if kind == "live":
        fields["live_kind"] = str(data.get("live_kind") or "")
        params = data.get("live_params") or {}
        if not isinstance(params, dict):
            errors.add("live_params", _("Must be a JSON object."))
        fields["live_params"] = params
    if data.get("id"):
        fields["id"] = _uuid(data["id"], "id", errors)
    errors.raise_if_any()
    return fields


def _resource_kind(data: dict, partial: bool, has_upload: bool, errors: Errors) -> str | None:
    """The kind the request asks for; None on a patch that leaves it as it is."""
    if has_upload:
        return "upload"
    if "url_type" in data:
        kind = RESOURCE_KINDS.get(data["url_type"]) if isinstance(data["url_type"], str | None) else None
        if kind is None:
            errors.add("url_type", _("Must be empty (a link), “upload” or “live”."))
        return kind
    if partial:
        return "link" if "url" in data else None
    return "link"
