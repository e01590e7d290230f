"""The seeded library: at least thirty real policies at every level, each with its document, issuer, date, an
official source or none, checked criteria, and verification notes kept for staff."""

import datetime as dt
from collections import Counter
from urllib.parse import urlsplit

from django.core.management import call_command

from gaoqi.apps.notifications.models import Notice
from gaoqi.apps.policies.demo import library
from gaoqi.apps.policies.models import Policy, PolicyMatch
from gaoqi.rules.criteria import compile_criteria


def test_at_least_thirty_policies_each_with_document_issuer_date_or_an_admitted_gap_and_valid_criteria():
    items = library()
    assert len(items) >= 30
    for item in items:
        assert item["document_number"], item["key"]
        assert item["issuer"], item["key"]
        assert item["summary"], item["key"]
        if item["issued_on"] is None:
            assert "未核实" in item["staff_note"], item["key"]
        else:
            assert isinstance(item["issued_on"], dt.date), item["key"]
        compile_criteria(item["criteria"])


def test_every_level_and_at_least_four_districts_are_covered():
    items = library()
    assert set(Counter(item["level"] for item in items)) == {"national", "provincial", "city", "district"}
    assert len({d for item in items for d in item.get("districts", [])}) >= 4


def test_source_and_application_links_are_official_government_sites_or_left_empty():
    for item in library():
        for link in (item.get("source_url", ""), item.get("application_url", "")):
            if link:
                assert urlsplit(link).scheme == "https", link
                assert urlsplit(link).hostname.endswith(".gov.cn"), link


def test_instant_policies_are_flagged_and_others_name_how_to_apply():
    items = library()
    assert any(item.get("instant") for item in items)
    for item in items:
        assert item.get("instant") or item.get("application_url") or "入口" in item.get("staff_note", ""), item["key"]


def test_the_listing_subsidy_asks_for_a_listing_and_the_unicorn_policy_for_a_valuation_not_a_certificate():
    criteria = {item["key"]: compile_criteria(item["criteria"]) for item in library()}
    assert "listed" in criteria["gz-listing-subsidy"].names
    assert "valuation" in criteria["hp-unicorn"].names
    assert "hte_certificate" not in criteria["hp-unicorn"].names


def test_windows_are_placed_around_the_day_the_library_is_loaded():
    day = dt.date(2031, 2, 3)
    windows = [(item["opens_on"], item["closes_on"]) for item in library(day) if item.get("closes_on")]
    assert windows
    assert all(opens <= closes for opens, closes in windows)
    assert any(opens <= day <= closes for opens, closes in windows)
    assert any(opens > day for opens, _closes in windows)


def test_the_demo_command_publishes_matches_and_notifies_through_the_outbox(cast, make_assessment):
    make_assessment(cast.ours)
    call_command("demo_policies", verbosity=0)
    assert Policy.objects.filter(status=Policy.Status.PUBLISHED).count() == len(library())
    assert PolicyMatch.objects.filter(enterprise=cast.ours, status="qualify").exists()
    notices = Notice.objects.filter(cause__startswith="policy:")
    assert notices.filter(user=cast.owner).exists()
    count = notices.count()
    call_command("demo_policies", verbosity=0)
    call_command("demo_policies", "--if-empty", verbosity=0)
    assert Notice.objects.filter(cause__startswith="policy:").count() == count
