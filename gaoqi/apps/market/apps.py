from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketConfig(AppConfig):
    name = "gaoqi.apps.market"
    label = "market"
    verbose_name = _("产品兴企")

    def ready(self):
        from gaoqi.apps.market import search  # noqa: F401  (keeps the catalogue's search index current)
