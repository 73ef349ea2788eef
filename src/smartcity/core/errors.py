"""Errors a person sees. Services raise these; views show the message, the API returns problem details."""

from __future__ import annotations


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
        return str(self.message) % self.params if self.params else str(self.message)


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
