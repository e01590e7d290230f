"""The finance API: a demand from filing to approval, matches with reasons, consent revoked, the share calculator."""

import pytest

from gaoqi.apps.finance.models import Deal


def _post(client, url, body):
    return client.post(url, body, content_type="application/json")


@pytest.fixture
def filed(client, banks):
    client.force_login(banks.owner)
    body = {"amount": "3000000.00", "term_months": 24, "purpose": "研发投入", "collateral": "ip"}
    response = _post(client, "/api/v1/finance/demands", body)
    assert response.status_code == 201, response.content
    return response.json()["id"]


def test_a_demand_goes_from_filing_to_approval(client, banks, filed):
    matches = client.get(f"/api/v1/finance/demands/{filed}/matches").json()
    first = next(m for m in matches if m["product"] == "科技易贷")
    assert first["suggested"]
    assert first["eligible"] == "yes"
    sent = _post(
        client, f"/api/v1/finance/demands/{filed}/deals", {"product_id": first["product_id"], "sections": ["basic"]}
    )
    assert sent.status_code == 201
    deal = sent.json()["id"]
    client.force_login(banks.banker)
    read = client.get(f"/api/v1/finance/deals/{deal}").json()
    assert [s["key"] for s in read["sections"]] == ["basic"]
    assert _post(client, f"/api/v1/finance/deals/{deal}/transitions", {"to": "accepted"}).status_code == 200
    approved = _post(
        client, f"/api/v1/finance/deals/{deal}/transitions", {"to": "approved", "amount": "2000000", "rate": "3.5"}
    )
    assert approved.json()["state"] == Deal.State.APPROVED
    again = _post(client, f"/api/v1/finance/deals/{deal}/transitions", {"to": "accepted"})
    assert again.status_code == 409
    assert again.json()["code"] == "illegal_transition"


def test_a_revoked_consent_hides_the_deal_from_the_api(client, banks, filed):
    deal = _post(
        client, f"/api/v1/finance/demands/{filed}/deals", {"product_id": banks.loan.pk, "sections": ["basic"]}
    ).json()["id"]
    assert (
        _post(client, f"/api/v1/finance/demands/{filed}/revoke", {"institution_id": banks.bank.pk}).status_code == 200
    )
    client.force_login(banks.banker)
    assert client.get(f"/api/v1/finance/deals/{deal}").status_code == 404
    assert client.get("/api/v1/finance/deals").json() == []


def test_a_negative_amount_is_refused_with_the_field_named(client, banks):
    client.force_login(banks.owner)
    body = {"amount": "-1", "term_months": 24, "purpose": "研发投入", "collateral": "ip"}
    response = _post(client, "/api/v1/finance/demands", body)
    assert response.status_code == 422
    assert "amount" in response.content.decode()


def test_the_share_calculator_cites_uncertain_terms(client, banks):
    client.force_login(banks.bureau)
    response = client.get("/api/v1/finance/pool/share?principal=2000000&loss=500000&on=2025-01-01&startup=true")
    assert response.json()["amount"] == "300000.00"
    assert response.json()["uncertain"] is True
