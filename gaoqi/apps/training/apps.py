from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "gaoqi.apps.training"
    label = "training"
    verbose_name = _("科创学堂")

    def ready(self):
        from gaoqi.apps.mentoring.sections import station_sections
        from gaoqi.apps.training.station_section import upcoming_sessions

        station_sections.append(upcoming_sessions)
