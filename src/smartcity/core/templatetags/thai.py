"""Template filters loaded everywhere (a builtin): {{ value|thai_date }}, |thai_datetime, |baht."""

from django import template

from smartcity.core import thai
from smartcity.core.colours import text_on as readable

register = template.Library()


@register.filter
def thai_date(value, style: str = ""):
    return thai.format_date(value, short=(style == "short"))


@register.filter
def thai_datetime(value):
    return thai.format_datetime(value)


@register.filter
def baht(value):
    return thai.format_baht(value)


@register.filter
def localized(obj, field: str = "name"):
    """obj.name_th or obj.name_en for the active language, falling back to Thai."""
    if obj is None:
        return ""
    suffix = "th" if thai.is_thai() else "en"
    return getattr(obj, f"{field}_{suffix}", "") or getattr(obj, f"{field}_th", "")


@register.filter
def get_item(mapping, key):
    return mapping.get(key, "") if mapping else ""


@register.filter
def text_on(background):
    """The text colour that reads on ``background`` (a #rrggbb colour from data, such as a domain's)."""

    return readable(str(background or "#ffffff"))
