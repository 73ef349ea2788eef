from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EndorsementsConfig(AppConfig):
    name = "smartcity.endorsements"
    label = "endorsements"
    verbose_name = _("BOI endorsements")

    def ready(self) -> None:
        # Models are loaded only now, so the hand-offs are connected here (docs/adr/0005-house-layers-portal.md).
        from . import connections

        connections.connect()
