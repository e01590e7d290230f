"""Small cells: behaviour counts below the dated threshold are hidden, and no total gives a hidden one away."""

import datetime
import re

import pytest
from django.utils import timezone

from gaoqi.apps.notifications.models import Notice
from gaoqi.apps.policies.models import Policy, PolicyApplication, PolicyMatch
from gaoqi.apps.policies.selectors import dashboard, policy_funnel
from gaoqi.core import disclosure


def test_a_count_is_shown_from_the_threshold_up_and_zero_is_shown():
    assert [disclosure.shown(n, 5) for n in (0, 1, 4, 5, 12)] == [0, None, None, 5, 12]


@pytest.mark.parametrize(
    ("parts", "total"),
    [
        ([6, 7], 13),  # nothing hidden
        ([3, 7], None),  # 10 − 7 would give the 3 away
        ([3, 4, 7], 14),  # 14 − 7 = 7 is two hidden cells together, at least 5: neither is given away
        ([0, 9], 9),  # zero is shown anyway
        ([1, 2], None),  # the total itself is small
    ],
)
def test_a_total_is_hidden_when_subtraction_would_reveal_a_hidden_part(parts, total):
    assert disclosure.shown_total(sum(parts), parts, 5) == total


def test_the_threshold_in_force_is_the_latest_rule_by_date(settings, clock):
    settings.SMALL_CELLS = [
        {"since": "2026-12-01", "min_count": 5, "basis": "一"},
        {"since": "2027-07-01", "min_count": 10, "basis": "二"},
    ]
    clock.at(datetime.datetime(2027, 6, 30, 12, tzinfo=datetime.UTC))
    assert disclosure.min_count() == 5
    clock.at(datetime.datetime(2027, 7, 1, 12, tzinfo=datetime.UTC))
    assert disclosure.min_count() == 10
    assert disclosure.min_count(datetime.date(2020, 1, 1)) == 5  # before the first rule: the first rule


@pytest.fixture
def policy(cast):
    policy = Policy.objects.create(
        title="奖励",
        issuer="科技局",
        level="city",
        category="recognition",
        summary="摘要",
        status="published",
        version=1,
    )
    for enterprise, district in ((cast.ours, "440112"), (cast.theirs, "440106")):
        PolicyMatch.objects.create(policy=policy, enterprise=enterprise, district=district, status="qualify", version=1)
    return policy


def _notices(policy, user, district, *, read: int, unread: int = 0):
    now = timezone.now()
    for n in range(read + unread):
        Notice.objects.create(
            user=user,
            topic="policy",
            title="t",
            body="b",
            reason="r",
            cause=f"policy:{policy.pk}:{district}",
            dedupe_key=f"{district}-{n}",
            read_at=now if n < read else None,
        )


def _row(rows, district):
    return next(row for row in rows if row["district"] == district)


def test_the_funnel_hides_small_behaviour_counts_and_their_rates(cast, policy):
    _notices(policy, cast.owner, "440112", read=3, unread=4)
    _notices(policy, cast.outsider, "440106", read=7)
    rows = policy_funnel(actor=cast.bureau, policy=policy)
    huangpu, tianhe, total = _row(rows, "440112"), _row(rows, "440106"), rows[-1]
    assert (huangpu["qualifying"], huangpu["notified"], huangpu["read"], huangpu["aware_rate"]) == (1, 7, None, None)
    assert (tianhe["notified"], tianhe["read"], tianhe["aware_rate"]) == (7, 7, 1.0)
    assert (total["qualifying"], total["notified"], total["read"]) == (2, 14, None)  # 10 − 7 = 3


def test_district_staff_see_their_own_row_under_the_same_rule(cast, policy):
    _notices(policy, cast.owner, "440112", read=6)
    PolicyApplication.objects.create(policy=policy, enterprise=cast.ours, district="440112")
    rows = policy_funnel(actor=cast.district, policy=policy)
    assert [row["district"] for row in rows] == ["440112", ""]
    assert (rows[0]["read"], rows[0]["applied"], rows[0]["applied_rate"]) == (6, None, None)


def test_the_dashboard_never_reveals_a_policy_whose_count_the_funnel_hides(cast, policy):
    second = Policy.objects.create(
        title="二", issuer="科技局", level="city", category="recognition", summary="摘要", status="published", version=1
    )
    _notices(policy, cast.owner, "440112", read=8)
    _notices(second, cast.colleague, "440112", read=2)
    assert _row(policy_funnel(actor=cast.bureau, policy=second), "440112")["read"] is None
    assert _row(dashboard(actor=cast.bureau)["rows"], "440112")["read"] is None  # 10 − 8 would give the 2 away
    _notices(second, cast.outsider, "440112", read=5)
    assert _row(dashboard(actor=cast.bureau)["rows"], "440112")["read"] == 15


def test_pages_mark_hidden_counts_with_the_threshold(client, cast, policy):
    _notices(policy, cast.owner, "440112", read=2)
    client.force_login(cast.district)
    page = client.get(f"/policies/{policy.pk}/").content.decode()
    assert re.search(r"<td[^>]*>&lt;5</td>", page)
    assert "不足 5 家的统计不予显示" in page
