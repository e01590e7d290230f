from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoliciesConfig(AppConfig):
    name = "gaoqi.apps.policies"
    label = "policies"
    verbose_name = _("政策")

    def ready(self):
        from gaoqi.apps.policies import receivers, search  # noqa: F401
