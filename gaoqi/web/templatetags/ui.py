"""Presentation helpers shared by every template."""

from django import template
from django.core.exceptions import FieldDoesNotExist

from gaoqi.core.audit import action_label, change_lines
from gaoqi.core.roles import Role, shown_name

# Details of an audit entry kept from enterprises: why the platform routed a request where it did.
INTERNAL = {"servicedesk.routed": frozenset({"note"}), "servicedesk.rerouted": frozenset({"reason"})}

register = template.Library()

TONES = {
    "success": {
        "pass",
        "eligible",
        "qualify",
        "met",
        "confirmed",
        "resolved",
        "rated",
        "published",
        "done",
        "approved",
    },
    "danger": {"fail", "ineligible", "unmet", "no", "failed", "rejected"},
    "warning": {"nearly", "waiting", "reopened", "pending"},
    "primary": {"new", "accepted", "in_progress", "running"},
}
TONE_OF = {status: tone for tone, statuses in TONES.items() for status in statuses}


@register.filter
def tone(status) -> str:
    """Bootstrap's colour for a status code (verdicts, condition checks, request states…): ``text-bg-{{ s|tone }}``;
    anything else, such as unknown, lacking data, draft or cancelled, is grey."""
    return TONE_OF.get(str(status), "secondary")


@register.simple_tag
def audit_lines(entry, viewer):
    """An audit entry's changes as labelled lines (``gaoqi.core.audit.change_lines``); an enterprise does not see the
    internal routing reasons."""
    hidden = INTERNAL.get(entry.action, frozenset()) if getattr(viewer, "role", "") == Role.ENTERPRISE else frozenset()
    return change_lines(entry, hidden=hidden)


@register.filter
def person(user, viewer) -> str:
    """``{{ entry.actor|person:user }}``: a login name for staff, a display name or role for an enterprise."""
    return shown_name(user, viewer=viewer)


@register.filter
def audit_action(action: str) -> str:
    """An audit action code as words: ``servicedesk.escalated`` → 服务需求超时升级."""
    return action_label(action)


@register.filter
def field_labels(names, model) -> str:
    """Field names of ``model`` as their labels, joined: a policy version's changed fields."""
    return "、".join(str(_field_label(model, name)) for name in names)


def _field_label(model, name):
    try:
        return model._meta.get_field(name).verbose_name
    except FieldDoesNotExist:
        return name
