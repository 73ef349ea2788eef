"""The one way an endpoint fetches an object by the id in its URL: the object if the caller may see it, else 404."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import Http404

M = TypeVar("M", bound=Model)


def visible_or_404(request, readable: Callable[[Any], QuerySet[M]], *, permission: str = "", **lookup) -> M:
    """``readable(user)`` is what the caller may read (a selector that takes the user); ``permission``, when
    given, is checked on the object too. Unknown and hidden objects get the same 404, before any state or
    permission is revealed, so sequential ids tell nothing."""
    found = readable(request.auth).filter(**lookup).first()
    if found is None or (permission and not request.auth.has_perm(permission, found)):
        raise Http404
    return found
