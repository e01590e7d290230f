from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicedeskConfig(AppConfig):
    name = "gaoqi.apps.servicedesk"
    label = "servicedesk"
    verbose_name = _("有求必应")
