from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinanceConfig(AppConfig):
    name = "gaoqi.apps.finance"
    label = "finance"
    verbose_name = _("金融惠企")
