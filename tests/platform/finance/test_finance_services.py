"""Products, demands, consent and deals through their states."""

import datetime as dt
from decimal import Decimal

import pytest

from gaoqi.apps.finance import services
from gaoqi.apps.finance.models import Deal, Product
from gaoqi.apps.finance.selectors import deal_list, league_table
from gaoqi.core.errors import DomainError, NotFound, PermissionDenied
from gaoqi.core.models import AuditEntry

State = Deal.State
NOON = dt.datetime(2026, 3, 2, 4, 0, tzinfo=dt.UTC)


def _demand(owner, amount="3000000", term=24):
    return services.demand_file(
        actor=owner, amount=Decimal(amount), term_months=term, purpose="研发投入", collateral="ip", urgency="normal"
    )


def _send(banks, demand, sections=("basic", "finance")):
    return services.deal_send(
        actor=banks.owner, demand_pk=demand.pk, institution=banks.bank, product=banks.loan, sections=list(sections)
    )


def test_staff_create_products_for_their_own_institution_only(banks):
    made = services.product_save(
        actor=banks.banker,
        name="投贷通",
        kind="invest_loan",
        amount_min=Decimal(1_000_000),
        amount_max=Decimal(5_000_000),
        term_min=12,
        term_max=36,
        eligibility="hte_certificate and hte.rd_ratio >= 5%",
        areas=["10"],
    )
    assert made.institution == banks.bank
    with pytest.raises(NotFound):
        services.product_save(actor=banks.banker, pk=banks.other_loan.pk, name="改名", kind="credit_loan")
    with pytest.raises(PermissionDenied):
        services.product_save(actor=banks.owner, name="x", kind="credit_loan")


def test_a_product_with_bad_criteria_is_refused_naming_the_field(banks):
    with pytest.raises(DomainError) as refused:
        services.product_save(
            actor=banks.banker,
            name="信用贷",
            kind="credit_loan",
            amount_min=Decimal(1),
            amount_max=Decimal(2),
            term_min=1,
            term_max=12,
            eligibility="hte_certificat",
        )
    assert refused.value.field == "eligibility"
    assert "hte_certificate" in refused.value.message


def test_an_amount_range_upside_down_is_refused(banks):
    with pytest.raises(DomainError) as refused:
        services.product_save(
            actor=banks.banker,
            name="信用贷",
            kind="credit_loan",
            amount_min=Decimal(5),
            amount_max=Decimal(2),
            term_min=1,
            term_max=12,
        )
    assert refused.value.field == "amount_max"


def test_a_demand_needs_a_positive_amount(banks):
    with pytest.raises(DomainError) as refused:
        _demand(banks.owner, amount="0")
    assert refused.value.field == "amount"


def test_the_institution_sees_a_sent_demand_and_each_view_is_logged(banks):
    deal = _send(banks, _demand(banks.owner))
    assert list(deal_list(actor=banks.banker)) == [deal]
    assert not deal_list(actor=banks.other_banker).exists()
    _deal, shown = services.deal_profile_read(actor=banks.banker, pk=deal.pk)
    assert [section["key"] for section in shown] == ["basic", "finance"]
    services.deal_profile_read(actor=banks.banker, pk=deal.pk)
    assert AuditEntry.objects.filter(action="finance.profile_viewed", actor=banks.banker).count() == 2


def test_after_revocation_the_institution_no_longer_finds_the_deal(banks):
    demand = _demand(banks.owner)
    deal = _send(banks, demand)
    services.consent_revoke(actor=banks.owner, demand_pk=demand.pk, institution_pk=banks.bank.pk)
    with pytest.raises(NotFound):
        services.deal_profile_read(actor=banks.banker, pk=deal.pk)
    deal.refresh_from_db()
    assert deal.state == State.WITHDRAWN


def test_a_colleague_may_not_send_nor_revoke_for_another_enterprise(banks):
    demand = _demand(banks.owner)
    with pytest.raises(NotFound):
        services.deal_send(actor=banks.outsider, demand_pk=demand.pk, institution=banks.bank, sections=["basic"])


def test_a_deal_is_accepted_asked_for_documents_and_approved(banks, clock):
    clock.at(NOON)
    deal = _send(banks, _demand(banks.owner))
    assert deal.respond_by == NOON + dt.timedelta(days=5)
    clock.at(NOON + dt.timedelta(hours=20))
    services.deal_move(actor=banks.banker, pk=deal.pk, to=State.ACCEPTED)
    services.deal_move(actor=banks.banker, pk=deal.pk, to=State.DOCUMENTS, reason="请补充近三年审计报告")
    services.deal_move(actor=banks.banker, pk=deal.pk, to=State.ACCEPTED)
    approved = services.deal_move(
        actor=banks.banker, pk=deal.pk, to=State.APPROVED, amount=Decimal("2500000"), rate=Decimal("3.45")
    )
    assert (approved.state, approved.approved_amount, approved.approved_rate) == (
        State.APPROVED,
        Decimal("2500000"),
        Decimal("3.45"),
    )
    assert approved.responded_at == NOON + dt.timedelta(hours=20)
    assert list(approved.events.values_list("to_state", flat=True)) == [
        "sent",
        "accepted",
        "documents",
        "accepted",
        "approved",
    ]


def test_declining_needs_a_reason_and_a_closed_deal_does_not_move(banks):
    deal = _send(banks, _demand(banks.owner))
    with pytest.raises(DomainError) as refused:
        services.deal_move(actor=banks.banker, pk=deal.pk, to=State.DECLINED)
    assert refused.value.field == "reason"
    services.deal_move(actor=banks.banker, pk=deal.pk, to=State.DECLINED, reason="经营年限不足")
    with pytest.raises(services.IllegalTransition):
        services.deal_move(actor=banks.banker, pk=deal.pk, to=State.ACCEPTED)


def test_approval_needs_an_amount_and_a_rate(banks):
    deal = _send(banks, _demand(banks.owner))
    with pytest.raises(services.IllegalTransition):
        services.deal_move(actor=banks.banker, pk=deal.pk, to=State.APPROVED, amount=Decimal(100), rate=Decimal(4))
    services.deal_move(actor=banks.banker, pk=deal.pk, to=State.ACCEPTED)
    with pytest.raises(DomainError) as refused:
        services.deal_move(actor=banks.banker, pk=deal.pk, to=State.APPROVED, amount=Decimal(100))
    assert refused.value.field == "rate"


def test_the_enterprise_cannot_move_its_own_deal(banks):
    deal = _send(banks, _demand(banks.owner))
    with pytest.raises(PermissionDenied):
        services.deal_move(actor=banks.owner, pk=deal.pk, to=State.ACCEPTED)


def test_the_league_table_ranks_institutions_by_median_response(banks, clock):
    clock.at(NOON)
    first = _send(banks, _demand(banks.owner))
    second = services.deal_send(
        actor=banks.owner, demand_pk=first.demand_id, institution=banks.other_bank, sections=["basic"]
    )
    clock.at(NOON + dt.timedelta(hours=2))
    services.deal_move(actor=banks.other_banker, pk=second.pk, to=State.ACCEPTED)
    clock.at(NOON + dt.timedelta(days=6))
    services.deal_move(actor=banks.banker, pk=first.pk, to=State.ACCEPTED)
    rows = league_table(actor=banks.bureau)
    assert [(r["institution"], r["median_hours"], r["on_time_rate"]) for r in rows] == [
        ("天河商业银行", 2.0, 1.0),
        ("黄埔科技银行", 144.0, 0.0),
    ]
    assert league_table(actor=banks.banker) == []
    assert league_table(actor=banks.other_district) == []


def test_withdrawing_a_demand_withdraws_its_open_deals(banks):
    demand = _demand(banks.owner)
    deal = _send(banks, demand)
    services.demand_withdraw(actor=banks.owner, pk=demand.pk)
    deal.refresh_from_db()
    assert deal.state == State.WITHDRAWN
    with pytest.raises(DomainError):
        _send(banks, demand)


def test_product_kinds_cover_the_plan(banks):
    assert set(Product.Kind.labels) == {"科技信贷", "知识产权质押", "投贷联动", "信用贷", "股权投资"}
