"""Browser journey: an enterprise lists a product, the bureau approves it into the public catalogue; an owner publishes
a scenario, sees the product suggested, and shortlists an enterprise's proposal."""

import pytest
from playwright.sync_api import expect

from gaoqi.apps.market.models import Product
from tests.platform.browser import log_in, shot
from tests.platform.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, username):
    log_in(page, username, PASSWORD)


def test_a_product_goes_from_the_enterprise_through_the_bureau_into_the_catalogue_and_to_a_scenario(page, market):
    _login(page, "owner")
    page.goto("/market/products/new/")
    page.fill("[name=name]", "智能配送机器人")
    page.select_option("[name=field]", "805")
    page.select_option("[name=kind]", "equipment")
    page.check("[name=certifications][value=first_set]")
    page.fill("[name=description]", "医院药品与标本自主配送机器人，自动乘梯与门禁联动。")
    page.click("button.primary")
    expect(page.locator("h1")).to_contain_text("智能配送机器人")
    page.click("button[value=submitted]")
    expect(page.locator("h1 .state")).to_contain_text("待审核")
    shot(page, "market-submitted")

    _login(page, "bureau")
    page.goto("/market/reviews/")
    page.click("text=智能配送机器人")
    page.click("button[value=approved]")
    expect(page.locator("h1 .state")).to_contain_text("审核通过")
    page.click("button[value=listed]")
    expect(page.locator("h1 .state")).to_contain_text("已上架")

    page.context.clear_cookies()
    page.goto("/market/?q=配送机器人")
    expect(page.locator("table.products")).to_contain_text("智能配送机器人")
    shot(page, "market-catalogue")

    _login(page, "hospital")
    page.goto("/market/scenarios/new/")
    page.select_option("[name=organisation]", str(market.hospital.pk))
    page.fill("[name=title]", "院内标本自动配送")
    page.fill("[name=problem]", "检验标本转运靠人工，需要能自主乘梯的配送机器人。")
    page.select_option("[name=field]", "805")
    page.select_option("[name=budget]", "1m-5m")
    page.fill("[name=deadline]", "2026-11-30")
    page.select_option("[name=district]", "440112")
    page.click("button.primary")
    expect(page.locator("h1")).to_contain_text("院内标本自动配送")
    expect(page.locator("ul.suggestions")).to_contain_text("智能配送机器人")
    scenario_url = page.url

    _login(page, "owner")
    page.goto(scenario_url)
    page.fill("[name=text]", "以智能配送机器人承担标本转运，两周内完成试点。")
    page.check(f"[name=products][value='{Product.objects.get(name='智能配送机器人').pk}']")
    page.click("form[action$='/propose/'] button.primary")
    expect(page.locator(".state")).to_contain_text("已提交")

    _login(page, "hospital")
    page.goto(scenario_url)
    row = page.locator("table.proposals tr", has_text="广州华芯科技有限公司")
    row.locator("[name=comment]").fill("请来对对碰路演")
    row.locator("button[value=shortlisted]").click()
    expect(page.locator("table.proposals .state")).to_contain_text("入围")
    shot(page, "market-shortlisted")
