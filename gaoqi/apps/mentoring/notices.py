"""Notices about new mentor pairs: the mentor hears of the enterprise, the enterprise's users of their mentor."""

from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from gaoqi.apps.notifications.models import NoticeTopic
from gaoqi.apps.notifications.services import NoticeSpec, enterprise_user_ids, notify
from gaoqi.core.pagelinks import link_for
from gaoqi.core.roles import public_name


class Pair(NamedTuple):
    enterprise_id: int
    enterprise_name: str
    mentor_id: int
    mentor_name: str
    reason: str


def pairs_notify(pairs: list[Pair]) -> int:
    """Tell both sides of each new pair, with the match reason; the same pair is never announced twice."""
    members = enterprise_user_ids(p.enterprise_id for p in pairs)
    to_mentor = _("新分配服务企业：%(name)s")
    to_mentor_body = _("请在导师工作台查看该企业的最新自评与差距，并安排走访。")
    to_members = _("您的一对一服务导师：%(name)s")
    to_members_body = _("市科技局为贵企业安排了一对一服务导师，导师将与您联系。")
    to_members_why = _("市科技局为贵企业安排的一对一服务")
    mentors = get_user_model().objects.in_bulk({p.mentor_id for p in pairs})
    workbench = link_for("mentoring.workbench")
    specs = []
    for p in pairs:
        common = {
            "topic": NoticeTopic.MENTOR,
            "reason": p.reason,
            "dedupe_key": f"mentoring:pair:{p.enterprise_id}:{p.mentor_id}",
            "enterprise_id": p.enterprise_id,
            "cause": f"mentoring:{p.enterprise_id}",
        }
        specs.append(
            NoticeSpec(
                user_id=p.mentor_id,
                title=to_mentor % {"name": p.enterprise_name},
                body=to_mentor_body,
                link=f"{workbench}{p.enterprise_id}/",
                **common,
            )
        )
        shown = {"name": public_name(mentors.get(p.mentor_id))}  # the match reason and login name are for staff
        specs += [
            NoticeSpec(
                user_id=user_id, title=to_members % shown, body=to_members_body, **(common | {"reason": to_members_why})
            )
            for user_id in members.get(p.enterprise_id, [])
        ]
    return notify(specs)
