from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "gaoqi.web"
    label = "web"
    verbose_name = _("网页")

    def ready(self) -> None:
        from gaoqi.web.links import register_page_links

        register_page_links()
