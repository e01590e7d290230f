"""Writing audit entries, computing field-level changes, and reading them back as labelled lines.

An entry's ``changes`` maps a key to ``[before, after]`` (a change) or to one value (a detail of the action, such as a
note or an attendee). ``change_lines`` turns either into :class:`Change` lines with the field's label and the values'
labels, read from the target model's fields (verbose names, choices) and the few keys below that are not fields.
"""

import re
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _

from gaoqi.core.districts import DISTRICT_NAMES
from gaoqi.core.models import AuditEntry

ACTIONS = {
    "assessment.run": _("完成评估"),
    "batch.start": _("启动批量评估"),
    "enterprise.register": _("企业注册"),
    "enterprise.invite": _("添加同事账号"),
    "enterprise.claim": _("提交企业认领"),
    "enterprise.claim_decide": _("审核企业认领"),
    "enterprise.district_change_request": _("申请变更所在区"),
    "enterprise.district_change_decide": _("审核所在区变更"),
    "profile.update": _("修改企业资料"),
    "user.create": _("创建账号"),
    "token.create": _("创建 API 令牌"),
    "policy.create": _("新建政策"),
    "policy.update": _("修改政策"),
    "policy.publish": _("发布政策"),
    "policy.status": _("变更政策状态"),
    "policy.applied": _("标记政策已申报"),
    "policy.broadcast": _("发送通知"),
    "training.programme_create": _("新建培训项目"),
    "training.session_create": _("新建培训场次"),
    "training.session_update": _("修改培训场次"),
    "training.session_cancel": _("取消培训场次"),
    "training.register": _("培训报名"),
    "training.cancel": _("取消培训报名"),
    "training.promote": _("候补转为正式报名"),
    "training.checkin": _("培训签到"),
    "training.feedback": _("提交培训反馈"),
    "mentor_save": _("保存导师资料"),
    "station_save": _("保存服务工作站资料"),
    "mentor_match": _("导师自动匹配"),
    "mentor_override": _("指定导师"),
    "visit_log": _("登记走访"),
    "servicedesk.routed": _("服务需求已分派"),
    "servicedesk.transition": _("服务需求状态变更"),
    "servicedesk.escalated": _("服务需求超时升级"),
    "servicedesk.rerouted": _("服务需求改派"),
    "notifications.preference_update": _("修改通知偏好"),
    "notifications.unsubscribe": _("退订通知"),
    "notifications.webhook_create": _("新建 Webhook 订阅"),
    "notifications.webhook_update": _("修改 Webhook 订阅"),
    "notifications.webhook_delete": _("删除 Webhook 订阅"),
    "notifications.dead_letter_retry": _("重新投递"),
    "finance.product_saved": _("保存金融产品"),
    "finance.demand_filed": _("提交融资需求"),
    "finance.demand_withdrawn": _("撤回融资需求"),
    "finance.consent_granted": _("授权金融机构查看资料"),
    "finance.consent_revoked": _("撤销金融机构的资料授权"),
    "finance.profile_viewed": _("金融机构查看企业资料"),
    "finance.deal_sent": _("推送融资需求"),
    "finance.deal_accepted": _("金融机构受理"),
    "finance.deal_documents": _("金融机构要求补充材料"),
    "finance.deal_approved": _("金融机构批准"),
    "finance.deal_declined": _("金融机构拒绝"),
    "finance.deal_withdrawn": _("融资对接撤回"),
    "market.product_save": _("保存创新产品"),
    "market.product_move": _("创新产品状态变更"),
    "market.scenario_publish": _("发布应用场景"),
    "market.scenario_close": _("关闭应用场景"),
    "market.proposal_submit": _("提交场景方案"),
    "market.proposal_move": _("场景方案状态变更"),
    "market.official_list_import": _("导入官方名单"),
    "rankings.indicator_version_create": _("新建指标体系版本"),
    "rankings.tier_snapshots_take": _("生成梯次快照"),
    "rankings.list_draft": _("起草榜单"),
    "rankings.list_submit": _("提交榜单审核"),
    "rankings.list_return": _("退回榜单修改"),
    "rankings.list_approve": _("批准榜单"),
    "rankings.list_publish": _("发布榜单"),
    "rankings.list_comment_add": _("榜单审核意见"),
    "rankings.list_entry_add": _("榜单增补企业"),
    "rankings.list_entry_remove": _("榜单移出企业"),
    "rankings.what_if_save": _("保存政策测算方案"),
    "finance.pool_loan_recorded": _("登记资金池贷款"),
    "finance.pool_loss_recorded": _("登记资金池贷款损失"),
    "finance.contest_recorded": _("记录大赛获奖"),
    "finance.round_recorded": _("记录股权融资"),
}

# Keys that are not fields of the target model.
KEYS = {
    "ip": _("知识产权（条）"),
    "conversions": _("成果转化（年度数）"),
    "incidents": _("重大安全、质量事故或违法行为（条）"),
    "certificates": _("资质证书（条）"),
    "note": _("说明"),
    "reason": _("原因"),
    "attendee": _("参加人"),
    "session": _("培训场次"),
    "recipients": _("接收人数"),
    "assigned": _("新分配"),
    "unassigned": _("未能分配"),
    "handler": _("承办方"),
    "mentor": _("导师"),
    "on": _("日期"),
    "topic": _("主题"),
    "url": _("地址"),
    "total": _("企业数"),
    "username": _("用户名"),
    "name_given": _("填写的企业名称"),
    "role": _("角色"),
    "state": _("状态"),
    "institution": _("金融机构"),
    "sections": _("授权查看的资料"),
}
DISTRICT_KEYS = {"district", "districts", "from_district", "to_district"}
KEY = re.compile(r"(?P<name>\w+)(?:\[(?P<index>\w+)\])?(?:\.(?P<sub>\w+))?")


@dataclass(frozen=True)
class Change:
    """One line of a change log: ``label：before → after``, or ``label：after`` for a detail (``before`` is None)."""

    label: str
    after: str
    before: str | None = None


def audit_record(*, actor, action: str, target: models.Model, enterprise_id=None, changes=None) -> AuditEntry:
    """Record that ``actor`` did ``action`` to ``target``."""
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        target_type=target._meta.label,
        target_id=str(target.pk),
        enterprise_id=enterprise_id,
        changes=changes or {},
    )


def field_changes(instance: models.Model, data: dict) -> dict:
    """Assign ``data`` to ``instance`` and return ``{field: [old, new]}`` for the values that changed."""
    changed = {}
    for name, new in data.items():
        old = getattr(instance, name)
        if old != new:
            changed[name] = [_plain(old), _plain(new)]
            setattr(instance, name, new)
    return changed


def _plain(value):
    if value is None or isinstance(value, bool | int | str | list):
        return value
    return str(value)


def action_label(action: str) -> str:
    return str(ACTIONS.get(action, action))


def change_lines(entry: AuditEntry, *, hidden: frozenset[str] = frozenset()) -> list[Change]:
    """The entry's changes as labelled lines (keys in ``hidden`` left out); a change whose two sides read the same is
    no change and is left out too."""
    model = _model(entry.target_type)
    lines = []
    for key, value in (entry.changes or {}).items():
        if key in hidden:
            continue
        field = _field(model, key)
        label = _label(model, key, field)
        if isinstance(value, list) and len(value) == 2:
            before, after = (_value(field, key, v) for v in value)
            if before != after:
                lines.append(Change(label, after, before))
        else:
            lines.append(Change(label, _value(field, key, value)))
    return lines


def _model(label: str):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _field(model, key: str):
    """The model field a key names, following ``relation[index].field`` and ``relation.field``."""
    match = KEY.fullmatch(key)
    if model is None or match is None:
        return None
    try:
        field = model._meta.get_field(match["name"])
        if match["sub"] and field.related_model is not None:
            field = field.related_model._meta.get_field(match["sub"])
    except FieldDoesNotExist:
        return None
    return None if field.is_relation and not match["sub"] else field


def _label(model, key: str, field) -> str:
    match = KEY.fullmatch(key)
    if key in KEYS or field is None:
        return str(KEYS.get(key, key))
    label = str(field.verbose_name)
    return _("%(year)s年%(field)s") % {"year": match["index"], "field": label} if match and match["index"] else label


def _value(field, key: str, value) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):
        return "、".join(_value(field, key, item) for item in value)
    if isinstance(value, bool):
        return str(_("是") if value else _("否"))
    if key.split(".")[-1] in DISTRICT_KEYS:
        return str(DISTRICT_NAMES.get(str(value), value))
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)
