"""Who calls the CKAN Action API: a platform API token, sent as CKAN clients send it (``Authorization: <token>``
or ``X-CKAN-API-Key``) or as ``Authorization: Bearer <token>``; signed-in browser sessions for reads."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from smartcity.accounts.services import user_for_api_key


class BadToken(Exception):
    pass


def token_from(request) -> str:
    value = request.headers.get("Authorization") or request.headers.get("X-CKAN-API-Key") or ""
    value = value.strip()
    if value.lower().startswith("bearer "):
        value = value[7:].strip()
    return value


def caller(request, *, writing: bool):
    """The user behind the request; BadToken for a token that is unknown, revoked or malformed."""
    token = token_from(request)
    if token:
        user = user_for_api_key(token) if len(token) < 200 else None
        if user is None:
            raise BadToken
        return user
    if writing:
        # Writes need a token: a browser session would need CSRF protection this API cannot ask CKAN clients for.
        return AnonymousUser()
    return request.user if request.user.is_authenticated else AnonymousUser()
