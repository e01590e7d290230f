"""Every address a user can give is http(s) only, in every form, API schema and model, and no page renders a stored
address as a ``javascript:`` link."""

import datetime
import importlib
import inspect
import pkgutil
import re
from html import escape

import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from pydantic import BaseModel, TypeAdapter
from pydantic import ValidationError as SchemaError

import gaoqi.web.forms
from gaoqi.api.urls import api
from gaoqi.apps.policies.models import Policy
from gaoqi.apps.training.models import Programme, Session
from gaoqi.core.links import WebURLField, WebURLFormField

HOSTILE = ["javascript:alert(document.cookie)", " JavaScript:alert(1)", "data:text/html,<script>alert(1)</script>"]
HOSTILE += ["vbscript:msgbox(1)", "file:///etc/passwd", "ftp://files.example.cn/a"]
URL_NAME = re.compile(r"(^|_)(url|link|href|website|homepage|site)($|_)")


def _form_classes():
    for module in pkgutil.iter_modules(gaoqi.web.forms.__path__, "gaoqi.web.forms."):
        for _name, cls in inspect.getmembers(importlib.import_module(module.name), inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__.startswith("gaoqi."):
                yield cls


def _form_url_fields():
    return sorted(
        {(cls.__name__, name) for cls in _form_classes() for name in cls.base_fields if URL_NAME.search(name)}
    )


def _schema_url_fields():
    """``(operation, dotted field, type adapter)`` for every address field any endpoint takes, however nested."""
    found = {}

    def walk(model, prefix, label):
        for name, info in model.model_fields.items():
            for annotation in _leaves(info.annotation):
                if inspect.isclass(annotation) and issubclass(annotation, BaseModel):
                    walk(annotation, f"{prefix}{name}.", label)
                elif URL_NAME.search(name) or (info.json_schema_extra or {}).get("format") == "uri":
                    found[(label, prefix + name)] = TypeAdapter(info.rebuild_annotation())

    for prefix, router in api._routers:
        for path, view in router.path_operations.items():
            for operation in view.operations:
                for model in operation.models:
                    walk(model, "", f"{'/'.join(operation.methods)} {prefix}{path}")
    return found


def _leaves(annotation):
    args = getattr(annotation, "__args__", None)
    if not args:
        return [annotation]
    return [leaf for arg in args for leaf in _leaves(arg)]


def test_every_address_field_of_every_model_is_a_web_url_field():
    plain = [
        f"{model._meta.label}.{f.name}"
        for model in apps.get_models()
        if model.__module__.startswith("gaoqi.")
        for f in model._meta.get_fields()
        if isinstance(f, models.URLField) and not isinstance(f, WebURLField)
    ]
    assert plain == []


def test_the_forms_take_addresses_in_the_three_places_users_give_them():
    assert _form_url_fields() == [
        ("PolicyForm", "application_url"),
        ("PolicyForm", "source_url"),
        ("SessionEditForm", "online_url"),
        ("SessionForm", "online_url"),
        ("WebhookForm", "url"),
    ]


@pytest.mark.parametrize(("form", "name"), _form_url_fields())
@pytest.mark.parametrize("value", HOSTILE)
def test_every_form_address_field_refuses_other_schemes(form, name, value):
    field = next(cls for cls in _form_classes() if cls.__name__ == form).base_fields[name]
    assert isinstance(field, WebURLFormField)
    with pytest.raises(ValidationError) as refused:
        field.clean(value)
    assert "http://" in str(refused.value.messages)


@pytest.mark.parametrize(("form", "name"), _form_url_fields())
def test_every_form_address_field_takes_https(form, name):
    field = next(cls for cls in _form_classes() if cls.__name__ == form).base_fields[name]
    assert field.clean("https://www.gz.gov.cn/zwgk/a.html") == "https://www.gz.gov.cn/zwgk/a.html"


def test_the_api_takes_addresses_in_the_same_places():
    assert sorted(_schema_url_fields()) == [
        ("PATCH /notifications/webhooks/{webhook_id}", "payload.url"),
        ("PATCH /policies/{policy_id}", "payload.application_url"),
        ("PATCH /training/sessions/{session_id}", "payload.online_url"),
        ("POST /notifications/webhooks", "payload.url"),
        ("POST /policies", "payload.application_url"),
        ("POST /policies", "payload.source_url"),
    ]


@pytest.mark.parametrize(("operation", "name"), sorted(_schema_url_fields()))
@pytest.mark.parametrize("value", HOSTILE)
def test_every_api_address_field_refuses_other_schemes(operation, name, value):
    with pytest.raises(SchemaError, match="http://"):
        _schema_url_fields()[(operation, name)].validate_python(value)


def test_creating_a_policy_with_a_script_source_is_refused_naming_the_field(client, cast):
    client.force_login(cast.bureau)
    body = {"title": "政策", "issuer": "科技局", "level": "city", "category": "recognition", "summary": "摘要"}
    response = client.post(
        "/api/v1/policies", {**body, "source_url": "javascript:alert(1)"}, content_type="application/json"
    )
    assert response.status_code == 422
    assert [f["field"] for f in response.json()["details"]["fields"]] == ["source_url"]
    assert not Policy.objects.exists()


def test_the_policy_editor_refuses_a_data_address_and_keeps_what_was_typed(client, cast):
    client.force_login(cast.bureau)
    data = {"title": "新政策", "issuer": "科技局", "level": "city", "category": "recognition", "summary": "摘要"}
    data |= {"source_url": "data:text/html,<b>x</b>", "closing_lead_days": 7}
    response = client.post("/policies/new/", data)
    assert response.status_code == 400
    assert "http://" in str(response.context["form"].errors["source_url"])
    assert response.context["form"]["title"].value() == "新政策"


@pytest.fixture
def online_session(cast):
    now = timezone.now()
    return Session.objects.create(
        programme=Programme.objects.create(title="系列", topic="recognition", year=now.year),
        title="线上课",
        topic="recognition",
        speakers="李老师",
        district="440112",
        online_url="https://meeting.example.cn/1",
        starts_at=now + datetime.timedelta(days=7),
        ends_at=now + datetime.timedelta(days=7, hours=2),
        capacity=10,
        registration_opens=now - datetime.timedelta(days=1),
        registration_closes=now + datetime.timedelta(days=6),
    )


def test_a_session_link_cannot_be_changed_to_a_script_through_the_api(client, cast, online_session):
    client.force_login(cast.bureau)
    url = f"/api/v1/training/sessions/{online_session.pk}"
    response = client.patch(url, {"online_url": "javascript:alert(1)"}, content_type="application/json")
    assert response.status_code == 422
    assert [f["field"] for f in response.json()["details"]["fields"]] == ["online_url"]
    online_session.refresh_from_db()
    assert online_session.online_url == "https://meeting.example.cn/1"


def test_a_webhook_cannot_point_at_a_script(client, cast):
    client.force_login(cast.owner)
    response = client.post(
        "/api/v1/notifications/webhooks", {"url": "javascript:alert(1)"}, content_type="application/json"
    )
    assert response.status_code == 422
    assert [f["field"] for f in response.json()["details"]["fields"]] == ["url"]


@pytest.mark.parametrize("stored", ["javascript:alert(document.cookie)", "data:text/html,x", "ftp://x.cn/a"])
def test_addresses_stored_before_the_rule_never_become_links(client, cast, online_session, stored):
    policy = Policy.objects.create(
        title="旧政策", issuer="科技局", level="city", category="recognition", summary="摘要", status="published"
    )
    Policy.objects.filter(pk=policy.pk).update(source_url=stored)
    Session.objects.filter(pk=online_session.pk).update(online_url=stored)
    client.force_login(cast.owner)
    for page in (f"/policies/{policy.pk}/", f"/training/sessions/{online_session.pk}/"):
        html = client.get(page).content.decode()
        assert escape(stored) not in html, page


def test_a_stored_https_address_is_still_a_link(client, cast, online_session):
    client.force_login(cast.owner)
    html = client.get(f"/training/sessions/{online_session.pk}/").content.decode()
    assert 'href="https://meeting.example.cn/1"' in html
