"""Where a library search matched: the query's terms wrapped in <mark>, everything else escaped."""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from gaoqi.apps.policies.search_terms import highlight, snippet

register = template.Library()
SNIPPET_FIELDS = ("summary", "clauses", "full_text", "document_number", "issuer")


def _html(parts: list[tuple[str, bool]]) -> SafeString:
    return mark_safe(
        "".join(format_html("<mark>{}</mark>", text) if hit else conditional_escape(text) for text, hit in parts)
    )


@register.simple_tag
def search_highlight(text: str, q: str) -> SafeString:
    return _html(highlight(text, q))


@register.simple_tag
def search_snippet(policy, q: str) -> SafeString:
    return _html(snippet([getattr(policy, name) for name in SNIPPET_FIELDS], q))
