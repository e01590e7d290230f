"""The seeded library: at least fifteen real policies, each with a source, checked criteria and honest caveats."""

from django.core.management import call_command

from gaoqi.apps.notifications.models import Notice
from gaoqi.apps.policies.demo import library
from gaoqi.apps.policies.models import Policy, PolicyMatch
from gaoqi.rules.criteria import compile_criteria


def test_at_least_fifteen_real_policies_each_with_a_source_and_valid_criteria():
    items = library()
    assert len(items) >= 15
    for item in items:
        assert item["source_url"].startswith("http")
        assert item["summary"]
        compile_criteria(item["criteria"])


def test_figures_the_reference_marks_uncertain_are_flagged():
    notes = {item["key"]: item.get("uncertain_note", "") for item in library()}
    assert "[U]" in notes["gz-hte-reward-draft"]
    assert "[U]" in notes["tsme-evaluation"]
    assert "[R]" in notes["hte-tax-rate"]


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
