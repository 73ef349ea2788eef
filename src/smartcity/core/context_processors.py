from django.conf import settings
from django.utils.functional import SimpleLazyObject


def platform(request):
    def homes():
        from smartcity.accounts.navigation import role_homes

        user = getattr(request, "user", None)
        return role_homes(user) if user is not None else []

    return {
        "DEMO_MODE": settings.DEMO_MODE,
        "REQUIRE_STAFF_2FA": settings.REQUIRE_STAFF_2FA,
        "MAP_TILE_URL": settings.MAP_TILE_URL,
        "nav_homes": SimpleLazyObject(homes),
    }
