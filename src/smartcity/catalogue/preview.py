"""The first rows of a tabular resource (CSV, XLSX, live CSV) for the dataset page's table and chart."""

from __future__ import annotations

import csv
import io
import itertools
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .live import kind_for
from .models import Resource, ResourceKind

PREVIEW_ROWS = 20
_PREVIEW_BYTES = 256 * 1024


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[str]]
    numeric_columns: list[int]

    def chart_data(self) -> dict | None:
        """A bar chart of the first numeric column against the first column, when there is one."""
        if not self.numeric_columns or not self.rows:
            return None
        column = self.numeric_columns[0]
        return {
            "categories": [row[0] for row in self.rows],
            "series": self.headers[column],
            "values": [_number(row[column]) for row in self.rows],
            "label": _("Chart of the first %(n)s rows") % {"n": len(self.rows)},
        }


def _number(text: str) -> float | None:
    try:
        return float(str(text).replace(",", ""))
    except ValueError:
        return None


def _table(rows: list[list[str]]) -> Table | None:
    if not rows:
        return None
    headers, body = rows[0], [row for row in rows[1 : PREVIEW_ROWS + 1]]
    width = len(headers)
    body = [(row + [""] * width)[:width] for row in body]
    numeric = [
        i
        for i in range(1, width)
        if body
        and all(_number(row[i]) is not None for row in body if row[i] != "")
        and any(row[i] != "" for row in body)
    ]
    return Table([str(h) for h in headers], body, numeric)


def _csv_rows(data: bytes) -> list[list[str]]:
    text = data.decode("utf-8-sig", errors="replace")
    lines = text.splitlines()[: PREVIEW_ROWS + 1]
    return [row for row in csv.reader(lines)]


def table_preview(resource: Resource, organization) -> Table | None:
    """Up to 20 rows, or None for a resource that is not a table (or cannot be read now)."""
    try:
        if resource.kind == ResourceKind.UPLOAD and resource.format == "CSV":
            with resource.file.open("rb") as handle:
                return _table(_csv_rows(handle.read(_PREVIEW_BYTES)))
        if resource.kind == ResourceKind.UPLOAD and resource.format == "XLSX":
            return _xlsx(resource)
        if resource.kind == ResourceKind.LIVE and resource.format == "CSV":
            content = kind_for(resource.live_kind).stream(organization, resource.live_params)
            data = b"".join(itertools.islice(content.chunks, PREVIEW_ROWS + 1))
            return _table(_csv_rows(data))
    except (OSError, ValueError):
        return None
    return None


def _xlsx(resource: Resource) -> Table | None:
    from openpyxl import load_workbook

    with resource.file.open("rb") as handle:
        workbook = load_workbook(io.BytesIO(handle.read()), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows = [
            ["" if cell is None else str(cell) for cell in row]
            for row in sheet.iter_rows(max_row=PREVIEW_ROWS + 1, values_only=True)
        ]
        workbook.close()
    return _table(rows)
