"""The 产品兴企 pages: forms keep what was typed and name the field at fault; moves redirect to the object."""

import datetime

from gaoqi.apps.market.models import Product, Proposal, Scenario
from gaoqi.apps.notifications.models import Notice
from tests.platform.conftest import HUANGPU

FORM = {
    "name": "工业视觉质检一体机",
    "field": "804",
    "kind": "equipment",
    "certifications": ["first_set"],
    "description": "外观缺陷检测。",
}


def test_an_enterprise_registers_a_product_and_finds_it_on_its_page(client, market):
    client.force_login(market.owner)
    response = client.post("/market/products/new/", {**FORM, "ip_items": [market.patent.pk]})
    product = Product.objects.get(name=FORM["name"])
    assert response.url == f"/market/products/{product.pk}/"
    assert product.state == "draft"
    assert FORM["name"] in client.get("/market/mine/").content.decode()


def test_an_upside_down_price_range_is_refused_on_its_field_keeping_the_input(client, market):
    client.force_login(market.owner)
    response = client.post("/market/products/new/", {**FORM, "price_min": "10", "price_max": "5"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "参考价格上限不能低于下限" in body
    assert 'value="工业视觉质检一体机"' in body


def test_a_return_without_a_reason_is_refused_on_the_page(client, market):
    market.draft.state = Product.State.SUBMITTED
    market.draft.save()
    client.force_login(market.bureau)
    assert "医学影像" in client.get("/market/reviews/").content.decode()
    response = client.post(f"/market/products/{market.draft.pk}/move/", {"to": "returned", "note": ""})
    assert response.status_code == 400
    assert "退回时请填写退回理由" in response.content.decode()


def test_the_catalogue_searches_and_exports(client, market):
    body = client.get("/market/", {"q": "隧道"}).content.decode()
    assert "地铁隧道巡检机器人" in body
    assert "医学影像" not in body
    response = client.get("/market/catalogue.xlsx", {"q": "隧道"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_an_owner_publishes_a_scenario_and_sees_suggestions_and_proposals(client, market):
    client.force_login(market.other_owner)
    form = {
        "organisation": market.metro.pk,
        "title": "隧道渗漏智能巡检",
        "problem": "需要隧道巡检机器人发现渗漏。",
        "field": "108",
        "budget": "1m-5m",
        "deadline": "2026-10-31",
        "district": HUANGPU,
    }
    response = client.post("/market/scenarios/new/", form)
    scenario = Scenario.objects.get(title="隧道渗漏智能巡检")
    assert response.url == f"/market/scenarios/{scenario.pk}/"
    body = client.get(response.url).content.decode()
    assert "推荐产品" in body
    assert "地铁隧道巡检机器人" in body
    assert "同属一个技术领域（二级）" in body
    assert "代表产品：地铁隧道巡检机器人" in body  # 推荐企业: 天河云 by its best product


def test_a_past_deadline_is_refused_on_its_field(client, market):
    client.force_login(market.scenario_owner)
    form = {"organisation": market.hospital.pk, "title": "t", "problem": "p", "field": "205", "budget": "lt1m"}
    response = client.post("/market/scenarios/new/", {**form, "deadline": "2026-01-01", "district": HUANGPU})
    assert response.status_code == 400
    assert "征集截止日期不能早于今天" in response.content.decode()


def test_an_enterprise_proposes_and_the_owner_shortlists(client, market, django_capture_on_commit_callbacks):
    client.force_login(market.outsider)
    client.post(f"/market/scenarios/{market.scenario.pk}/propose/", {"text": "方案", "products": [market.listed.pk]})
    proposal = Proposal.objects.get(enterprise=market.theirs)
    assert list(proposal.products.all()) == [market.listed]
    client.force_login(market.scenario_owner)
    page = client.get(f"/market/scenarios/{market.scenario.pk}/").content.decode()
    assert "收到的方案" in page
    client.post(f"/market/proposals/{proposal.pk}/move/", {"to": "shortlisted", "comment": "请来路演"})
    proposal.refresh_from_db()
    assert (proposal.state, proposal.comment) == ("shortlisted", "请来路演")
    client.force_login(market.owner)
    assert "收到的方案" not in client.get(f"/market/scenarios/{market.scenario.pk}/").content.decode()


def test_the_owner_login_lands_on_its_scenarios(client, market):
    client.force_login(market.scenario_owner)
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == "/market/scenarios/mine/"
    assert "影像科肺结节筛查提效" in response.content.decode()


def test_a_listed_product_reaches_the_matching_owner_through_the_page(
    client, market, django_capture_on_commit_callbacks
):
    market.draft.state = Product.State.APPROVED
    market.draft.save()
    client.force_login(market.bureau)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/market/products/{market.draft.pk}/move/", {"to": "listed"})
    assert Notice.objects.filter(user=market.scenario_owner, topic="market").count() == 1
    assert market.scenario.deadline > datetime.date(2026, 9, 1)
