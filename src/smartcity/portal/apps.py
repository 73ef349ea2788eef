from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The top of the house: the landing page, each role's home page and navigation, the demo command.

    It may import every app below it and nothing imports it, so pages that gather several domains live here
    instead of pulling the kernel or `accounts` up into the domains (docs/adr/0005-house-layers-portal.md).
    """

    name = "smartcity.portal"
    label = "portal"
    verbose_name = _("Portal")
