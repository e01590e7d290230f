"""Notices about reviewed requests (``enterprises.events.review_changed``): who must decide hears of a new claim or
district change, and the people who asked hear the decision."""

from django.contrib.auth import get_user_model
from django.dispatch import receiver
from django.utils.translation import gettext as _

from gaoqi.apps.enterprises.events import review_changed
from gaoqi.apps.enterprises.models import Claim, DistrictChange, Membership, Review
from gaoqi.apps.notifications.models import NoticeTopic
from gaoqi.apps.notifications.services import NoticeSpec, enterprise_user_ids, notify
from gaoqi.core.districts import DISTRICT_NAMES
from gaoqi.core.pagelinks import link_for
from gaoqi.core.roles import Role


def _bureau_ids() -> list[int]:
    return list(get_user_model().objects.filter(role=Role.BUREAU, is_active=True).values_list("pk", flat=True))


def _specs(user_ids, *, key: str, enterprise_id: int, title: str, body: str, link: str) -> list[NoticeSpec]:
    return [
        NoticeSpec(
            user_id=user_id,
            topic=NoticeTopic.ACCOUNT,
            title=title,
            body=body,
            reason=_("您负责审核此申请，或是申请人。"),
            dedupe_key=key,
            link=link,
            enterprise_id=enterprise_id,
            cause=f"review:{key}",
        )
        for user_id in dict.fromkeys(user_ids)
    ]


def _claim(claim: Claim, decided: bool) -> list[NoticeSpec]:
    name = claim.enterprise.name
    if decided:
        title = (_("认领申请已通过：%(name)s") if claim.state == Review.APPROVED else _("认领申请未通过：%(name)s")) % {
            "name": name
        }
        body = claim.note or _("审核意见：无")
        return _specs(
            [claim.user_id],
            key=f"claim:{claim.pk}:{claim.state}",
            enterprise_id=claim.enterprise_id,
            title=title,
            body=body,
            link=link_for("accounts.claim_status"),
        )
    admins = Membership.objects.filter(enterprise_id=claim.enterprise_id, is_admin=True, user__is_active=True)
    body = _("用户 %(user)s 以本企业的统一社会信用代码注册，申请加入企业“%(name)s”。请核实后通过或驳回。") % {
        "user": claim.user.username,
        "name": name,
    }
    title = _("企业认领待审核：%(name)s") % {"name": name}
    to_admins = _specs(
        admins.values_list("user_id", flat=True),
        key=f"claim:{claim.pk}",
        enterprise_id=claim.enterprise_id,
        title=title,
        body=body,
        link=link_for("enterprises.colleagues"),
    )
    to_bureau = _specs(
        _bureau_ids(),
        key=f"claim:{claim.pk}",
        enterprise_id=claim.enterprise_id,
        title=title,
        body=body,
        link=link_for("accounts.reviews"),
    )
    return to_admins + to_bureau


def _district_change(change: DistrictChange, decided: bool) -> list[NoticeSpec]:
    names = {"name": change.enterprise.name, "from": DISTRICT_NAMES[change.from_district]}
    names["to"] = DISTRICT_NAMES[change.to_district]
    if decided:
        approved = change.state == Review.APPROVED
        title = (
            _("所在区变更已通过：%(from)s → %(to)s") if approved else _("所在区变更未通过：%(from)s → %(to)s")
        ) % names
        members = enterprise_user_ids([change.enterprise_id]).get(change.enterprise_id, [])
        return _specs(
            members,
            key=f"district_change:{change.pk}:{change.state}",
            enterprise_id=change.enterprise_id,
            title=title,
            body=change.note or _("审核意见：无"),
            link=link_for("enterprises.district_change"),
        )
    title = _("所在区变更待审核：%(name)s") % names
    body = _("%(name)s 申请由%(from)s变更为%(to)s，理由：%(reason)s") % {**names, "reason": change.reason}
    return _specs(
        _bureau_ids(),
        key=f"district_change:{change.pk}",
        enterprise_id=change.enterprise_id,
        title=title,
        body=body,
        link=link_for("accounts.reviews"),
    )


@receiver(review_changed)
def review_notify(sender, *, kind: str, pk: int, decided: bool = False, **kwargs) -> None:
    if kind == "claim":
        claim = Claim.objects.select_related("enterprise", "user").get(pk=pk)
        notify(_claim(claim, decided))
    else:
        notify(_district_change(DistrictChange.objects.select_related("enterprise").get(pk=pk), decided))
