"""The roles a user account can hold."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ENTERPRISE = "enterprise", _("企业用户")
    MENTOR = "mentor", _("导师")
    STATION = "station", _("服务站")
    FINANCE = "finance", _("金融机构")
    DISTRICT = "district", _("区科技局")
    BUREAU = "bureau", _("市科技局")
    SCENARIO_OWNER = "scenario_owner", _("场景方")


STAFF_ROLES = frozenset({Role.DISTRICT, Role.BUREAU})
