"""The demo data command."""

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from gaoqi.apps.enterprises.models import Enterprise, FiscalYear
from gaoqi.core.districts import DISTRICTS
from gaoqi.rules.uscc import validate_uscc


def _snapshot():
    return list(Enterprise.objects.order_by("pk").values_list("uscc", "name", "district", "tech_field"))


def test_demo_data_is_deterministic_and_guangzhou_shaped(db):
    call_command("demo", enterprises=300, seed=7, verbosity=0)
    first = _snapshot()
    Enterprise.objects.all().delete()
    call_command("demo", enterprises=300, seed=7, verbosity=0)
    assert [row[1:] for row in _snapshot()] == [row[1:] for row in first]
    assert {d for _u, _n, d, _f in first} == {code for code, _name in DISTRICTS}
    assert all(validate_uscc(u) == u for u, *_rest in first)


def test_the_demo_enterprise_user_has_three_complete_years(db):
    call_command("demo", enterprises=5, seed=1, verbosity=0)
    user = authenticate(username="enterprise", password="gaoqi-demo")
    years = FiscalYear.objects.filter(enterprise=user.membership.enterprise)
    assert years.count() == 3
    assert all(fy.rd_personnel and fy.sales_revenue and fy.st_staff for fy in years)
    for name in ("bureau", "district", "mentor", "station", "bank"):
        assert authenticate(username=name, password="gaoqi-demo") is not None


def test_demo_refuses_a_database_that_already_has_enterprises_unless_asked_to_skip(db):
    call_command("demo", enterprises=2, verbosity=0)
    with pytest.raises(CommandError):
        call_command("demo", enterprises=2, verbosity=0)
    call_command("demo", enterprises=2, if_empty=True, verbosity=0)
    assert Enterprise.objects.count() == 2
