"""Who is calling: a personal API token (Authorization: Bearer …) or the browser session (with CSRF)."""

from __future__ import annotations

from ninja.security import HttpBearer, SessionAuth

from smartcity.accounts.services import user_for_api_key
from smartcity.accounts.two_factor import requires_two_factor


class TokenAuth(HttpBearer):
    def authenticate(self, request, token: str):
        user = user_for_api_key(token) if token and len(token) < 200 else None
        if user is not None:
            request.user = user
        return user


class VerifiedSessionAuth(SessionAuth):
    """The signed-in session; staff sessions count only after their two-factor step."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        if user and requires_two_factor(user) and not user.is_verified():
            return None
        return user


AUTH = [TokenAuth(), VerifiedSessionAuth()]
