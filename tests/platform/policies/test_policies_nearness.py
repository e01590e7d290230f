"""接近符合 only where the gap is near: few unmet clauses, none structural, closing them cheap against the award."""

import datetime as dt
from decimal import Decimal

from gaoqi.apps.assessments.services import assessment_run
from gaoqi.apps.enterprises.models import Enterprise, Membership
from gaoqi.apps.policies import selectors, services
from gaoqi.apps.policies.models import Policy, PolicyMatch
from gaoqi.core.roles import Role
from gaoqi.rules.uscc import make_uscc

AWARD = {"support_amount": Decimal("200000.00")}


def _new_firm(cast, clock):
    today = clock.at(dt.datetime(2027, 3, 1, 10, tzinfo=dt.UTC)).date()
    firm = Enterprise.objects.create(
        uscc=make_uscc("91", "440112", "MA5NEW01"),
        name="广州新设科技有限公司",
        district="440112",
        tech_field="10101",
        registered_on=today - dt.timedelta(days=60),
    )
    user = type(cast.owner).objects.create_user(username="newfirm", password="x-Strong-pass-9", role=Role.ENTERPRISE)
    Membership.objects.create(user=user, enterprise=firm, is_admin=True)
    assessment_run(actor=user, enterprise=firm)
    return firm, user


def test_an_empty_new_firm_is_not_nearly_qualifying_for_a_recognition_award(cast, make_policy, sent, clock):
    firm, user = _new_firm(cast, clock)
    policy = make_policy("hte_certificate == false and hte.eligible", status=Policy.Status.PUBLISHED, **AWARD)
    services.policy_push(policy_id=policy.pk, version=1)
    assert not PolicyMatch.objects.filter(policy=policy, enterprise=firm).exists()
    assert not [s for s in sent if s.user_id == user.pk]


def test_a_small_firm_is_not_nearly_a_unicorn(cast, make_assessment, make_policy, sent):
    make_assessment(cast.ours)
    unicorn = "listed == false and age_years <= 10 and valuation >= 60亿"
    policy = make_policy(unicorn, status=Policy.Status.PUBLISHED, **AWARD)
    services.policy_push(policy_id=policy.pk, version=1)
    cast.ours.valuation = Decimal("50000000")
    cast.ours.save()
    assert not PolicyMatch.objects.filter(policy=policy, status="nearly").exists()
    services.policy_push(policy_id=policy.pk, version=1)
    assert not PolicyMatch.objects.filter(policy=policy, status="nearly").exists()


def test_a_cheap_gap_against_the_award_is_nearly_and_explained_on_the_page_and_in_the_notice(
    client, cast, make_assessment, make_policy, sent
):
    make_assessment(cast.ours, eligible=False, status="fail")
    policy = make_policy("hte.eligible", status=Policy.Status.PUBLISHED, support_amount=Decimal("2250000.00"))
    services.policy_push(policy_id=policy.pk, version=1)
    assert PolicyMatch.objects.get(policy=policy, enterprise=cast.ours).status == "nearly"
    (notice,) = [s for s in sent if s.user_id == cast.owner.pk]
    assert notice.dedupe_key == f"policy:{policy.pk}:v1:nearly"
    assert "预计补齐投入约45万元" in notice.reason
    assert "政策最高支持金额225万元的20%，即45万元" in notice.reason
    client.force_login(cast.owner)
    assert "短期内无法改变的条件" in client.get(f"/policies/{policy.pk}/mine/").content.decode()


def test_one_yuan_more_than_the_limit_is_not_nearly(cast, make_assessment, make_policy, sent):
    make_assessment(cast.ours, eligible=False, status="fail")
    policy = make_policy("hte.eligible", status=Policy.Status.PUBLISHED, support_amount=Decimal("2249999.95"))
    services.policy_push(policy_id=policy.pk, version=1)
    assert not PolicyMatch.objects.filter(policy=policy, enterprise=cast.ours).exists()
    assert selectors.my_policies(actor=cast.owner) == []
