"""Reviewed requests: registering an existing USCC files a claim the bureau or the enterprise's admin decides; an
enterprise's district changes only through a request the bureau approves (pages, API, workbook)."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from gaoqi.apps.enterprises.events import profile_changed
from gaoqi.apps.enterprises.excel import profile_export, profile_import
from gaoqi.apps.enterprises.models import Claim, DistrictChange, Enterprise
from gaoqi.apps.notifications.models import Notice
from gaoqi.core.models import AuditEntry
from tests.platform.conftest import HUANGPU, OWNER_USCC, TIANHE
from tests.platform.test_web_portal import _registration


@pytest.fixture
def claimant(client, cast, django_capture_on_commit_callbacks):
    """Someone registers with 华芯's USCC (on-commit notices run)."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("register"), _registration(username="stranger", uscc=OWNER_USCC))
    assert response.status_code == 302
    assert response.url == reverse("claim_status")
    return Claim.objects.get(user__username="stranger")


def test_registering_an_existing_uscc_gives_a_claim_and_no_access(client, cast, claimant):
    assert (claimant.enterprise, claimant.state) == (cast.ours, "pending")
    assert client.get(reverse("home")).url == reverse("claim_status")
    assert "待审核" in client.get(reverse("claim_status")).content.decode()
    assert client.get(f"/api/v1/enterprises/{cast.ours.pk}/profile").status_code == 404
    assert client.get(reverse("portal")).status_code == 403
    assert AuditEntry.objects.filter(action="enterprise.claim", enterprise_id=cast.ours.pk).exists()


def test_the_enterprise_admin_and_the_bureau_are_told_of_the_claim(cast, claimant):
    told = set(Notice.objects.filter(cause=f"review:claim:{claimant.pk}").values_list("user__username", flat=True))
    assert told == {"owner", "bureau"}


def test_the_admin_approves_the_claim_and_the_claimant_joins(
    client, cast, claimant, django_capture_on_commit_callbacks
):
    client.force_login(cast.owner)
    assert "stranger" in client.get(reverse("colleagues")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("claim_decide", args=[claimant.pk]), {"decision": "approve", "note": "核实无误"})
    assert response.url == reverse("colleagues")
    claimant.refresh_from_db()
    assert (claimant.state, claimant.decided_by, claimant.user.membership.enterprise) == (
        "approved",
        cast.owner,
        cast.ours,
    )
    assert not claimant.user.membership.is_admin
    assert Notice.objects.filter(user=claimant.user, title__startswith="认领申请已通过").exists()
    assert AuditEntry.objects.filter(action="enterprise.claim_decide", actor=cast.owner).exists()


def test_the_bureau_rejects_a_claim_and_a_decided_claim_stays_decided(client, cast, claimant):
    client.force_login(cast.bureau)
    assert "stranger" in client.get(reverse("reviews")).content.decode()
    client.post(reverse("claim_decide", args=[claimant.pk]), {"decision": "reject", "note": "非本企业人员"})
    client.force_login(cast.owner)
    client.post(reverse("claim_decide", args=[claimant.pk]), {"decision": "approve"})
    claimant.refresh_from_db()
    assert (claimant.state, claimant.note) == ("rejected", "非本企业人员")
    assert not hasattr(claimant.user, "membership")


@pytest.mark.parametrize("who", ["colleague", "outsider", "district", "mentor", "station"])
def test_nobody_else_can_decide_a_claim(client, cast, claimant, who):
    client.force_login(getattr(cast, who))
    assert client.post(reverse("claim_decide", args=[claimant.pk]), {"decision": "approve"}).status_code == 404
    claimant.refresh_from_db()
    assert claimant.state == "pending"


def test_the_api_refuses_a_district_change_naming_the_field_and_takes_an_unchanged_one(client, cast):
    client.force_login(cast.owner)
    response = client.patch("/api/v1/profile", {"district": TIANHE}, content_type="application/json")
    assert response.status_code == 400
    assert (response.json()["code"], response.json()["details"]) == (
        "district_change_needs_review",
        {"field": "district"},
    )
    ok = client.patch("/api/v1/profile", {"district": HUANGPU, "name": "新名称"}, content_type="application/json")
    assert ok.status_code == 200
    cast.ours.refresh_from_db()
    assert (cast.ours.district, cast.ours.name) == (HUANGPU, "新名称")


def test_the_basic_step_keeps_the_district_whatever_is_posted(client, cast):
    client.force_login(cast.owner)
    form = client.get("/portal/profile/basic/").context["form"]
    data = {name: value for name, value in form.initial.items() if value not in (None, False)}
    data |= {"district": TIANHE, "registered_on": "2015-03-01"}
    response = client.post("/portal/profile/basic/", data)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    cast.ours.refresh_from_db()
    assert cast.ours.district == HUANGPU


def test_a_workbook_cannot_move_the_enterprise(cast):
    book = load_workbook(io.BytesIO(profile_export(cast.ours)))
    book["基本信息"]["C2"] = "天河区"
    buffer = io.BytesIO()
    book.save(buffer)
    report = profile_import(actor=cast.owner, enterprise=cast.ours, data=buffer.getvalue())
    assert report.messages == [
        "基本信息 第2行 所在区：所在区不能直接修改：请在“所在区变更”中提交申请，由市科技局审核后生效。"
    ]
    assert Enterprise.objects.get(pk=cast.ours.pk).district == HUANGPU


def test_a_district_change_is_requested_through_the_api_and_approved_by_the_bureau(
    client, cast, django_capture_on_commit_callbacks
):
    client.force_login(cast.colleague)
    body = {"district": TIANHE, "reason": "注册地址迁至天河"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/profile/district-change", body, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["state"] == "pending"
    again = client.post("/api/v1/profile/district-change", body, content_type="application/json")
    assert again.json()["code"] == "pending_exists"
    change = DistrictChange.objects.get()
    assert Notice.objects.filter(user=cast.bureau, cause=f"review:district_change:{change.pk}").exists()
    moved = []
    profile_changed.connect(lambda **kw: moved.append(kw["enterprise_id"]), weak=False, dispatch_uid="test-moved")
    client.force_login(cast.bureau)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("district_change_decide", args=[change.pk]), {"decision": "approve"})
    profile_changed.disconnect(dispatch_uid="test-moved")
    assert Enterprise.objects.get(pk=cast.ours.pk).district == TIANHE
    assert moved == [cast.ours.pk]
    entry = AuditEntry.objects.get(action="enterprise.district_change_decide")
    assert entry.changes["district"] == [HUANGPU, TIANHE]
    assert Notice.objects.filter(user=cast.owner, title__startswith="所在区变更已通过").exists()


def test_the_district_page_takes_a_request_and_shows_its_state(client, cast):
    client.force_login(cast.owner)
    response = client.post(reverse("district_change"), {"district": HUANGPU, "reason": "无"})
    assert response.status_code == 400
    assert "所选区与当前所在区相同" in response.content.decode()
    client.post(reverse("district_change"), {"district": TIANHE, "reason": "搬迁"})
    assert "待审核" in client.get(reverse("district_change")).content.decode()


@pytest.mark.parametrize("who", ["owner", "district", "other_district", "mentor"])
def test_only_the_bureau_decides_a_district_change(client, cast, who):
    change = DistrictChange.objects.create(
        enterprise=cast.ours, requested_by=cast.owner, from_district=HUANGPU, to_district=TIANHE, reason="搬迁"
    )
    client.force_login(getattr(cast, who))
    assert client.post(reverse("district_change_decide", args=[change.pk]), {"decision": "approve"}).status_code == 404
    assert Enterprise.objects.get(pk=cast.ours.pk).district == HUANGPU
