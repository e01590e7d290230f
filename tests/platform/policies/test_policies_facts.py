"""Stored match facts: built from the latest assessment and fiscal year, rebuilt only when stale."""

import datetime as dt
from decimal import Decimal

from gaoqi.apps.enterprises.models import Certificate
from gaoqi.apps.policies.facts import facts_refresh, load_facts
from gaoqi.apps.policies.models import MatchFacts


def test_facts_come_from_the_latest_assessment_and_fiscal_year(cast, make_assessment):
    make_assessment(cast.ours)
    assert facts_refresh() == 2
    facts = MatchFacts.objects.get(enterprise=cast.ours)
    assert (facts.hte_eligible, facts.hte_rd_ratio, facts.hte_score_min, facts.tsme_score) == (
        True,
        Decimal("0.0540"),
        72,
        75,
    )
    assert facts.fy_sales_revenue == Decimal("40000000.00")
    assert facts.fy_rd_total == Decimal("40000000.00") * Decimal("0.006") * 9
    assert MatchFacts.objects.get(enterprise=cast.theirs).hte_eligible is None


def test_only_stale_facts_are_rebuilt(cast, make_assessment):
    make_assessment(cast.ours)
    facts_refresh()
    assert facts_refresh() == 0
    make_assessment(cast.ours, eligible=False, status="fail")
    assert facts_refresh() == 1
    assert MatchFacts.objects.get(enterprise=cast.ours).hte_eligible is False


def test_loading_refreshes_and_reads_certificates_in_force_on_the_day(cast, make_assessment):
    make_assessment(cast.ours)
    Certificate.objects.create(
        enterprise=cast.ours, kind="hte", issued_on=dt.date(2024, 1, 1), expires_on=dt.date(2026, 12, 31)
    )
    ids, _, facts = load_facts(["hte.eligible", "hte_certificate"], today=dt.date(2026, 6, 1))
    row = ids.tolist().index(cast.ours.pk)
    assert facts.value("hte.eligible", row) is True
    assert facts.value("hte_certificate", row) is True
    _, _, later = load_facts(["hte_certificate"], enterprise_ids=[cast.ours.pk], today=dt.date(2027, 1, 1))
    assert later.value("hte_certificate", 0) is False
