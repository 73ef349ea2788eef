from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from smartcity.core.handoffs import ConnectsHandoffs


class EndorsementsConfig(ConnectsHandoffs, AppConfig):
    name = "smartcity.endorsements"
    label = "endorsements"
    verbose_name = _("BOI endorsements")
