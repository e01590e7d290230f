"""Form fields shared by several forms."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gaoqi.core.districts import TECH_FIELD_NAMES


class TechFieldField(forms.CharField):
    """A technology-field code: two to five digits starting with one of the eight first-level fields."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("技术领域代码"))
        kwargs.setdefault("help_text", _("如 101（软件）或 10101（基础软件），见《国家重点支持的高新技术领域》"))
        super().__init__(max_length=5, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value and (not re.fullmatch(r"\d{2,5}", value) or value[:2] not in TECH_FIELD_NAMES):
            raise ValidationError(_("技术领域代码应为2至5位数字，并以10至80之一开头。"), code="tech_field")
        return value


def date_input(**attrs) -> forms.DateInput:
    """A browser date picker; its value is always ISO (``2026-03-31``), the only format ``<input type=date>`` reads,
    whatever the language's date format."""
    return forms.DateInput(attrs={"type": "date", **attrs}, format="%Y-%m-%d")


def not_in_future(label):
    """A validator for a date that has already happened (a registration date): no later than today."""

    def check(value):
        if value and value > timezone.localdate():
            raise ValidationError(
                _("%(field)s不能晚于今天（%(today)s）。"),
                code="future",
                params={"field": label, "today": timezone.localdate().isoformat()},
            )

    return check


def money_field(label, *, signed: bool = False):
    """An amount in yuan; ``signed`` amounts (the profile format's ``SIGNED_YEAR_AMOUNTS``) may be negative."""
    return forms.DecimalField(
        label=label, max_digits=18, decimal_places=2, min_value=None if signed else 0, required=False
    )
