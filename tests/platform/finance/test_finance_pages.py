"""The pages of 金融惠企: filing, matching, sending with consent, handling and revocation, the league and the pool."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from gaoqi.apps.finance import services
from gaoqi.apps.finance.models import Deal, Demand, Product
from gaoqi.core.models import AuditEntry
from tests.platform.conftest import PASSWORD


def _login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def demand(banks):
    return services.demand_file(
        actor=banks.owner, amount=Decimal(3_000_000), term_months=24, purpose="研发投入", collateral="ip"
    )


@pytest.fixture
def deal(banks, demand):
    return services.deal_send(
        actor=banks.owner, demand_pk=demand.pk, institution=banks.bank, product=banks.loan, sections=["basic", "ip"]
    )


def test_the_bank_login_lands_on_its_institutions_home(client, banks, deal):
    response = _login(client, banks.banker).get("/", follow=True)
    assert response.redirect_chain[-1][0] == reverse("finance:home")
    assert "黄埔科技银行" in response.text
    assert "广州华芯科技有限公司" in response.text


def test_an_enterprise_files_a_demand_and_sees_matches_with_reasons(client, banks):
    data = {"amount": "3000000", "term_months": "24", "purpose": "研发投入", "collateral": "ip", "urgency": "normal"}
    response = _login(client, banks.owner).post(reverse("finance:demand_new"), data, follow=True)
    assert response.status_code == 200
    assert "科技易贷" in response.text
    assert "金额在 50万元–1,000万元 之间" in response.text
    assert Demand.objects.filter(enterprise=banks.ours).count() == 1


def test_a_bad_amount_keeps_what_was_typed_and_names_the_field(client, banks):
    data = {"amount": "abc", "term_months": "24", "purpose": "研发投入", "collateral": "ip", "urgency": "normal"}
    response = _login(client, banks.owner).post(reverse("finance:demand_new"), data)
    assert response.status_code == 400
    assert "研发投入" in response.text
    assert 'id="id_amount_error"' in response.text


def test_sending_records_consent_and_the_institution_sees_only_consented_sections(client, banks, demand):
    _login(client, banks.owner).post(
        reverse("finance:demand_send", args=[demand.pk]), {"product": banks.loan.pk, "sections": ["basic"]}
    )
    deal = Deal.objects.get(demand=demand)
    client.logout()
    page = _login(client, banks.banker).get(reverse("finance:deal", args=[deal.pk]))
    assert "统一社会信用代码" in page.text
    assert "销售收入" not in page.text
    assert AuditEntry.objects.filter(action="finance.profile_viewed", target_id=str(deal.pk)).count() == 1


def test_after_revocation_the_institution_gets_404(client, banks, demand, deal):
    _login(client, banks.owner).post(
        reverse("finance:consent_revoke", args=[demand.pk]), {"institution": banks.bank.pk}
    )
    client.logout()
    assert _login(client, banks.banker).get(reverse("finance:deal", args=[deal.pk])).status_code == 404
    assert "广州华芯" not in client.get(reverse("finance:home")).text


def test_the_institution_approves_and_the_enterprise_sees_it(client, banks, deal):
    _login(client, banks.banker)
    client.post(reverse("finance:deal_move", args=[deal.pk]), {"to": "accepted"})
    refused = client.post(reverse("finance:deal_move", args=[deal.pk]), {"to": "approved", "amount": "2000000"})
    assert refused.status_code == 400
    assert "年利率" in refused.text
    client.post(reverse("finance:deal_move", args=[deal.pk]), {"to": "approved", "amount": "2000000", "rate": "3.45"})
    client.logout()
    page = _login(client, banks.owner).get(reverse("finance:demand", args=[deal.demand_id]))
    assert "已批准" in page.text
    assert "3.450" in page.text


def test_staff_edit_their_product_and_get_a_clear_message_for_bad_criteria(client, banks):
    _login(client, banks.banker)
    data = {
        "name": "科技易贷",
        "kind": "tech_credit",
        "amount_min": "500000",
        "amount_max": "10000000",
        "term_min": "6",
        "term_max": "36",
        "eligibility": "hte.rd_ratio >= ",
        "is_active": "on",
    }
    response = client.post(reverse("finance:product_edit", args=[banks.loan.pk]), data)
    assert response.status_code == 400
    assert 'id="id_eligibility_error"' in response.text
    data["eligibility"] = "hte.rd_ratio >= 5%"
    assert client.post(reverse("finance:product_edit", args=[banks.loan.pk]), data).status_code == 302
    assert Product.objects.get(pk=banks.loan.pk).eligibility == "hte.rd_ratio >= 5%"


def test_the_pool_page_computes_a_share_with_its_citation(client, banks):
    query = {"principal": "2000000", "loss": "500000", "startup": "on", "on": "2025-01-01"}
    page = _login(client, banks.bureau).get(reverse("finance:pool"), query)
    assert "资金池补偿 300000.00 元" in page.text
    assert "数值待核实" in page.text


def test_the_league_table_lists_institutions_for_the_bureau(client, banks, deal):
    page = _login(client, banks.bureau).get(reverse("finance:league"))
    assert "黄埔科技银行" in page.text


def test_an_enterprise_records_a_contest_award(client, banks):
    data = {"kind": "contest", "contest-contest": "中国创新创业大赛", "contest-year": "2025", "contest-level": "4"}
    response = _login(client, banks.owner).post(reverse("finance:signals"), data | {"contest-award": "5"})
    assert response.status_code == 302
    assert banks.ours.contest_results.get().award == 5


def test_a_loan_is_recorded_from_an_approved_deal(client, banks, deal):
    services.deal_move(actor=banks.banker, pk=deal.pk, to="accepted")
    services.deal_move(actor=banks.banker, pk=deal.pk, to="approved", amount=Decimal(2_000_000), rate=Decimal(3))
    _login(client, banks.banker)
    dates = {"started_on": "2026-01-05", "matures_on": "2028-01-05"}
    assert client.post(reverse("finance:pool_loan_new", args=[deal.pk]), dates).status_code == 302
    loan = deal.demand.enterprise.pool_loans.get()
    assert loan.started_on == dt.date(2026, 1, 5)
