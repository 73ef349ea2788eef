from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from smartcity.core.handoffs import ConnectsHandoffs


class CertificationConfig(ConnectsHandoffs, AppConfig):
    name = "smartcity.certification"
    label = "certification"
    verbose_name = _("Certification")
