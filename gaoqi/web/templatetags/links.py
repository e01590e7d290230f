"""``{{ value|web_href }}``: a user-given address as a link target, or "" unless it is http(s) (gaoqi.core.links)."""

from django import template

from gaoqi.core.links import web_href

register = template.Library()
register.filter("web_href", web_href)
