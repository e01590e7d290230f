"""Contest results and equity rounds as policy criteria facts: contest.award_level and investment.total_12m."""

import datetime as dt
from decimal import Decimal

from gaoqi.apps.enterprises.models import ContestResult, EquityRound
from gaoqi.apps.policies.matching import criteria_for, match
from gaoqi.rules.criteria import QUALIFY

TODAY = dt.date(2026, 6, 30)


def _status(criteria: str, enterprise, today=TODAY) -> str:
    found = match(criteria_for(criteria), enterprise_ids=[enterprise.pk], today=today)
    return found.outcome.category[0]


def test_a_policy_can_ask_for_a_recent_contest_award(cast):
    ContestResult.objects.create(enterprise=cast.ours, contest="大赛", year=2024, level=4, award=4)
    ContestResult.objects.create(enterprise=cast.ours, contest="大赛", year=2023, level=4, award=5)
    assert _status("contest.award_level >= 4", cast.ours) == QUALIFY
    assert _status("contest.award_level >= 5", cast.ours) != QUALIFY
    assert _status("contest.award_level == 0", cast.theirs) == QUALIFY


def test_equity_raised_in_the_last_twelve_months_is_summed(cast):
    EquityRound.objects.create(
        enterprise=cast.ours, investor="甲", amount=Decimal(6_000_000), closed_on=dt.date(2026, 1, 10), stage="a"
    )
    EquityRound.objects.create(
        enterprise=cast.ours, investor="乙", amount=Decimal(4_000_000), closed_on=dt.date(2025, 7, 1), stage="angel"
    )
    EquityRound.objects.create(
        enterprise=cast.ours, investor="丙", amount=Decimal(9_000_000), closed_on=dt.date(2025, 6, 30), stage="seed"
    )
    assert _status("investment.total_12m >= 1000万", cast.ours) == QUALIFY
    assert _status("investment.total_12m > 1000万", cast.ours) != QUALIFY
