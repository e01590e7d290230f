from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "gaoqi.apps.assessments"
    label = "assessments"
    verbose_name = _("自评")

    def ready(self):
        from gaoqi.apps.assessments import receivers  # noqa: F401
