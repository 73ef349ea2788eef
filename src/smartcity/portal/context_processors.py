"""What every page's navigation needs about the person: their home pages and their unread notices."""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from smartcity.notifications.selectors import unread_notice_count

from .navigation import role_homes


def navigation(request):
    user = getattr(request, "user", None)

    def homes():
        return role_homes(user) if user is not None else []

    def unread():
        return unread_notice_count(user) if user is not None and user.is_authenticated else 0

    # Lazy: pages that never show the navigation (files, the API) run no query for it.
    return {"unread_notices": SimpleLazyObject(unread), "nav_homes": SimpleLazyObject(homes)}
