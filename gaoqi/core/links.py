"""Web addresses users give us (policy sources, online training links, webhooks): http and https only.

One rule for every model, form, API schema and template: ``WebURLValidator`` refuses every other scheme
(``javascript:``, ``data:``, ``vbscript:``, ``file:``, ``ftp:`` …); ``WebURLField`` carries it on models and into
model forms; ``web_href`` renders a stored value as a link target only when it still passes, so even data stored
before the rule can never become a ``javascript:`` link.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

SCHEMES = ("http", "https")
MESSAGE = _("请输入以 http:// 或 https:// 开头的完整网址。")


@deconstructible(path="gaoqi.core.links.WebURLValidator")
class WebURLValidator(URLValidator):
    """Django's URL check, limited to http and https."""

    def __init__(self, **kwargs):
        super().__init__(schemes=list(SCHEMES), message=MESSAGE, **kwargs)


validate_web_url = WebURLValidator()


def is_web_url(value) -> bool:
    """Whether ``value`` is a full http(s) address."""
    try:
        validate_web_url(str(value or "").strip())
    except ValidationError:
        return False
    return True


def web_href(value) -> str:
    """``value`` when it is a full http(s) address, else "" (a template then shows no link)."""
    return str(value).strip() if is_web_url(value) else ""


class WebURLFormField(forms.URLField):
    """A form field for a web address: ``https://`` assumed when the scheme is left out, other schemes refused."""

    default_validators = [validate_web_url]
    default_error_messages = {"invalid": MESSAGE}


class WebURLField(models.URLField):
    """A model field for a web address users give (see the module docstring)."""

    default_validators = [validate_web_url]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": WebURLFormField, **kwargs})
