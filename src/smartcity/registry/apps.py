from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from smartcity.core.handoffs import ConnectsHandoffs


class RegistryConfig(ConnectsHandoffs, AppConfig):
    name = "smartcity.registry"
    label = "registry"
    verbose_name = _("Public registry")
