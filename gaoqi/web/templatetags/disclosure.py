"""``{{ count|cell }}``: a count, or "<5" where it is too small to show (gaoqi.core.disclosure)."""

from django import template

from gaoqi.core.disclosure import min_count

register = template.Library()


@register.filter
def cell(value):
    return f"<{min_count()}" if value is None else value


@register.simple_tag
def min_cell():
    """The smallest count shown today, for the note under a table."""
    return min_count()
