from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "smartcity.catalogue"
    label = "catalogue"
    verbose_name = _("Open data catalogue")

    def ready(self) -> None:
        # Signals: an organisation's new name reaches its datasets' cached records. Live kinds register here.
        from . import live_plan, signals  # noqa: F401
