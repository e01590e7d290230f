"""The roles a user account can hold."""

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ENTERPRISE = "enterprise", _("企业用户")
    MENTOR = "mentor", _("导师")
    STATION = "station", _("服务站")
    FINANCE = "finance", _("金融机构")
    DISTRICT = "district", _("区科技局")
    BUREAU = "bureau", _("市科技局")


STAFF_ROLES = frozenset({Role.DISTRICT, Role.BUREAU})

# How a person of each role is named to an enterprise when they have no full name on file.
PUBLIC_TITLES = {
    Role.ENTERPRISE: _("企业用户"),
    Role.MENTOR: _("服务导师"),
    Role.STATION: _("服务站工作人员"),
    Role.FINANCE: _("金融机构工作人员"),
    Role.DISTRICT: _("区科技局工作人员"),
    Role.BUREAU: _("市科技局工作人员"),
}


def public_name(user: Any) -> str:
    """A person as an enterprise sees them, never by login name: a mentor or colleague by full name, a station's
    operator by the station's name, bureau and district staff by their office ("市科技局工作人员")."""
    if user is None:
        return str(_("系统"))
    if user.role in (Role.MENTOR, Role.ENTERPRISE) and user.get_full_name():
        return str(user.get_full_name())
    if user.role == Role.STATION and (station := user.operated_stations.order_by("name").first()) is not None:
        return str(station.name)
    return str(PUBLIC_TITLES.get(user.role, _("工作人员")))


def shown_name(user: Any, *, viewer: Any) -> str:
    """A person's name for ``viewer``: staff and mentors see the login name, enterprises the public name."""
    if user is None or viewer is None or getattr(viewer, "role", Role.ENTERPRISE) == Role.ENTERPRISE:
        return public_name(user)
    return str(user.username)
