"""Thai identifiers: 13-digit juristic person / tax IDs and DOPA administrative codes."""

from __future__ import annotations

import geothai
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def juristic_check_digit(first12: str) -> int:
    """Mod-11 check digit of a 13-digit Thai ID (same scheme as the citizen ID)."""
    total = sum(int(d) * (13 - i) for i, d in enumerate(first12))
    return (11 - total % 11) % 10


def validate_juristic_id(value: str) -> None:
    if not (isinstance(value, str) and len(value) == 13 and value.isascii() and value.isdigit()):
        raise ValidationError(_("A juristic person ID has exactly 13 digits."), code="juristic_format")
    if juristic_check_digit(value[:12]) != int(value[12]):
        raise ValidationError(
            _("This juristic person ID is not valid: its last digit (check digit) does not match."),
            code="juristic_check_digit",
        )


def validate_province_code(value: str) -> None:
    if not (isinstance(value, str) and len(value) == 2 and value.isdigit()) or geothai.province(value) is None:
        raise ValidationError(
            _("“%(code)s” is not a DOPA province code (two digits, e.g. 40 for Khon Kaen)."),
            code="province_code",
            params={"code": value},
        )


def validate_district_code(value: str) -> None:
    if not (isinstance(value, str) and len(value) == 4 and value.isdigit()) or geothai.district(value) is None:
        raise ValidationError(
            _("“%(code)s” is not a DOPA district code (four digits, e.g. 4001 for Mueang Khon Kaen)."),
            code="district_code",
            params={"code": value},
        )


def validate_subdistrict_code(value: str) -> None:
    if not (isinstance(value, str) and len(value) == 6 and value.isdigit()) or geothai.subdistrict(value) is None:
        raise ValidationError(
            _("“%(code)s” is not a DOPA subdistrict code (six digits, e.g. 400101 for Nai Mueang, Khon Kaen)."),
            code="subdistrict_code",
            params={"code": value},
        )


def validate_admin_unit_code(value: str) -> None:
    """A province (2 digits), district (4) or subdistrict (6) code."""
    validators = {2: validate_province_code, 4: validate_district_code, 6: validate_subdistrict_code}
    validator = validators.get(len(value) if isinstance(value, str) else 0)
    if validator is None:
        raise ValidationError(
            _("“%(code)s” is not a DOPA code: 2 digits for a province, 4 for a district, 6 for a subdistrict."),
            code="admin_unit_code",
            params={"code": str(value)[:20]},
        )
    validator(value)


def district_in_province(district_code: str, province_code: str) -> bool:
    return district_code[:2] == province_code


def province_name(code: str, language: str = "th") -> str:
    province = geothai.province(code) if code else None
    if province is None:
        return ""
    return province.name_th if language.startswith("th") else province.name_en


def district_name(code: str, language: str = "th") -> str:
    district = geothai.district(code) if code else None
    if district is None:
        return ""
    return district.name_th if language.startswith("th") else district.name_en
