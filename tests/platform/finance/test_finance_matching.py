"""Products suggested for a demand: eligibility by criteria (three-valued) and fit by amount, term and field."""

from decimal import Decimal

from gaoqi.apps.finance.matching import suggestions
from gaoqi.apps.finance.services import demand_file
from gaoqi.rules.finance.fit import NO, UNKNOWN, YES
from tests.platform.finance.conftest import product


def _demand(owner, amount="3000000", term=24):
    return demand_file(
        actor=owner, amount=Decimal(amount), term_months=term, purpose="扩产", collateral="none", urgency="urgent"
    )


def _by_name(found):
    return {s.product.name: s for s in found}


def test_an_eligible_fitting_product_is_suggested_with_its_reasons(banks, report):
    product(banks.bank, name="高企贷", eligibility="hte.eligible and tech_area == '10'", areas=["10"])
    found = _by_name(suggestions(_demand(banks.owner)))
    assert found["高企贷"].eligible == YES
    assert found["高企贷"].suggested
    assert "符合准入条件" in found["高企贷"].reasons
    assert any("金额在" in reason for reason in found["高企贷"].reasons)


def test_missing_data_makes_eligibility_unknown_not_no(banks):
    product(banks.bank, name="高企贷", eligibility="hte.eligible")
    found = _by_name(suggestions(_demand(banks.owner)))
    assert found["高企贷"].eligible == UNKNOWN
    assert found["高企贷"].suggested
    assert any(reason.startswith("?") for reason in found["高企贷"].reasons)


def test_an_unmet_criterion_rules_a_product_out(banks, make_assessment):
    make_assessment(banks.ours, eligible=False)
    product(banks.bank, name="高企贷", eligibility="hte.eligible")
    found = _by_name(suggestions(_demand(banks.owner)))
    assert found["高企贷"].eligible == NO
    assert not found["高企贷"].suggested


def test_amount_term_and_field_outside_the_product_are_not_suggested(banks):
    product(banks.bank, name="小额贷", amount_max=Decimal("1000000"))
    product(banks.bank, name="短贷", term_max=12)
    product(banks.bank, name="生物贷", areas=["20"])
    found = _by_name(suggestions(_demand(banks.owner)))
    assert not any(found[name].suggested for name in ("小额贷", "短贷", "生物贷"))
    assert "技术领域不在产品适用范围内" in found["生物贷"].reasons
    assert found["科技易贷"].suggested


def test_amounts_at_the_edges_of_a_range_fit(banks):
    found = _by_name(suggestions(_demand(banks.owner, amount="10000000.00", term=36)))
    assert found["科技易贷"].suggested
    found = _by_name(suggestions(_demand(banks.owner, amount="10000000.01", term=36)))
    assert not found["科技易贷"].suggested


def test_suggested_products_come_first(banks):
    product(banks.bank, name="大额贷", amount_min=Decimal("50000000"), amount_max=Decimal("90000000"))
    names = [s.product.name for s in suggestions(_demand(banks.owner))]
    assert names.index("大额贷") == len(names) - 1
