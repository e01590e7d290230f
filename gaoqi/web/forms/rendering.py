"""How every form field renders: Bootstrap's classes on each widget, chosen once here for every form of the site.

The renderer reads templates through the project's TEMPLATES setting, so the checkbox and radio lists are Bootstrap
``form-check`` rows (``gaoqi/web/templates/django/forms/widgets/``).
"""

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting

LISTS = (forms.CheckboxSelectMultiple, forms.RadioSelect)  # their options carry the class (see the templates)


def widget_class(widget) -> str:
    """Bootstrap's class for a widget: form-select, form-check-input or form-control."""
    if isinstance(widget, LISTS) or widget.is_hidden:
        return ""
    if isinstance(widget, forms.Select):
        return "form-select"
    if isinstance(widget, forms.CheckboxInput):
        return "form-check-input"
    return "form-control"


class BootstrapBoundField(BoundField):
    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        classes = [widget.attrs.get("class", ""), attrs.get("class", ""), widget_class(widget)]
        if self.errors and not widget.is_hidden:
            classes.append("is-invalid")
        if joined := " ".join(c for c in classes if c):
            attrs["class"] = joined
        return attrs


class FormRenderer(TemplatesSetting):
    bound_field_class = BootstrapBoundField
