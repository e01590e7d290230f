"""The policies REST API: library, create / publish, preview with positioned errors, matches, my policies."""

import json

from gaoqi.apps.policies.models import Policy, PolicyMatch
from gaoqi.core.districts import DISTRICTS

BODY = {
    "title": "科技型中小企业评价入库",
    "issuer": "科技部",
    "level": "national",
    "category": "recognition",
    "summary": "入库后享受优惠。",
    "criteria": "tsme.eligible",
}


def post(client, path, body=None):
    return client.post(path, json.dumps(body or {}), content_type="application/json")


def test_bureau_creates_and_publishes_through_the_api(client, cast, django_capture_on_commit_callbacks):
    client.force_login(cast.bureau)
    created = post(client, "/api/v1/policies", BODY)
    assert created.status_code == 201
    pk = created.json()["id"]
    with django_capture_on_commit_callbacks(execute=False):
        published = post(client, f"/api/v1/policies/{pk}/publish")
    assert (published.json()["status"], published.json()["version"]) == ("published", 1)


def test_a_bad_criterion_is_a_400_envelope_naming_the_field_and_position(client, cast):
    client.force_login(cast.bureau)
    response = post(client, "/api/v1/policies", BODY | {"criteria": "tsme.score >= 5000万"})
    assert response.status_code == 400
    assert response.json() == {
        "code": "invalid_criteria",
        "message": "第1行第15列：“tsme.score”（科技型中小企业评价得分）应与数值比较，不能与金额“5000万”比较",
        "details": {"field": "criteria"},
    }


def test_preview_counts(client, cast, make_assessment):
    make_assessment(cast.ours)
    client.force_login(cast.bureau)
    response = post(client, "/api/v1/policies/preview", {"criteria": "tsme.eligible", "districts": ["440112"]})
    assert response.json() | {"nearness": ""} == {
        "counts": {"qualify": 1, "nearly": 0, "lacks": 0, "no": 0},
        "by_district": {"440112": {"qualify": 1, "nearly": 0, "lacks": 0}},
        "nearness": "",
        "scope": [code for code, _name in DISTRICTS],
    }
    assert "不超过10万元（政策未载明支持金额）" in response.json()["nearness"]


def test_matches_are_listed_for_the_staff_scope(client, cast, make_policy):
    policy = make_policy(status=Policy.Status.PUBLISHED)
    for enterprise in (cast.ours, cast.theirs):
        PolicyMatch.objects.create(
            policy=policy, enterprise=enterprise, district=enterprise.district, status="nearly", version=1
        )
    client.force_login(cast.other_district)
    rows = client.get(f"/api/v1/policies/{policy.pk}/matches?status=nearly").json()
    assert [row["enterprise_name"] for row in rows] == ["广州天河云软件有限公司"]


def test_my_policies_carry_the_clause_explanations(client, cast, make_assessment, make_policy):
    make_assessment(cast.ours)
    make_policy("hte.eligible and hte.rd_ratio >= 6%", status=Policy.Status.PUBLISHED)
    client.force_login(cast.owner)
    (item,) = client.get("/api/v1/policies/mine").json()
    assert item["status"] == "nearly"
    assert item["missing"] == "近三年研发费用占销售收入比例 ≥ 6%"
    assert "预计补齐投入约45万元" in item["nearness"]
    assert item["clauses"][1] == {
        "clause": "近三年研发费用占销售收入比例 ≥ 6%",
        "status": "unmet",
        "detail": "实际5.4%，差 0.6 个百分点",
    }
    assert item["policy"]["staff_note"] == ""


def test_the_variable_catalogue_is_published(client, cast):
    client.force_login(cast.owner)
    names = {v["name"] for v in client.get("/api/v1/policies/variables").json()}
    assert {"hte.eligible", "hte.rd_ratio", "fy.sales_revenue", "district"} <= names
