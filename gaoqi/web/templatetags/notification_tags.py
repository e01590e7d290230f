"""The unread-notice count shown in the top navigation."""

from django import template

from gaoqi.apps.notifications.selectors import unread_count

register = template.Library()


@register.simple_tag
def unread_notices(user) -> int:
    return unread_count(actor=user)
