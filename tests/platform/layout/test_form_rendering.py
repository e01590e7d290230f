"""Every form field renders as a Bootstrap control, chosen once by the form renderer; each status has one colour."""

import pytest
from django import forms

from gaoqi.web.templatetags.ui import tone


class Sample(forms.Form):
    name = forms.CharField(label="名称")
    code = forms.CharField(label="条件", widget=forms.Textarea(attrs={"class": "code"}))
    district = forms.ChoiceField(label="区", choices=[("440112", "黄埔区"), ("440106", "天河区")])
    agree = forms.BooleanField(label="同意", required=False)
    topics = forms.MultipleChoiceField(
        label="主题", choices=[("ip", "知识产权"), ("finance", "科技金融")], widget=forms.CheckboxSelectMultiple
    )
    year = forms.IntegerField(widget=forms.HiddenInput)


def rendered(form, name) -> str:
    return str(form[name])


def test_each_widget_gets_its_bootstrap_class_and_keeps_its_own():
    form = Sample()
    assert 'class="form-control"' in rendered(form, "name")
    assert 'class="code form-control"' in rendered(form, "code")
    assert 'class="form-select"' in rendered(form, "district")
    assert 'class="form-check-input"' in rendered(form, "agree")
    assert "class=" not in rendered(form, "year")


def test_a_checkbox_list_is_a_row_of_bootstrap_checks_with_labels():
    html = rendered(Sample(), "topics")
    assert html.count('<div class="form-check form-check-inline">') == 2
    assert '<input type="checkbox" name="topics" value="ip" class="form-check-input"' in html
    assert '<label class="form-check-label" for="id_topics_0">知识产权</label>' in html


def test_a_field_with_an_error_is_marked_invalid_and_keeps_what_was_typed():
    form = Sample({"name": "", "code": "hte.eligible", "district": "440112", "year": "2025"})
    assert not form.is_valid()
    assert "is-invalid" in rendered(form, "name")
    assert "is-invalid" not in rendered(form, "code")
    assert "hte.eligible</textarea>" in rendered(form, "code")


@pytest.mark.parametrize(
    ("status", "colour"),
    [
        *[("eligible", "success"), ("fail", "danger"), ("no", "danger"), ("nearly", "warning"), ("new", "primary")],
        *[("approved", "success"), ("rejected", "danger"), ("pending", "warning")],
        *[("unknown", "secondary"), ("lacks", "secondary"), ("draft", "secondary"), ("", "secondary")],
    ],
)
def test_each_status_has_one_colour(status, colour):
    assert tone(status) == colour
