"""The enterprise's journey in the browser: register, fill the profile, assess, read the report."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gaoqi.apps.assessments.models import Assessment
from gaoqi.apps.assessments.pdf import report_html
from gaoqi.apps.enterprises.models import Enterprise, FiscalYear, ProfileDraft
from gaoqi.rules.uscc import make_uscc

USCC = make_uscc("91", "440112", "MA5XYW12")


def _registration(**overrides):
    return {
        "username": "newco",
        "email": "boss@newco.cn",
        "password1": "Kx8-long-enough",
        "password2": "Kx8-long-enough",
        "uscc": USCC,
        "name": "广州新芯科技有限公司",
        "district": "440112",
        "tech_field": "10201",
        "registered_on": "2019-04-01",
    } | overrides


def test_a_new_enterprise_registers_and_lands_on_its_profile(client, db):
    response = client.post(reverse("register"), _registration())
    assert response.status_code == 302
    assert response.url == reverse("profile_step", args=["basic"])
    assert Enterprise.objects.get().uscc == USCC


def test_registration_shows_the_uscc_error_in_chinese_and_keeps_what_was_typed(client, db):
    bad = USCC[:-1] + ("1" if USCC[-1] != "1" else "2")
    response = client.post(reverse("register"), _registration(uscc=bad))
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["uscc"]
    assert "广州新芯科技有限公司" in response.content.decode()
    assert not Enterprise.objects.exists()


def test_an_invalid_year_keeps_every_typed_value_and_saves_a_draft(client, cast):
    client.force_login(cast.owner)
    url = reverse("profile_step", args=["years"])
    data = client.get(url).context["formset"].initial
    post = {"years-TOTAL_FORMS": "3", "years-INITIAL_FORMS": "3"}
    for i, row in enumerate(data):
        post |= {f"years-{i}-{k}": "" if v is None else str(v) for k, v in row.items()}
    post["years-2-st_staff"] = "999"
    post["years-1-sales_revenue"] = "12abc"
    response = client.post(url, post)
    assert response.status_code == 400
    body = response.content.decode()
    assert "科技人员数不能超过职工总数" in body
    assert 'value="12abc"' in body
    assert ProfileDraft.objects.get(step="years").data["years-1-sales_revenue"] == ["12abc"]
    restored = client.get(url)
    assert 'value="12abc"' in restored.content.decode()


def test_a_valid_step_saves_the_figures_and_moves_on(client, cast):
    client.force_login(cast.owner)
    url = reverse("profile_step", args=["basic"])
    post = {k: v for k, v in client.get(url).context["form"].initial.items() if v not in (None, False)}
    post |= {"name": "广州华芯微电子有限公司", "registered_on": "2015-03-01", "application_date": "2026-06-30"}
    response = client.post(url, post)
    assert response.status_code == 302
    assert response.url == reverse("profile_step", args=["years"])
    assert Enterprise.objects.get(pk=cast.ours.pk).name == "广州华芯微电子有限公司"


def test_saving_a_draft_does_not_touch_the_profile(client, cast):
    client.force_login(cast.owner)
    url = reverse("profile_step", args=["basic"])
    response = client.post(url, {"name": "草稿名", "draft": "1"})
    assert response.status_code == 302
    assert Enterprise.objects.get(pk=cast.ours.pk).name == "广州华芯科技有限公司"
    assert "草稿名" in client.get(url).content.decode()


def test_ip_and_other_steps_save_lists(client, cast):
    client.force_login(cast.owner)
    post = {
        "ip-TOTAL_FORMS": "1",
        "ip-INITIAL_FORMS": "0",
        "ip-0-kind": "software_copyright",
        "ip-0-granted_on": "2024-02-03",
        "ip-0-acquired_by": "own",
        "ip-0-core": "on",
    }
    assert client.post(reverse("profile_step", args=["ip"]), post).status_code == 302
    assert list(cast.ours.ip_items.values_list("kind", flat=True)) == ["software_copyright"]
    years = sorted(FiscalYear.objects.filter(enterprise=cast.ours).values_list("year", flat=True))
    post = {
        "inc-TOTAL_FORMS": "0",
        "inc-INITIAL_FORMS": "0",
        "cert-TOTAL_FORMS": "1",
        "cert-INITIAL_FORMS": "0",
        "cert-0-kind": "hte",
        "cert-0-number": "GR202344001234",
        "cert-0-issued_on": "2023-12-08",
        "cert-0-expires_on": "2026-12-07",
        "rd_system": "on",
        f"conv_{years[-1]}": "4",
    }
    assert client.post(reverse("profile_step", args=["other"]), post).url == reverse("portal")
    assert cast.ours.conversions.get(year=years[-1]).count == 4
    assert cast.ours.management.rd_system
    assert not cast.ours.management.cooperation
    assert cast.ours.certificates.get().number == "GR202344001234"


def test_a_certificate_expiring_before_its_issue_is_refused_and_kept(client, cast):
    client.force_login(cast.owner)
    post = {
        "inc-TOTAL_FORMS": "0",
        "inc-INITIAL_FORMS": "0",
        "cert-TOTAL_FORMS": "1",
        "cert-INITIAL_FORMS": "0",
        "cert-0-kind": "hte",
        "cert-0-number": "GR202344009999",
        "cert-0-issued_on": "2023-12-08",
        "cert-0-expires_on": "2022-12-07",
    }
    response = client.post(reverse("profile_step", args=["other"]), post)
    assert response.status_code == 400
    assert "有效期至不能早于发证日期" in response.content.decode()
    assert 'value="GR202344009999"' in response.content.decode()
    assert not cast.ours.certificates.exists()


def test_an_unknown_step_is_not_found(client, cast):
    client.force_login(cast.owner)
    assert client.get("/portal/profile/nonsense/").status_code == 404


def test_assessing_from_the_portal_opens_the_report(client, cast):
    client.force_login(cast.owner)
    response = client.post(reverse("assess"), follow=True)
    assessment = Assessment.objects.get()
    assert response.redirect_chain[-1][0] == reverse("report", args=[assessment.pk])
    assert "八项认定条件" in response.content.decode()


def test_the_report_shows_conditions_citations_scores_gaps_and_benefits(client, cast, report):
    client.force_login(cast.owner)
    body = client.get(reverse("report", args=[report.pk])).content.decode()
    for text in (
        "符合条件",
        "rd_ratio 说明",
        "第十一条",
        "72",
        "81",
        "科技人员再增加 3 人",
        "300,000.00",
        "这是第一次评估",
    ):
        assert text in body


def test_the_report_page_writes_ratios_rates_and_money_as_its_print_does(client, cast, report):
    client.force_login(cast.owner)
    page = client.get(reverse("report", args=[report.pk])).content.decode()
    printed = report_html(report)
    # a ratio condition's value "1" and the deduction rate "1" as 100%; money with separators
    for figure in ("100%", "300,000.00", "300,025.00", "450,000.00"):
        assert figure in page, figure
        assert figure in printed, figure
    for raw in ("300000.00", "450000.00", "<dd>1</dd>"):
        assert raw not in page, raw


def test_the_report_says_what_changed_since_the_previous_assessment(client, cast, report, make_assessment):
    newer = make_assessment(cast.ours, eligible=False, status="fail")
    client.force_login(cast.owner)
    body = client.get(reverse("report", args=[newer.pk])).content.decode()
    assert "pass → fail" in body


@pytest.mark.parametrize("step", ["basic", "years", "ip", "other"])
def test_every_step_renders_for_the_owner(client, cast, step):
    client.force_login(cast.owner)
    assert client.get(reverse("profile_step", args=[step])).status_code == 200


def test_untouched_empty_ip_rows_are_ignored(client, cast):
    client.force_login(cast.owner)
    url = reverse("profile_step", args=["ip"])
    form = client.get(url).context["formset"]
    post = {"ip-TOTAL_FORMS": str(form.total_form_count()), "ip-INITIAL_FORMS": str(form.initial_form_count())}
    for i, f in enumerate(form.forms):
        for name, field in f.fields.items():
            value = f.initial.get(name, field.initial)
            if isinstance(value, bool):
                if value:
                    post[f"ip-{i}-{name}"] = "on"
            elif value is not None:
                post[f"ip-{i}-{name}"] = str(value)
    assert client.post(url, post).status_code == 302
    assert cast.ours.ip_items.count() == 1


def test_the_enterprise_home_reads_the_membership_once_with_the_user(client, db):
    client.post(reverse("register"), _registration())
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("portal"))
    assert response.status_code == 200
    memberships = [q["sql"] for q in queries.captured_queries if "enterprises_membership" in q["sql"]]
    assert len(memberships) == 1, memberships
    assert "accounts_user" in memberships[0]
