from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RankingsConfig(AppConfig):
    name = "gaoqi.apps.rankings"
    label = "rankings"
    verbose_name = _("梯次培育与精选")
