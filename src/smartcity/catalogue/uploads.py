"""Uploaded files are judged by their content, not their name: CSV, JSON, GeoJSON, XLSX and PDF only.

``check_upload`` returns the detected format, its size and SHA-256, or raises CheckFailed. A file whose content
is not the format it claims (by the chosen format or its extension) is refused, so a PDF renamed data.csv,
or an HTML page renamed data.json, never reaches the catalogue.
"""

from __future__ import annotations

import csv
import hashlib
import json
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from smartcity.core.errors import CheckFailed
from smartcity.proposals.pdf_check import check_pdf

from .vocabularies import FileFormat, file_format

_CHUNK = 64 * 1024
_GEOJSON_TYPES = {
    "Feature",
    "FeatureCollection",
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "GeometryCollection",
}
_CSV_SAMPLE_BYTES = 1024 * 1024


@dataclass(frozen=True)
class UploadInfo:
    format: FileFormat
    size: int
    sha256: str


def check_upload(fileobj, file_name: str, claimed_format: str = "") -> UploadInfo:
    """The file's format and fingerprint, or CheckFailed. The file is left at position 0."""
    try:
        size, digest = _measure(fileobj)
        detected = _detect(fileobj, size)
        claim = file_format(claimed_format) or file_format(_extension(file_name))
        if claim is not None and claim.code != detected.code and not _compatible(claim, detected):
            raise CheckFailed(
                "mismatch",
                _("The file is not %(claimed)s: its content is %(detected)s."),
                {"claimed": claim.code, "detected": detected.code},
            )
        return UploadInfo(format=detected, size=size, sha256=digest)
    finally:
        fileobj.seek(0)


def _compatible(claim: FileFormat, detected: FileFormat) -> bool:
    # GeoJSON is JSON: a .json name on GeoJSON content is fine (the format recorded is GeoJSON).
    return claim.code == "JSON" and detected.code == "GeoJSON"


def _extension(file_name: str) -> str:
    return file_name.rsplit(".", 1)[-1] if "." in (file_name or "") else ""


def _measure(fileobj) -> tuple[int, str]:
    limit = settings.CATALOGUE_MAX_UPLOAD_BYTES
    fileobj.seek(0)
    digest, size = hashlib.sha256(), 0
    while chunk := fileobj.read(_CHUNK):
        size += len(chunk)
        if size > limit:
            raise CheckFailed(
                "too_large", _("The file is larger than the limit of %(mb)s MB."), {"mb": limit // (1024 * 1024)}
            )
        digest.update(chunk)
    if size == 0:
        raise CheckFailed("empty", _("The file is empty."))
    return size, digest.hexdigest()


def _detect(fileobj, size: int) -> FileFormat:
    fileobj.seek(0)
    head = fileobj.read(1024)
    if b"%PDF-" in head:
        return _pdf(fileobj)
    if head.startswith(b"PK\x03\x04"):
        return _xlsx(fileobj)
    if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"["):
        return _json(fileobj)
    return _csv(fileobj)


def _pdf(fileobj) -> FileFormat:
    check_pdf(fileobj)  # the proposals' check: readable, not encrypted, at least one page
    return _fmt("PDF")


def _xlsx(fileobj) -> FileFormat:
    fileobj.seek(0)
    try:
        with zipfile.ZipFile(fileobj) as archive:
            names = set(archive.namelist())
            if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
                raise CheckFailed("not_xlsx", _("The file is a ZIP archive, not an Excel workbook (XLSX)."))
            unpacked = sum(info.file_size for info in archive.infolist())
            if unpacked > 10 * settings.CATALOGUE_MAX_UPLOAD_BYTES:
                raise CheckFailed("zip_bomb", _("The workbook unpacks to an unreasonable size."))
        fileobj.seek(0)
        from openpyxl import load_workbook

        workbook = load_workbook(fileobj, read_only=True, data_only=True)
        workbook.close()
    except CheckFailed:
        raise
    except Exception as exc:  # openpyxl and zipfile raise many kinds of errors on damaged files
        raise CheckFailed("corrupt", _("The workbook is damaged and cannot be opened.")) from exc
    return _fmt("XLSX")


def _json(fileobj) -> FileFormat:
    fileobj.seek(0)
    try:
        document = json.loads(fileobj.read().decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise CheckFailed("bad_json", _("The file is not valid JSON (UTF-8).")) from exc
    finally:
        fileobj.seek(0)
    if isinstance(document, dict) and document.get("type") in _GEOJSON_TYPES:
        return _fmt("GeoJSON")
    return _fmt("JSON")


def _csv(fileobj) -> FileFormat:
    fileobj.seek(0)
    sample = fileobj.read(_CSV_SAMPLE_BYTES)
    if b"\x00" in sample:
        raise CheckFailed("binary", _("The file is neither CSV, JSON, GeoJSON, XLSX nor PDF."))
    text = _decode(sample)
    lines = text.splitlines()
    if len(sample) == _CSV_SAMPLE_BYTES and len(lines) > 1:
        lines = lines[:-1]  # the sample may end mid-line
    if text.lstrip().startswith("<"):
        raise CheckFailed("markup", _("The file is HTML or XML, not CSV."))
    try:
        rows = [row for row in csv.reader(lines) if row]
    except csv.Error as exc:
        raise CheckFailed("bad_csv", _("The file is not valid CSV.")) from exc
    if not rows:
        raise CheckFailed("bad_csv", _("The file is not valid CSV."))
    header = len(rows[0])
    if header < 2 and len(rows) > 1 and any(len(row) != header for row in rows):
        raise CheckFailed("bad_csv", _("The file is not valid CSV."))
    ragged = next((i for i, row in enumerate(rows, start=1) if len(row) != header), None)
    if ragged is not None:
        raise CheckFailed(
            "ragged_csv",
            _("Row %(row)s of the CSV file has a different number of columns from the header."),
            {"row": ragged},
        )
    return _fmt("CSV")


def _decode(sample: bytes) -> str:
    try:
        return sample.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.start > len(sample) - 4:  # a character cut by the sample's end
            return sample[: exc.start].decode("utf-8-sig")
        raise CheckFailed(
            "encoding", _("Save the CSV file as UTF-8 (Thai text in other encodings is garbled).")
        ) from exc


def _fmt(code: str) -> FileFormat:
    fmt = file_format(code)
    assert fmt is not None
    return fmt
