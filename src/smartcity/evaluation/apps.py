from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from smartcity.core.handoffs import ConnectsHandoffs


class EvaluationConfig(ConnectsHandoffs, AppConfig):
    name = "smartcity.evaluation"
    label = "evaluation"
    verbose_name = _("Evaluation")
