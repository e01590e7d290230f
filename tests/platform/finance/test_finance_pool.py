"""Loans under the risk-compensation pool and the pool's share of a loss, by dated parameters."""

import datetime as dt
from decimal import Decimal

import pytest

from gaoqi.apps.finance import services
from gaoqi.apps.finance.models import Deal
from gaoqi.apps.finance.selectors import pool_loan_list
from gaoqi.core.errors import DomainError
from gaoqi.rules.finance.compensation import is_startup, pool_share


def _approved(banks, product=None):
    demand = services.demand_file(
        actor=banks.owner, amount=Decimal(2_000_000), term_months=24, purpose="研发", collateral="ip"
    )
    deal = services.deal_send(
        actor=banks.owner,
        demand_pk=demand.pk,
        institution=banks.bank,
        product=product or banks.loan,
        sections=["basic"],
    )
    services.deal_move(actor=banks.banker, pk=deal.pk, to=Deal.State.ACCEPTED)
    return services.deal_move(
        actor=banks.banker, pk=deal.pk, to=Deal.State.APPROVED, amount=Decimal(2_000_000), rate=Decimal("3.5")
    )


def test_a_start_up_gets_the_higher_ratio_from_2024():
    loss = Decimal("500000")
    assert pool_share(principal=loss * 4, loss=loss, startup=True, on=dt.date(2024, 1, 1)).amount == Decimal(
        "300000.00"
    )
    assert pool_share(principal=loss * 4, loss=loss, startup=True, on=dt.date(2023, 12, 31)).amount == Decimal(
        "250000.00"
    )
    assert pool_share(principal=loss * 4, loss=loss, startup=False, on=dt.date(2025, 6, 1)).amount == Decimal(
        "250000.00"
    )


def test_the_covered_loss_is_capped_by_principal_and_the_figures_are_marked_uncertain():
    share = pool_share(principal=Decimal(20_000_000), loss=Decimal(5_000_000), startup=False, on=dt.date(2025, 1, 1))
    assert share.covered_loss == Decimal("2500000.00")
    assert share.amount == Decimal("1250000.00")
    assert share.uncertain


def test_a_start_up_is_younger_than_three_whole_years_at_the_loan():
    assert is_startup(dt.date(2023, 3, 2), dt.date(2026, 3, 1))
    assert not is_startup(dt.date(2023, 3, 1), dt.date(2026, 3, 1))


def test_an_approved_covered_loan_is_recorded_and_its_loss_compensated(banks):
    deal = _approved(banks)
    loan = services.pool_loan_record(
        actor=banks.banker, deal_pk=deal.pk, started_on=dt.date(2026, 1, 5), matures_on=dt.date(2028, 1, 5)
    )
    assert (loan.principal, loan.district, loan.startup) == (Decimal(2_000_000), "440112", False)
    loan = services.pool_loss_record(actor=banks.banker, pk=loan.pk, loss=Decimal(400_000), loss_on=dt.date(2027, 1, 5))
    assert loan.compensation == Decimal("200000.00")
    assert list(pool_loan_list(actor=banks.district)) == [loan]
    assert not pool_loan_list(actor=banks.other_district).exists()
    assert not pool_loan_list(actor=banks.other_banker).exists()


def test_a_loan_of_an_uncovered_product_is_refused(banks):
    banks.loan.pool_covered = False
    banks.loan.save()
    deal = _approved(banks)
    with pytest.raises(DomainError) as refused:
        services.pool_loan_record(
            actor=banks.banker, deal_pk=deal.pk, started_on=dt.date(2026, 1, 5), matures_on=dt.date(2028, 1, 5)
        )
    assert refused.value.field == "deal"


def test_a_loss_above_the_principal_is_refused(banks):
    loan = services.pool_loan_record(
        actor=banks.banker, deal_pk=_approved(banks).pk, started_on=dt.date(2026, 1, 5), matures_on=dt.date(2028, 1, 5)
    )
    with pytest.raises(DomainError) as refused:
        services.pool_loss_record(actor=banks.banker, pk=loan.pk, loss=Decimal(3_000_000), loss_on=dt.date(2027, 1, 5))
    assert refused.value.field == "loss"
