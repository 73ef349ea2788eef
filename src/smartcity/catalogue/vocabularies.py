"""The controlled lists of the catalogue: licences, update frequencies, classifications, themes, formats.

Each entry carries the URI that DCAT-AP 3 expects, so the HTML forms, the CKAN API and the RDF all speak
of the same thing. Codes are stable: they are stored on datasets and exchanged with other catalogues.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

EU_THEME = "http://publications.europa.eu/resource/authority/data-theme/"
EU_FREQUENCY = "http://publications.europa.eu/resource/authority/frequency/"
EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
IANA_MEDIA_TYPE = "https://www.iana.org/assignments/media-types/"


@dataclass(frozen=True)
class Licence:
    id: str
    title_en: str
    title_th: str
    url: str
    open: bool = True

    def as_ckan(self) -> dict:
        return {
            "id": self.id,
            "title": self.title_en,
            "title_th": self.title_th,
            "url": self.url,
            "od_conformance": "approved" if self.open else "not reviewed",
            "osd_conformance": "not reviewed",
            "status": "active",
            "is_okd_compliant": self.open,
            "is_generic": False,
        }


# data.go.th publishes under the DGA Open Government License (Thailand); the others are the CKAN ids that
# national portals map without configuration.
LICENCES: tuple[Licence, ...] = (
    Licence(
        "dga-ogl-th",
        "DGA Open Government License (Thailand)",
        "ข้อกำหนดและเงื่อนไขการอนุญาตให้ใช้ข้อมูลภาครัฐแบบเปิดของ สพร. (DGA Open Government License)",
        "https://data.go.th/pages/dga-open-government-license",
    ),
    Licence(
        "cc-by",
        "Creative Commons Attribution 4.0",
        "ครีเอทีฟคอมมอนส์ แบบแสดงที่มา 4.0",
        "https://creativecommons.org/licenses/by/4.0/",
    ),
    Licence(
        "cc-by-sa",
        "Creative Commons Attribution Share-Alike 4.0",
        "ครีเอทีฟคอมมอนส์ แบบแสดงที่มา-อนุญาตแบบเดียวกัน 4.0",
        "https://creativecommons.org/licenses/by-sa/4.0/",
    ),
    Licence(
        "cc-zero",
        "Creative Commons CC0 1.0",
        "ครีเอทีฟคอมมอนส์ ซีซีศูนย์ 1.0 (สาธารณสมบัติ)",
        "https://creativecommons.org/publicdomain/zero/1.0/",
    ),
    Licence(
        "odc-odbl",
        "Open Data Commons Open Database License 1.0",
        "สัญญาอนุญาตฐานข้อมูลเปิดของ Open Data Commons 1.0",
        "https://opendatacommons.org/licenses/odbl/1-0/",
    ),
    Licence(
        "other-closed",
        "Other (not open)",
        "อื่น ๆ (ไม่เปิด)",
        "https://smartcity.example/licences/other-closed",
        open=False,
    ),
)
LICENCES_BY_ID = {licence.id: licence for licence in LICENCES}
DEFAULT_LICENCE = "dga-ogl-th"


class Classification(models.TextChoices):
    """Data classification under the PDPA and the government's data governance framework."""

    OPEN = "open", _("Open")
    INTERNAL = "internal", _("Internal")
    PERSONAL = "personal", _("Personal data")


class Frequency(models.TextChoices):
    """Update frequencies: the codes of the EU frequency vocabulary that DCAT-AP uses."""

    CONTINUOUS = "UPDATE_CONT", _("Continuously updated")
    HOURLY = "HOURLY", _("Hourly")
    DAILY = "DAILY", _("Daily")
    WEEKLY = "WEEKLY", _("Weekly")
    MONTHLY = "MONTHLY", _("Monthly")
    QUARTERLY = "QUARTERLY", _("Quarterly")
    ANNUAL = "ANNUAL", _("Annual")
    IRREGULAR = "IRREG", _("Irregular")
    NEVER = "NEVER", _("Never")
    UNKNOWN = "UNKNOWN", _("Unknown")


# The seven domains of the program mapped onto the EU data-theme vocabulary (MDR). Smart Living covers health
# and social services; Smart People covers education and society.
DOMAIN_THEMES: dict[str, tuple[str, ...]] = {
    "environment": ("ENVI",),
    "mobility": ("TRAN",),
    "living": ("HEAL", "SOCI"),
    "people": ("EDUC", "SOCI"),
    "energy": ("ENER",),
    "economy": ("ECON",),
    "governance": ("GOVE",),
}


def eu_theme_uris(domain_codes) -> list[str]:
    codes = sorted({theme for code in domain_codes for theme in DOMAIN_THEMES.get(code, ())})
    return [EU_THEME + code for code in codes]


@dataclass(frozen=True)
class FileFormat:
    code: str  # CKAN's format label
    media_type: str
    eu_file_type: str
    open: bool  # an open, non-proprietary format (three stars)
    structured: bool  # machine-readable structure (two stars)
    linked: bool = False  # RDF (five stars)


FORMATS: tuple[FileFormat, ...] = (
    FileFormat("CSV", "text/csv", "CSV", open=True, structured=True),
    FileFormat("JSON", "application/json", "JSON", open=True, structured=True),
    FileFormat("GeoJSON", "application/geo+json", "GEOJSON", open=True, structured=True),
    FileFormat("JSON-LD", "application/ld+json", "JSON_LD", open=True, structured=True, linked=True),
    FileFormat("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX", False, True),
    FileFormat("PDF", "application/pdf", "PDF", open=True, structured=False),
    FileFormat("HTML", "text/html", "HTML", open=True, structured=False),
    FileFormat("XML", "application/xml", "XML", open=True, structured=True),
    FileFormat("API", "application/json", "JSON", open=True, structured=True),
)
FORMATS_BY_CODE = {fmt.code.lower(): fmt for fmt in FORMATS}


def file_format(code: str) -> FileFormat | None:
    return FORMATS_BY_CODE.get((code or "").strip().lower())
