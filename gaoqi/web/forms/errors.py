"""A service's refusal shown on the form that asked for it."""

from django import forms

from gaoqi.core.errors import DomainError


def add_domain_error(form: forms.BaseForm, exc: DomainError) -> None:
    """Put ``exc``'s message on the field it names, or on the whole form when the form has no such field."""
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)
