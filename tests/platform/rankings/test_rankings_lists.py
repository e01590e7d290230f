"""Yearly lists: drafted from the scores within the entry criteria, reviewed with reasons, moved through their states,
kept with the figures used, and compared with last year's published list."""

import datetime
import json

import pytest

from gaoqi.apps.enterprises.models import Certificate
from gaoqi.apps.rankings.list_selectors import list_diff, list_entries
from gaoqi.apps.rankings.models import RankingList
from gaoqi.apps.rankings.services import (
    list_comment_add,
    list_entry_add,
    list_entry_remove,
    ranking_list_draft,
    ranking_list_transition,
)
from gaoqi.core.errors import DomainError, PermissionDenied


@pytest.fixture
def today(clock):
    clock.at(datetime.datetime(2026, 6, 1, 9, tzinfo=datetime.UTC))


@pytest.fixture
def reserve(cast, version, today):
    return ranking_list_draft(actor=cast.bureau, kind="reserve", year=2026, size=10)


def test_a_draft_ranks_the_eligible_and_keeps_the_system_and_figures_used(cast, reserve, version):
    entries = list(reserve.entries.order_by("rank"))
    assert [e.enterprise_id for e in entries] == [cast.ours.pk, cast.theirs.pk]
    assert reserve.spec == version.spec
    assert reserve.status == RankingList.Status.DRAFT
    assert {"key": "rd_intensity", "value": "0.054"}.items() <= entries[0].data[0].items()


def test_the_entry_criteria_keep_out_who_does_not_meet_them(cast, version, today):
    Certificate.objects.create(
        enterprise=cast.theirs, kind="hte", issued_on=datetime.date(2025, 1, 1), expires_on=datetime.date(2027, 12, 31)
    )
    selected = ranking_list_draft(actor=cast.bureau, kind="selected_hte", year=2026)
    assert list(selected.entries.values_list("enterprise_id", flat=True)) == [cast.theirs.pk]


def test_removing_and_adding_need_a_reason_and_are_kept(cast, reserve):
    entry = reserve.entries.get(enterprise=cast.theirs)
    with pytest.raises(DomainError):
        list_entry_remove(actor=cast.bureau, entry=entry, reason=" ")
    list_entry_remove(actor=cast.bureau, entry=entry, reason="存在失信记录")
    entry.refresh_from_db()
    assert (entry.included, entry.reason) == (False, "存在失信记录")
    list_entry_add(actor=cast.bureau, ranking_list=reserve, enterprise=cast.theirs, reason="失信记录已修复")
    entry.refresh_from_db()
    assert entry.included


def test_the_list_moves_through_its_states_and_freezes_once_approved(cast, reserve):
    with pytest.raises(DomainError):
        ranking_list_transition(actor=cast.bureau, ranking_list=reserve, step="publish")
    for step in ("submit", "approve"):
        ranking_list_transition(actor=cast.bureau, ranking_list=reserve, step=step)
    with pytest.raises(DomainError):
        list_entry_remove(actor=cast.bureau, entry=reserve.entries.first(), reason="迟到的意见")
    ranking_list_transition(actor=cast.bureau, ranking_list=reserve, step="publish")
    assert reserve.status == RankingList.Status.PUBLISHED
    assert reserve.published_at is not None


def test_district_staff_comment_but_may_not_decide(cast, reserve):
    list_comment_add(actor=cast.district, ranking_list=reserve, text="建议关注华芯的融资进展")
    assert reserve.comments.get().author == cast.district
    with pytest.raises(PermissionDenied):
        ranking_list_transition(actor=cast.district, ranking_list=reserve, step="submit")
    with pytest.raises(PermissionDenied):
        list_comment_add(actor=cast.owner, ranking_list=reserve, text="x")


def test_district_staff_see_only_their_districts_entries(cast, reserve):
    assert [e.enterprise_id for e in list_entries(actor=cast.district, ranking_list=reserve)] == [cast.ours.pk]


def test_the_diff_names_who_joined_and_who_left_since_last_years_published_list(cast, reserve):
    last = ranking_list_draft(actor=cast.bureau, kind="reserve", year=2025, size=1)
    assert list(last.entries.values_list("enterprise_id", flat=True)) == [cast.ours.pk]
    diff = list_diff(actor=cast.bureau, ranking_list=reserve)
    assert diff.previous is None  # last year's is still a draft
    last.status = RankingList.Status.PUBLISHED
    last.save()
    list_entry_remove(actor=cast.bureau, entry=reserve.entries.get(enterprise=cast.ours), reason="已启动上市辅导备案")
    diff = list_diff(actor=cast.bureau, ranking_list=reserve)
    assert [e.enterprise_id for e in diff.added] == [cast.theirs.pk]
    assert [e.enterprise_id for e in diff.dropped] == [cast.ours.pk]
    assert diff.kept == 0


def test_a_second_list_of_the_same_kind_and_year_is_refused(cast, reserve):
    with pytest.raises(DomainError, match="已存在"):
        ranking_list_draft(actor=cast.bureau, kind="reserve", year=2026)


def test_the_page_keeps_a_bad_addition_and_names_the_field(client, cast, reserve):
    client.force_login(cast.bureau)
    response = client.post(f"/rankings/lists/{reserve.pk}/entries/", {"uscc": "91440101MA00000000", "reason": "推荐"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "未找到该统一社会信用代码的企业" in page
    assert 'value="推荐"' in page


def test_the_api_drafts_and_publishes(client, cast, version, today):
    client.force_login(cast.bureau)
    made = client.post(
        "/api/v1/rankings/lists", json.dumps({"kind": "reserve", "year": 2026}), content_type="application/json"
    )
    assert made.status_code == 201
    pk = made.json()["id"]
    for step in ("submit", "approve", "publish"):
        done = client.post(
            f"/api/v1/rankings/lists/{pk}/step", json.dumps({"step": step}), content_type="application/json"
        )
        assert done.status_code == 200
    assert done.json()["status"] == "published"
