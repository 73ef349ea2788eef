"""Small helpers shared by the HTML views of every app."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from .errors import UserFacingError


def require(allowed: bool) -> None:
    """Refuse with 403 unless the permission check passed."""
    if not allowed:
        raise PermissionDenied


def act(request: HttpRequest, action: Callable[[], object], success: str) -> bool:
    """Run one service call; show its refusal in the user's language instead of a server error."""
    try:
        action()
    except UserFacingError as error:
        messages.error(request, str(error))
        return False
    messages.success(request, success)
    return True
