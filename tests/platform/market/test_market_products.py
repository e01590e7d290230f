"""Products: an enterprise's drafts, the bureau's review, the public catalogue and its export."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from gaoqi.apps.market.exports import catalogue_xlsx
from gaoqi.apps.market.models import Product
from gaoqi.apps.market.selectors import product_catalogue, product_visible, products_own
from gaoqi.apps.market.services import product_move, product_save
from gaoqi.core.errors import DomainError, NotFound, PermissionDenied
from gaoqi.core.models import AuditEntry

State = Product.State
DRAFT = {
    "name": "工业视觉质检一体机",
    "field": "804",
    "kind": "equipment",
    "description": "面向3C产线的外观缺陷检测装备。",
    "certifications": ["first_set", "first_set"],
}


def test_an_enterprise_saves_a_draft_only_its_members_can_see(market):
    product = product_save(actor=market.owner, ip_items=[market.patent], **DRAFT)
    assert product.state == State.DRAFT
    assert product.enterprise == market.ours
    assert product.certifications == ["first_set"]
    assert list(product.ip_items.all()) == [market.patent]
    assert product in products_own(actor=market.colleague)
    assert product not in product_visible(actor=market.outsider)
    assert product not in product_catalogue()
    assert AuditEntry.objects.filter(action="market.product_save", target_id=str(product.pk)).exists()


def test_it_refuses_a_price_range_upside_down_naming_the_field(market):
    with pytest.raises(DomainError) as caught:
        product_save(actor=market.owner, price_min=Decimal("10"), price_max=Decimal("9.99"), **DRAFT)
    assert caught.value.field == "price_max"


def test_it_refuses_to_link_another_enterprises_patent(market):
    with pytest.raises(DomainError) as caught:
        product_save(actor=market.owner, ip_items=[market.their_patent], **DRAFT)
    assert caught.value.field == "ip_items"


def test_bureau_and_mentors_cannot_create_products(market):
    for who in (market.bureau, market.mentor, market.scenario_owner):
        with pytest.raises(PermissionDenied):
            product_save(actor=who, **DRAFT)


def test_a_product_goes_from_draft_through_review_to_the_catalogue_and_back_out(market):
    pk = market.draft.pk
    product_move(actor=market.owner, pk=pk, to=State.SUBMITTED)
    product_move(actor=market.bureau, pk=pk, to=State.APPROVED, note="材料齐全")
    assert market.draft not in product_catalogue()
    product_move(actor=market.bureau, pk=pk, to=State.LISTED)
    assert Product.objects.get(pk=pk) in product_catalogue(q="肺结节")
    assert Product.objects.get(pk=pk) in product_visible(actor=market.outsider)
    product_move(actor=market.owner, pk=pk, to=State.WITHDRAWN)
    assert not product_catalogue(q="肺结节").filter(pk=pk).exists()


def test_a_return_needs_a_reason_and_the_enterprise_can_fix_and_resubmit(market):
    pk = market.draft.pk
    product_move(actor=market.owner, pk=pk, to=State.SUBMITTED)
    with pytest.raises(DomainError) as caught:
        product_move(actor=market.bureau, pk=pk, to=State.RETURNED, note="  ")
    assert caught.value.field == "note"
    returned = product_move(actor=market.bureau, pk=pk, to=State.RETURNED, note="请补充检测报告")
    assert returned.review_note == "请补充检测报告"
    product_save(actor=market.owner, pk=pk, **{**DRAFT, "name": "医学影像智能辅助诊断软件V2"})
    assert product_move(actor=market.owner, pk=pk, to=State.SUBMITTED).review_note == ""


def test_only_the_bureau_reviews_and_the_enterprise_cannot_approve_itself(market):
    pk = market.draft.pk
    product_move(actor=market.owner, pk=pk, to=State.SUBMITTED)
    for who in (market.owner, market.district):
        with pytest.raises(PermissionDenied):
            product_move(actor=who, pk=pk, to=State.APPROVED)
    with pytest.raises(DomainError) as caught:
        product_move(actor=market.bureau, pk=pk, to=State.LISTED)
    assert caught.value.field == "to"


def test_a_listed_product_cannot_be_edited_until_withdrawn_and_never_by_another_enterprise(market):
    with pytest.raises(DomainError):
        product_save(actor=market.outsider, pk=market.listed.pk, **DRAFT)
    product_move(actor=market.outsider, pk=market.listed.pk, to=State.WITHDRAWN)
    assert product_save(actor=market.outsider, pk=market.listed.pk, **DRAFT).name == DRAFT["name"]
    with pytest.raises(NotFound):  # withdrawn, it is no longer anyone else's to see
        product_save(actor=market.owner, pk=market.listed.pk, **DRAFT)


def test_another_enterprise_cannot_see_or_move_our_draft(market):
    with pytest.raises(NotFound):
        product_move(actor=market.outsider, pk=market.draft.pk, to=State.SUBMITTED)


def test_the_catalogue_finds_chinese_text_and_short_forms_and_filters(market):
    assert list(product_catalogue(q="隧道巡检")) == [market.listed]
    assert list(product_catalogue(q="巡检", certification="first_set")) == [market.listed]
    assert list(product_catalogue(field="205")) == []
    assert list(product_catalogue(q="区块链")) == []


def test_the_export_keeps_formula_like_text_as_text(market):
    market.listed.customers = '=HYPERLINK("http://x")'
    market.listed.save()
    sheet = load_workbook(io.BytesIO(catalogue_xlsx(product_catalogue()))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "产品名称"
    assert rows[1][0] == "地铁隧道巡检机器人"
    assert rows[1][5] == "首台（套）"
    assert rows[1][8] == '=HYPERLINK("http://x")'
    assert sheet.cell(row=2, column=9).data_type == "s"
