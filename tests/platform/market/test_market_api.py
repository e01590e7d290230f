"""The 产品兴企 API: the same rules as the pages, errors in the envelope naming the field."""

from gaoqi.apps.market.models import Product


def _post(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_an_enterprise_registers_submits_and_the_bureau_lists_a_product(client, market):
    client.force_login(market.owner)
    body = {"name": "工业视觉质检一体机", "field": "804", "kind": "equipment", "description": "外观缺陷检测。"}
    created = _post(client, "/api/v1/market/products", {**body, "ip_item_ids": [market.patent.pk]}).json()
    assert created["state"] == "draft"
    assert _post(client, f"/api/v1/market/products/{created['id']}/transitions", {"to": "submitted"}).status_code == 200
    client.force_login(market.bureau)
    for to in ("approved", "listed"):
        moved = _post(client, f"/api/v1/market/products/{created['id']}/transitions", {"to": to})
        assert moved.json()["state"] == to
    found = client.get("/api/v1/market/products", {"q": "质检"}).json()
    assert [p["id"] for p in found] == [created["id"]]


def test_an_unknown_sub_field_and_a_foreign_patent_are_named(client, market):
    client.force_login(market.owner)
    body = {"name": "x", "field": "999", "kind": "software", "description": "y"}
    response = _post(client, "/api/v1/market/products", body)
    assert response.status_code == 400
    assert response.json()["details"]["field"] == "field"
    response = _post(
        client, "/api/v1/market/products", {**body, "field": "101", "ip_item_ids": [market.their_patent.pk]}
    )
    assert response.json()["details"]["field"] == "ip_items"
    assert not Product.objects.filter(name="x").exists()


def test_a_return_without_reason_is_a_400_on_the_note(client, market):
    market.draft.state = Product.State.SUBMITTED
    market.draft.save()
    client.force_login(market.bureau)
    response = _post(client, f"/api/v1/market/products/{market.draft.pk}/transitions", {"to": "returned"})
    assert response.status_code == 400
    assert response.json()["details"]["field"] == "note"


def test_suggestions_carry_their_reasons(client, market):
    client.force_login(market.outsider)
    found = client.get("/api/v1/market/suggestions/scenarios").json()
    assert found[0]["name"] == "影像科肺结节筛查提效"
    assert isinstance(found[0]["reasons"], list)
    client.force_login(market.scenario_owner)
    found = client.get(f"/api/v1/market/scenarios/{market.scenario.pk}/suggestions").json()
    assert found[0]["name"] == "地铁隧道巡检机器人"


def test_an_owner_moves_a_proposal_along_and_a_bad_move_is_a_400(client, market):
    client.force_login(market.outsider)
    proposal = _post(client, f"/api/v1/market/scenarios/{market.scenario.pk}/proposals", {"text": "方案"}).json()
    client.force_login(market.scenario_owner)
    url = f"/api/v1/market/proposals/{proposal['id']}/transitions"
    assert _post(client, url, {"to": "signed"}).status_code == 400
    assert _post(client, url, {"to": "shortlisted", "comment": "入围"}).json()["state"] == "shortlisted"
