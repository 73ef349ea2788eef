from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "smartcity.registry"
    label = "registry"
    verbose_name = _("Public registry")

    def ready(self) -> None:
        # Models are loaded only now, so the hand-offs are connected here (docs/adr/0005-house-layers-portal.md).
        from . import connections

        connections.connect()
