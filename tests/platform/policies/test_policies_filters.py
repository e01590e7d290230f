"""Filtering the policy library by level and by the district a policy applies in, on the page and in the API."""

from gaoqi.apps.policies.models import Policy
from gaoqi.apps.policies.selectors import policy_list

PUBLISHED = Policy.Status.PUBLISHED


def titles(policies) -> set[str]:
    return {policy.title for policy in policies}


def library(make_policy):
    make_policy(status=PUBLISHED, title="国家政策", level="national")
    make_policy(status=PUBLISHED, title="黄埔政策", level="district", districts=["440112"])
    make_policy(status=PUBLISHED, title="天河政策", level="district", districts=["440106"])


def test_the_level_filter_keeps_that_level_only(cast, make_policy):
    library(make_policy)
    assert titles(policy_list(actor=cast.bureau, level="district")) == {"黄埔政策", "天河政策"}


def test_the_district_filter_keeps_policies_applying_there_city_wide_ones_included(cast, make_policy):
    library(make_policy)
    assert titles(policy_list(actor=cast.bureau, district="440112")) == {"国家政策", "黄埔政策"}


def test_filters_combine_with_search(cast, make_policy):
    library(make_policy)
    assert titles(policy_list(actor=cast.bureau, q="政策", level="district", district="440106")) == {"天河政策"}


def test_the_page_filters_ignores_unknown_values_and_keeps_the_filters_in_the_pager(client, cast, make_policy):
    library(make_policy)
    for n in range(25):
        make_policy(status=PUBLISHED, title=f"黄埔第{n}号", level="district", districts=["440112"])
    client.force_login(cast.bureau)
    page = client.get("/policies/", {"level": "district", "district": "440112"}).content.decode()
    assert "黄埔政策" in page
    assert "天河政策" not in page
    assert "国家政策" not in page
    assert "level=district" in page
    assert "district=440112" in page
    unknown = client.get("/policies/", {"level": "galactic", "district": "999999"})
    assert unknown.status_code == 200
    assert "天河政策" in unknown.content.decode()


def test_the_api_filters_by_level_and_district(client, cast, make_policy):
    library(make_policy)
    client.force_login(cast.bureau)
    found = client.get("/api/v1/policies", {"level": "district", "district": "440112"}).json()
    assert [policy["title"] for policy in found] == ["黄埔政策"]
