from django.conf import settings


def platform(request):
    """The settings every template may show (the demo banner, the two-factor notice, the map tiles)."""
    return {
        "DEMO_MODE": settings.DEMO_MODE,
        "REQUIRE_STAFF_2FA": settings.REQUIRE_STAFF_2FA,
        "MAP_TILE_URL": settings.MAP_TILE_URL,
    }
