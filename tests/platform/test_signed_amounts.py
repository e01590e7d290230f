"""Negative amounts are accepted exactly where the profile format allows them (``SIGNED_YEAR_AMOUNTS``: 年末净资产 and
应纳税所得额), on every path into a profile: the web form, the API and the Excel workbook (the Excel path is
also read end to end in test_excel.py)."""

import json
from decimal import Decimal

import pytest
from pydantic import ValidationError

from gaoqi.api.schemas import FiscalYearIn
from gaoqi.apps.enterprises.excel import YEARS
from gaoqi.apps.enterprises.excel_cells import CellError, read_cell
from gaoqi.apps.enterprises.models import FiscalYear
from gaoqi.rules.profile import SIGNED_YEAR_AMOUNTS, YEAR_AMOUNTS
from gaoqi.web.forms.profile import FiscalYearForm


@pytest.mark.parametrize("name", YEAR_AMOUNTS)
def test_the_form_refuses_a_negative_amount_only_where_the_format_does(name):
    form = FiscalYearForm(data={"year": 2025, name: "-1234.56"})
    assert form.is_valid() == (name in SIGNED_YEAR_AMOUNTS), form.errors


@pytest.mark.parametrize("name", YEAR_AMOUNTS)
def test_the_api_schema_refuses_a_negative_amount_only_where_the_format_does(name):
    if name in SIGNED_YEAR_AMOUNTS:
        assert getattr(FiscalYearIn(year=2025, **{name: "-1234.56"}), name) == Decimal("-1234.56")
    else:
        with pytest.raises(ValidationError):
            FiscalYearIn(year=2025, **{name: "-1234.56"})


@pytest.mark.parametrize("column", [c for c in YEARS if c.key in YEAR_AMOUNTS], ids=lambda c: c.key)
def test_the_workbook_refuses_a_negative_amount_only_where_the_format_does(column):
    if column.key in SIGNED_YEAR_AMOUNTS:
        assert read_cell(-1234.56, column) == Decimal("-1234.56")
    else:
        with pytest.raises(CellError):
            read_cell(-1234.56, column)


def test_a_negative_net_assets_saves_through_the_api(client, cast):
    client.force_login(cast.owner)
    body = {"fiscal_years": [{"year": 2025, "net_assets_end": "-250000.00", "taxable_income": "-1.00"}]}
    response = client.patch("/api/v1/profile", json.dumps(body), content_type="application/json")
    assert response.status_code == 200, response.content
    fy = FiscalYear.objects.get(enterprise=cast.ours, year=2025)
    assert (fy.net_assets_end, fy.taxable_income) == (Decimal("-250000.00"), Decimal("-1.00"))
