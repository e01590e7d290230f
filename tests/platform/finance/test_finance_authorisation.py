"""Every 金融惠企 page and endpoint, tried by the cast, both banks' staff and anonymous visitors: an institution never
sees another's deals, nor a deal whose consent was revoked."""

import datetime as dt
import json
from decimal import Decimal

import pytest

from gaoqi.apps.finance import services
from gaoqi.apps.finance.models import Institution
from tests.platform.finance.conftest import product
from tests.platform.matrix import CAST, assert_sent_to_login, assert_status, assert_unauthenticated

WHO = [*CAST, "banker", "other_banker"]
MEMBERS = {"owner": 200, "colleague": 200}
ENTERPRISES = {**MEMBERS, "outsider": 200}
OVERSEE_OURS = {"district": 200, "bureau": 200}
OVERSEERS = {"district": 200, "other_district": 200, "bureau": 200}
BANKS = {"banker": 200, "other_banker": 200}
ACTS_ON_OURS = {"owner": 302, "colleague": 302, "district": 403, "bureau": 403}
HANDLES = {"banker": 302, "owner": 403, "colleague": 403, "district": 403, "bureau": 403}


def _api(expected: dict, ok: int = 200) -> dict:
    return {who: ok if status == 302 else status for who, status in expected.items()}


PAGES = [
    ("GET", "/finance/", BANKS, 403),
    ("GET", "/finance/products/", BANKS, 403),
    ("GET", "/finance/products/new/", BANKS, 403),
    ("GET", "/finance/products/{product}/", {"banker": 200}, 404),
    ("GET", "/finance/demands/", {**ENTERPRISES, **OVERSEERS}, 403),
    ("GET", "/finance/demands/new/", ENTERPRISES, 403),
    ("GET", "/finance/demands/{demand}/", {**MEMBERS, **OVERSEE_OURS}, 404),
    ("POST", "/finance/demands/{demand}/send/", ACTS_ON_OURS, 404),
    ("POST", "/finance/demands/{demand}/revoke/", ACTS_ON_OURS, 404),
    ("POST", "/finance/demands/{demand}/withdraw/", ACTS_ON_OURS, 404),
    ("GET", "/finance/deals/{deal}/", {**MEMBERS, **OVERSEE_OURS, "banker": 200}, 404),
    ("GET", "/finance/deals/{revoked}/", {**MEMBERS, **OVERSEE_OURS}, 404),
    ("POST", "/finance/deals/{deal}/move/", HANDLES, 404),
    ("POST", "/finance/deals/{approved}/pool/", HANDLES, 404),
    ("POST", "/finance/pool/{loan}/loss/", {"banker": 302, "other_banker": 404}, 403),
    ("GET", "/finance/league/", OVERSEERS, 403),
    ("GET", "/finance/pool/", {**BANKS, **OVERSEERS}, 403),
    ("GET", "/finance/signals/", ENTERPRISES, 403),
]
API = [
    ("GET", "/api/v1/finance/products", {}, 200),
    ("POST", "/api/v1/finance/products", {"banker": 201, "other_banker": 201}, 403),
    ("PUT", "/api/v1/finance/products/{product}", {"banker": 200}, 404),
    ("GET", "/api/v1/finance/demands", {}, 200),
    ("POST", "/api/v1/finance/demands", {"owner": 201, "colleague": 201, "outsider": 201}, 403),
    ("GET", "/api/v1/finance/demands/{demand}", {**MEMBERS, **OVERSEE_OURS}, 404),
    ("GET", "/api/v1/finance/demands/{demand}/matches", {**MEMBERS, "district": 403, "bureau": 403}, 404),
    ("POST", "/api/v1/finance/demands/{demand}/deals", _api(ACTS_ON_OURS, 201), 404),
    ("POST", "/api/v1/finance/demands/{demand}/revoke", _api(ACTS_ON_OURS), 404),
    ("GET", "/api/v1/finance/deals", {}, 200),
    ("GET", "/api/v1/finance/deals/{deal}", {**MEMBERS, **OVERSEE_OURS, "banker": 200}, 404),
    ("GET", "/api/v1/finance/deals/{revoked}", {**MEMBERS, **OVERSEE_OURS}, 404),
    ("POST", "/api/v1/finance/deals/{deal}/transitions", _api(HANDLES), 404),
    ("GET", "/api/v1/finance/league", OVERSEERS, 403),
    ("GET", "/api/v1/finance/pool/loans", {}, 200),
    ("POST", "/api/v1/finance/pool/loans", _api(HANDLES, 201), 404),
    ("POST", "/api/v1/finance/pool/loans/{loan}/loss", {"banker": 200, "other_banker": 404}, 403),
    ("GET", "/api/v1/finance/pool/exposure", {**BANKS, **OVERSEERS}, 403),
    ("GET", "/api/v1/finance/signals", {}, 200),
    ("POST", "/api/v1/finance/signals/contests", {"owner": 201, "colleague": 201, "outsider": 201}, 403),
]
PRODUCT = {
    "name": "科技贷",
    "kind": "tech_credit",
    "amount_min": "100000",
    "amount_max": "5000000",
    "term_min": 6,
    "term_max": 36,
    "eligibility": "hte_certificate",
}
BODIES = {
    "/finance/demands/{demand}/send/": lambda o: {"product": o["fresh"], "sections": ["basic"]},
    "/finance/demands/{demand}/revoke/": lambda o: {"institution": o["bank"]},
    "/finance/deals/{deal}/move/": lambda o: {"to": "accepted"},
    "/finance/deals/{approved}/pool/": lambda o: {"started_on": "2026-01-05", "matures_on": "2028-01-05"},
    "/finance/pool/{loan}/loss/": lambda o: {"loss": "1000", "loss_on": "2026-06-01"},
    "/api/v1/finance/products": lambda o: PRODUCT,
    "/api/v1/finance/products/{product}": lambda o: PRODUCT,
    "/api/v1/finance/demands": lambda o: {"amount": "500000", "term_months": 12, "purpose": "研发", "collateral": "ip"},
    "/api/v1/finance/demands/{demand}/deals": lambda o: {"product_id": o["fresh"], "sections": ["basic"]},
    "/api/v1/finance/demands/{demand}/revoke": lambda o: {"institution_id": o["bank"]},
    "/api/v1/finance/deals/{deal}/transitions": lambda o: {"to": "accepted"},
    "/api/v1/finance/pool/loans": lambda o: {
        "deal_id": o["approved"],
        "started_on": "2026-01-05",
        "matures_on": "2028-01-05",
    },
    "/api/v1/finance/pool/loans/{loan}/loss": lambda o: {"loss": "1000", "loss_on": "2026-06-01"},
    "/api/v1/finance/signals/contests": lambda o: {"contest": "大赛", "year": 2025, "level": 4, "award": 5},
}


def cases(table):
    for method, path, expected, default in table:
        for who in WHO:
            yield pytest.param(method, path, who, expected.get(who, default), id=f"{method} {path} as {who}")


def _deal(banks, demand, institution, product):
    return services.deal_send(
        actor=banks.owner, demand_pk=demand.pk, institution=institution, product=product, sections=["basic"]
    )


@pytest.fixture
def objects(banks):
    """A demand of ours sent to the bank, one sent to the other bank then revoked, an approved one with a loan."""
    file = {"amount": Decimal(2_000_000), "term_months": 24, "purpose": "研发", "collateral": "ip"}
    demand = services.demand_file(actor=banks.owner, **file)
    deal = _deal(banks, demand, banks.bank, banks.loan)
    revoked = _deal(banks, demand, banks.other_bank, banks.other_loan)
    services.consent_revoke(actor=banks.owner, demand_pk=demand.pk, institution_pk=banks.other_bank.pk)
    other_demand = services.demand_file(actor=banks.owner, **file)
    approved = _deal(banks, other_demand, banks.bank, banks.loan)
    services.deal_move(actor=banks.banker, pk=approved.pk, to="accepted")
    services.deal_move(actor=banks.banker, pk=approved.pk, to="approved", amount=Decimal(10**6), rate=Decimal(3))
    third = services.demand_file(actor=banks.owner, **file)
    lent = _deal(banks, third, banks.bank, banks.loan)
    services.deal_move(actor=banks.banker, pk=lent.pk, to="accepted")
    services.deal_move(actor=banks.banker, pk=lent.pk, to="approved", amount=Decimal(10**6), rate=Decimal(3))
    third = Institution.objects.create(name="番禺融资担保", kind=Institution.Kind.GUARANTOR)
    loan = services.pool_loan_record(
        actor=banks.banker, deal_pk=lent.pk, started_on=dt.date(2026, 1, 5), matures_on=dt.date(2028, 1, 5)
    )
    return {
        "demand": demand.pk,
        "deal": deal.pk,
        "revoked": revoked.pk,
        "approved": approved.pk,
        "loan": loan.pk,
        "product": banks.loan.pk,
        "fresh": product(third, name="新机构贷").pk,
        "bank": banks.bank.pk,
    }


def _request(client, method, path, objects):
    url = path.format(**objects)
    body = BODIES.get(path, lambda o: {})(objects)
    if method == "GET":
        return client.get(url)
    if url.startswith("/api/"):
        return client.generic(method, url, json.dumps(body), content_type="application/json")
    return client.post(url, body)


@pytest.mark.parametrize(("method", "path", "who", "status"), list(cases(PAGES + API)))
def test_each_role_gets_exactly_what_it_may(client, banks, objects, method, path, who, status):
    client.force_login(getattr(banks, who))
    assert_status(_request(client, method, path, objects), status)


@pytest.mark.parametrize(("method", "path"), [(m, p) for m, p, _e, _d in PAGES])
def test_anonymous_visitors_are_sent_to_login(client, objects, method, path):
    assert_sent_to_login(_request(client, method, path, objects))


@pytest.mark.parametrize(("method", "path"), [(m, p) for m, p, _e, _d in API])
def test_anonymous_api_calls_get_the_401_envelope(client, objects, method, path):
    assert_unauthenticated(_request(client, method, path, objects))


@pytest.mark.parametrize(
    ("who", "visible"),
    [("banker", {"deal", "approved"}), ("other_banker", set()), ("owner", {"deal", "revoked", "approved"})],
)
def test_deal_lists_hold_exactly_what_each_may_see(client, banks, objects, who, visible):
    client.force_login(getattr(banks, who))
    names = {v: k for k, v in objects.items() if k in ("deal", "revoked", "approved")}
    found = {names.get(row["id"], "lent") for row in client.get("/api/v1/finance/deals").json()}
    assert found - {"lent"} == visible
