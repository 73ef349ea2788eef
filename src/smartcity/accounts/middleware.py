"""Staff who must use two-factor sign-in never get past a session that has not verified a code."""

from __future__ import annotations

from django.contrib.auth import logout
from django.shortcuts import redirect

from .two_factor import requires_two_factor

OPEN_PREFIXES = ("/static/", "/accounts/", "/i18n/", "/favicon")


class StaffTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(OPEN_PREFIXES)
            and requires_two_factor(user)
            and not user.is_verified()
        ):
            logout(request)
            return redirect("accounts:login")
        return self.get_response(request)
