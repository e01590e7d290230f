"""Publishing and changing policies, bulk matching with push, re-matching one enterprise, closing reminders."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import transaction

from gaoqi.apps.policies import services
from gaoqi.apps.policies.models import MatchStatus, Policy, PolicyApplication, PolicyMatch, PolicyVersion
from gaoqi.core.errors import DomainError, NotFound, PermissionDenied

DATA = {
    "title": "黄埔区瞪羚企业认定",
    "issuer": "黄埔区人民政府",
    "level": "district",
    "category": "tier",
    "summary": "高成长科技企业。",
    "districts": ["440112"],
    "criteria": "hte.eligible and hte.rd_ratio >= 5%",
    "support_amount": Decimal("3000000.00"),
}


def test_bureau_creates_a_draft_and_publishing_pushes_it_to_the_qualifying(cast, make_assessment, sent):
    make_assessment(cast.ours)
    make_assessment(cast.theirs, eligible=False, status="fail")
    policy = services.policy_create(actor=cast.bureau, data=DATA | {"districts": []})
    with transaction.atomic():
        services.policy_publish(actor=cast.bureau, policy=policy)
    assert (policy.status, policy.version) == (Policy.Status.PUBLISHED, 1)
    counts = services.policy_push(policy_id=policy.pk, version=1)
    assert counts["qualify"] == 1
    assert counts["nearly"] == 1
    assert counts["notified"] == 3
    qualifying = [s for s in sent if s.dedupe_key == f"policy:{policy.pk}:v1"]
    assert {s.user_id for s in qualifying} == {cast.owner.pk, cast.colleague.pk}
    spec = qualifying[0]
    assert spec.dedupe_key == f"policy:{policy.pk}:v1"
    assert spec.cause == f"policy:{policy.pk}:440112"
    assert spec.topic == "policy"
    assert spec.link == f"/policies/{policy.pk}/mine/"
    assert "符合高企认定条件" in spec.reason
    assert "≥ 5%" in spec.reason
    stored = dict(PolicyMatch.objects.values_list("enterprise_id", "status"))
    assert stored == {cast.ours.pk: MatchStatus.QUALIFY, cast.theirs.pk: MatchStatus.NEARLY}
    assert PolicyMatch.objects.get(enterprise=cast.theirs).missing == "符合高企认定条件"


def test_pushing_the_same_version_twice_notifies_nobody_twice(cast, make_assessment, sent, make_policy):
    make_assessment(cast.ours)
    policy = make_policy(status=Policy.Status.PUBLISHED)
    assert services.policy_push(policy_id=policy.pk, version=1)["notified"] == 2
    assert services.policy_push(policy_id=policy.pk, version=1)["notified"] == 0
    assert PolicyMatch.objects.count() == 2


def test_a_superseded_version_is_not_pushed(cast, make_policy, sent):
    policy = make_policy(status=Policy.Status.PUBLISHED)
    assert services.policy_push(policy_id=policy.pk, version=0) == {}
    assert sent == []


def test_changing_a_published_policy_makes_a_new_version_and_pushes_again(cast, make_assessment, sent, make_policy):
    make_assessment(cast.ours)
    policy = make_policy(status=Policy.Status.PUBLISHED)
    services.policy_update(actor=cast.bureau, policy=policy, data={"summary": "新的摘要。"})
    version = PolicyVersion.objects.get(policy=policy)
    assert (policy.version, version.version, version.changed) == (2, 2, ["summary"])
    services.policy_push(policy_id=policy.pk, version=2)
    assert {s.dedupe_key for s in sent} == {f"policy:{policy.pk}:v2"}
    assert sent[0].title.startswith("政策更新")


def test_changing_a_draft_keeps_version_zero(cast, make_policy):
    policy = make_policy()
    services.policy_update(actor=cast.bureau, policy=policy, data={"title": "新标题"})
    assert (policy.version, PolicyVersion.objects.count()) == (0, 0)


def test_invalid_criteria_are_refused_with_the_position_in_chinese(cast):
    with pytest.raises(DomainError) as caught:
        services.policy_create(actor=cast.bureau, data=DATA | {"criteria": "hte.eligible and hte.rd_ratoi >= 5%"})
    assert caught.value.field == "criteria"
    assert caught.value.message.startswith("第1行第18列：未知变量“hte.rd_ratoi”")


def test_district_staff_publish_only_for_their_own_district(cast):
    services.policy_create(actor=cast.district, data=DATA)
    with pytest.raises(DomainError) as caught:
        services.policy_create(actor=cast.district, data=DATA | {"districts": ["440106"]})
    assert caught.value.field == "districts"
    policy = Policy.objects.get()
    with pytest.raises(PermissionDenied):
        services.policy_update(actor=cast.other_district, policy=policy, data={"title": "x"})


@pytest.mark.parametrize("who", ["owner", "mentor", "station"])
def test_only_staff_create_policies(cast, who):
    with pytest.raises(PermissionDenied):
        services.policy_create(actor=getattr(cast, who), data=DATA)


def test_a_window_that_closes_before_it_opens_is_refused(cast):
    with pytest.raises(DomainError) as caught:
        services.policy_create(
            actor=cast.bureau, data=DATA | {"opens_on": dt.date(2026, 6, 1), "closes_on": dt.date(2026, 5, 1)}
        )
    assert caught.value.field == "closes_on"


def test_a_new_assessment_notifies_only_when_the_enterprise_newly_qualifies(cast, make_assessment, sent, make_policy):
    policy = make_policy(status=Policy.Status.PUBLISHED)
    make_assessment(cast.ours, eligible=False, status="fail")
    assert services.enterprise_rematch(enterprise_id=cast.ours.pk) == 0
    assert PolicyMatch.objects.get().status == MatchStatus.NEARLY
    make_assessment(cast.ours)
    assert services.enterprise_rematch(enterprise_id=cast.ours.pk) == 2
    assert sent[0].title == f"您的企业新符合政策：{policy.title}"
    assert services.enterprise_rematch(enterprise_id=cast.ours.pk) == 0


def test_an_enterprise_that_stops_matching_loses_its_match(cast, make_policy, make_assessment, sent):
    make_policy(status=Policy.Status.PUBLISHED, districts=["440106"])
    PolicyMatch.objects.create(
        policy=Policy.objects.get(), enterprise=cast.ours, district="440112", status="qualify", version=1
    )
    services.enterprise_rematch(enterprise_id=cast.ours.pk)
    assert not PolicyMatch.objects.exists()


def test_closing_reminders_go_to_qualifying_enterprises_that_have_not_applied(cast, make_policy, sent):
    today = dt.date(2026, 8, 25)
    policy = make_policy(status=Policy.Status.PUBLISHED, closes_on=dt.date(2026, 8, 31), closing_lead_days=7)
    later = make_policy(status=Policy.Status.PUBLISHED, closes_on=dt.date(2026, 9, 30), title="晚些截止")
    for enterprise in (cast.ours, cast.theirs):
        for p in (policy, later):
            PolicyMatch.objects.create(
                policy=p, enterprise=enterprise, district=enterprise.district, status="qualify", version=1
            )
    PolicyApplication.objects.create(policy=policy, enterprise=cast.theirs, district="440106")
    assert services.closing_reminders(today=today) == 2
    assert {s.dedupe_key for s in sent} == {f"policy:{policy.pk}:closing"}
    assert "还剩6天" in sent[0].title
    assert "2026-08-31" in sent[0].reason
    assert services.closing_reminders(today=today) == 0


def test_expired_windows_close(make_policy):
    policy = make_policy(status=Policy.Status.PUBLISHED, closes_on=dt.date(2026, 1, 1))
    assert services.policies_close_expired(today=dt.date(2026, 1, 2)) == 1
    policy.refresh_from_db()
    assert policy.status == Policy.Status.CLOSED


def test_an_enterprise_user_marks_a_policy_as_applied_once(cast, make_policy):
    policy = make_policy(status=Policy.Status.PUBLISHED)
    first = services.application_mark(actor=cast.owner, policy_id=policy.pk)
    again = services.application_mark(actor=cast.colleague, policy_id=policy.pk)
    assert first.pk == again.pk
    assert first.district == "440112"


def test_a_draft_cannot_be_marked_as_applied(cast, make_policy):
    policy = make_policy()
    with pytest.raises(NotFound):
        services.application_mark(actor=cast.owner, policy_id=policy.pk)


def test_a_broadcast_reaches_every_enterprise_user_in_scope(cast, sent):
    broadcast = services.broadcast_send(actor=cast.district, title="申报培训", body="周五下午", districts=[])
    assert broadcast.districts == ["440112"]
    assert broadcast.recipients == 2
    assert {s.topic for s in sent} == {"broadcast"}
    assert "黄埔区" in sent[0].reason
    services.broadcast_send(actor=cast.bureau, title="全市通知", body="……", districts=[])
    assert len(sent) == 5


def test_a_broadcast_needs_a_title(cast, sent):
    with pytest.raises(DomainError) as caught:
        services.broadcast_send(actor=cast.bureau, title=" ", body="x", districts=[])
    assert caught.value.field == "title"
