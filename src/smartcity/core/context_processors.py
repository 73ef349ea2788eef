from django.conf import settings
from django.utils.functional import SimpleLazyObject


def platform(request):
    def homes():
        from smartcity.accounts.navigation import role_homes

        user = getattr(request, "user", None)
        return role_homes(user) if user is not None else []

    def unread():
        from smartcity.notifications.selectors import unread_notice_count

        user = getattr(request, "user", None)
        return unread_notice_count(user) if user is not None and user.is_authenticated else 0

    return {
        "unread_notices": SimpleLazyObject(unread),
        "DEMO_MODE": settings.DEMO_MODE,
        "REQUIRE_STAFF_2FA": settings.REQUIRE_STAFF_2FA,
        "MAP_TILE_URL": settings.MAP_TILE_URL,
        "nav_homes": SimpleLazyObject(homes),
    }
