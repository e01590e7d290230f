"""The console: list with search, filters and pagination; detail; batch re-assessment progress."""

import datetime
import io

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from gaoqi.apps.assessments.models import BatchRun
from gaoqi.apps.enterprises.models import Certificate, Enterprise


def _names(response):
    return [e.name for e, _a in response.context["rows"]]


def test_bureau_filters_by_district(client, cast):
    client.force_login(cast.bureau)
    assert _names(client.get(reverse("console"), {"district": "440106"})) == ["广州天河云软件有限公司"]


def test_search_matches_name_or_uscc_prefix(client, cast):
    client.force_login(cast.bureau)
    assert _names(client.get(reverse("console"), {"q": "华芯"})) == ["广州华芯科技有限公司"]
    assert _names(client.get(reverse("console"), {"q": cast.theirs.uscc[:10]})) == ["广州天河云软件有限公司"]


def test_filter_by_field_and_verdict(client, cast, make_assessment):
    make_assessment(cast.ours, eligible=False, status="fail")
    client.force_login(cast.bureau)
    assert _names(client.get(reverse("console"), {"field": "10", "verdict": "ineligible"})) == ["广州华芯科技有限公司"]
    assert _names(client.get(reverse("console"), {"verdict": "none"})) == ["广州天河云软件有限公司"]
    assert _names(client.get(reverse("console"), {"field": "20"})) == []


def test_district_filters_cannot_widen_the_tenancy(client, cast):
    client.force_login(cast.district)
    assert _names(client.get(reverse("console"), {"district": "440106"})) == []


def test_the_list_is_paginated_by_fifty(client, cast):
    Enterprise.objects.bulk_create(
        Enterprise(
            uscc=f"91440106MA{i:08d}",
            name=f"测试企业{i:03d}",
            district="440106",
            tech_field="101",
            registered_on="2020-01-01",
        )
        for i in range(60)
    )
    client.force_login(cast.bureau)
    first = client.get(reverse("console"), {"district": "440106"})
    assert len(first.context["rows"]) == 50
    second = client.get(reverse("console"), {"district": "440106", "page": 2})
    assert len(second.context["rows"]) == 11
    assert "district=440106" in first.context["query"]


def test_invalid_filters_are_ignored_rather_than_failing(client, cast):
    client.force_login(cast.bureau)
    assert client.get(reverse("console"), {"verdict": "bogus", "page": "x"}).status_code == 200


def test_detail_shows_years_and_history(client, cast, report):
    client.force_login(cast.district)
    body = client.get(reverse("console_enterprise", args=[cast.ours.pk])).content.decode()
    assert "2025" in body
    assert "查看报告" in body


def test_starting_a_batch_shows_a_polling_progress_bar_that_survives_reload(client, cast):
    client.force_login(cast.bureau)
    client.post(reverse("batch_create"), {"confirm": "1"})
    batch = BatchRun.objects.get()
    body = client.get(reverse("console")).content.decode()
    assert f'hx-get="{reverse("batch_progress", args=[batch.pk])}"' in body
    assert "重新评估全部企业" not in body


def test_the_progress_fragment_stops_polling_when_done(client, cast):
    batch = BatchRun.objects.create(created_by=cast.bureau, total=4, done=4, status="done")
    client.force_login(cast.bureau)
    body = client.get(reverse("batch_progress", args=[batch.pk])).content.decode()
    assert "100%" in body
    assert "hx-get" not in body


def test_the_export_is_the_filtered_list_with_chinese_headers(client, cast, make_assessment):
    make_assessment(cast.ours)
    client.force_login(cast.bureau)
    response = client.get(reverse("console_export"), {"district": "440112"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][:2] == ("企业名称", "统一社会信用代码")
    assert rows[1][0] == "广州华芯科技有限公司"
    assert rows[1][2] == "黄埔区"
    assert rows[1][5] == "符合条件"
    assert len(rows) == 2


def test_the_export_respects_the_tenancy(client, cast):
    client.force_login(cast.other_district)
    rows = list(load_workbook(io.BytesIO(client.get(reverse("console_export")).content)).active.values)
    assert [r[0] for r in rows[1:]] == ["广州天河云软件有限公司"]


def test_filter_by_certificate_and_minimum_score(client, cast, make_assessment):
    make_assessment(cast.ours)
    make_assessment(cast.theirs)
    today = timezone.localdate()
    valid, expired = (
        (today - datetime.timedelta(days=30), today + datetime.timedelta(days=30)),
        (
            today - datetime.timedelta(days=1200),
            today - datetime.timedelta(days=1),
        ),
    )
    for enterprise, (issued, expires) in ((cast.theirs, valid), (cast.ours, expired)):
        Certificate.objects.create(enterprise=enterprise, kind="hte", issued_on=issued, expires_on=expires)
    client.force_login(cast.bureau)
    assert _names(client.get(reverse("console"), {"certified": "true"})) == ["广州天河云软件有限公司"]
    assert _names(client.get(reverse("console"), {"certified": "false", "min_score": "72"})) == ["广州华芯科技有限公司"]
    assert _names(client.get(reverse("console"), {"min_score": "73"})) == []


def test_re_assessing_every_enterprise_needs_the_confirmation_ticked(client, cast):
    client.force_login(cast.bureau)
    response = client.post(reverse("batch_create"))
    assert response.status_code == 302
    assert not BatchRun.objects.exists()
    assert "请先勾选确认" in client.get(reverse("console")).content.decode()
