from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicedeskConfig(AppConfig):
    name = "gaoqi.apps.servicedesk"
    label = "servicedesk"
    verbose_name = _("有求必应")

    def ready(self):
        from gaoqi.apps.mentoring.sections import station_sections
        from gaoqi.apps.servicedesk.station_section import open_requests

        station_sections.append(open_requests)
