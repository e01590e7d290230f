"""The 金融惠企 cast: two banks with one member of staff each, their products, and the cast's enterprises."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from gaoqi.apps.finance.models import Institution, Product, Staff
from gaoqi.core.roles import Role
from tests.platform.conftest import PASSWORD


def _banker(username: str, institution: Institution):
    user = get_user_model().objects.create_user(
        username=username, password=PASSWORD, role=Role.FINANCE, email=f"{username}@example.cn"
    )
    Staff.objects.create(user=user, institution=institution)
    return user


def product(institution: Institution, **fields) -> Product:
    values = {
        "name": "科技易贷",
        "kind": Product.Kind.TECH_CREDIT,
        "amount_min": Decimal("500000"),
        "amount_max": Decimal("10000000"),
        "term_min": 6,
        "term_max": 36,
        "rate_min": Decimal("3.2"),
        "rate_max": Decimal("4.5"),
        "pool_covered": True,
        "pool_terms": "本金损失由资金池按比例补偿",
    }
    return Product.objects.create(institution=institution, **(values | fields))


@pytest.fixture
def banks(cast):
    """``cast.bank`` (黄埔科技银行, staff ``banker``, pool partner), ``cast.other_bank`` (staff ``other_banker``)."""
    cast.bank = Institution.objects.create(name="黄埔科技银行", kind=Institution.Kind.BANK, pool_partner=True)
    cast.other_bank = Institution.objects.create(name="天河商业银行", kind=Institution.Kind.BANK)
    cast.banker = _banker("banker", cast.bank)
    cast.other_banker = _banker("other_banker", cast.other_bank)
    cast.loan = product(cast.bank)
    cast.other_loan = product(cast.other_bank, name="知产融", kind=Product.Kind.IP_PLEDGE, pool_covered=False)
    return cast
