"""Refusals of the catalogue. Each maps onto a CKAN error object (``__type``) in the Action API and onto a
message naming the field in the HTML forms."""

from __future__ import annotations

from smartcity.core.errors import NotAllowed, UserFacingError


class InvalidPackage(UserFacingError):
    """One or more fields refused; ``errors`` maps each field to its messages (CKAN's Validation Error)."""

    def __init__(self, errors: dict[str, list]):
        self.errors = {field: [str(m) for m in messages] for field, messages in errors.items()}
        field, messages = next(iter(self.errors.items()))
        super().__init__(messages[0], field=field, code="validation")


def invalid(field: str, message) -> InvalidPackage:
    return InvalidPackage({field: [message]})


class NotFound(UserFacingError):
    status = 404
    code = "not_found"


__all__ = ["InvalidPackage", "NotAllowed", "NotFound", "invalid"]
