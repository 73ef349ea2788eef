"""Errors a person sees. Services raise these; views show the message, the API returns problem details."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


class UserFacingError(Exception):
    """A refusal with a translated message, the field it concerns (if any) and an HTTP status for the API."""

    status = 400
    code = "invalid"

    def __init__(self, message, *, field: str = "", code: str = "", params: dict | None = None):
        self.message = message
        self.field = field
        self.params = params or {}
        if code:
            self.code = code
        super().__init__(str(message))

    def __str__(self) -> str:
        # The params go into the (possibly lazy, possibly plural) message before it becomes text: a plural
        # message chooses its form from them.
        return str(self.message % self.params) if self.params else str(self.message)


class NotAllowed(UserFacingError):
    status = 403
    code = "forbidden"


class Conflict(UserFacingError):
    """The object changed under the user (a stale form, a transition someone else already made)."""

    status = 409
    code = "conflict"


class CheckFailed(ValueError):
    """A pure check (of a file, a shape, a document) refused its input: ``code`` for programs, ``str()`` for
    people. Services turn it into a UserFacingError naming the field."""

    def __init__(self, code: str, message, params: dict | None = None):
        super().__init__(code, message, params)
        self.code = code
        self.message = message
        self.params = params or {}

    def __str__(self) -> str:
        return str(self.message) % self.params if self.params else str(self.message)


def from_validation_error(error: ValidationError, *, field: str = "", code: str = "") -> UserFacingError:
    """The first problem of a Django ValidationError (a validator's or a model's ``full_clean``) as a refusal
    naming the field. The validator's own lazy message and params are kept, so it reads in the reader's language;
    ``field`` and ``code`` override what the error says (a validator knows no form field)."""
    if hasattr(error, "error_dict"):
        name, errors = next(iter(error.error_dict.items()))
        first = errors[0]
        field = field or ("" if name == NON_FIELD_ERRORS else name)
    else:
        first = error.error_list[0]
    params = first.params if isinstance(first.params, dict) else None
    return UserFacingError(first.message, field=field, code=code or first.code or "invalid", params=params)


@contextmanager
def refusing_invalid(*, field: str = "", code: str = "") -> Iterator[None]:
    """Turn a ValidationError raised inside the block into the UserFacingError of ``from_validation_error``."""
    try:
        yield
    except ValidationError as error:
        raise from_validation_error(error, field=field, code=code) from error
