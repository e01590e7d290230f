"""Presentation helpers shared by every template."""

from django import template

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
