"""新符合 after a batch re-assessment: a finished batch re-matches its scope in bulk and tells only the newly
qualifying enterprises, once."""

from django_tasks_db.models import DBTaskResult

from gaoqi.apps.assessments.batch import batch_execute
from gaoqi.apps.assessments.models import BatchRun
from gaoqi.apps.notifications.models import Notice
from gaoqi.apps.policies import tasks
from gaoqi.apps.policies.models import MatchStatus, Policy, PolicyMatch


def stored(policy, enterprise):
    return PolicyMatch.objects.filter(policy=policy, enterprise=enterprise).values_list("status", flat=True).first()


def store(policy, enterprise, status):
    PolicyMatch.objects.create(
        policy=policy, enterprise=enterprise, district=enterprise.district, status=status, version=policy.version
    )


def notices(policy, user):
    return Notice.objects.filter(user=user, dedupe_key=f"policy:{policy.pk}:v{policy.version}").count()


def test_an_enterprise_that_newly_qualifies_after_a_batch_gets_exactly_one_notice(cast, make_policy, make_assessment):
    policy = make_policy(status=Policy.Status.PUBLISHED)
    store(policy, cast.ours, MatchStatus.NEARLY)
    make_assessment(cast.ours)
    assert tasks.rematch_batch.call("") == 2
    assert stored(policy, cast.ours) == MatchStatus.QUALIFY
    assert (notices(policy, cast.owner), notices(policy, cast.colleague)) == (1, 1)
    assert Notice.objects.get(user=cast.owner).title == f"您的企业新符合政策：{policy.title}"


def test_an_enterprise_that_already_qualified_is_not_told_again(cast, make_policy, make_assessment):
    policy = make_policy(status=Policy.Status.PUBLISHED)
    store(policy, cast.ours, MatchStatus.QUALIFY)
    make_assessment(cast.ours)
    assert tasks.rematch_batch.call("") == 0
    assert stored(policy, cast.ours) == MatchStatus.QUALIFY
    assert not Notice.objects.exists()


def test_a_dropped_out_enterprise_has_its_match_updated_and_one_out_of_scope_loses_it(
    cast, make_policy, make_assessment
):
    policy = make_policy(status=Policy.Status.PUBLISHED, districts=["440112"])
    store(policy, cast.ours, MatchStatus.QUALIFY)
    store(policy, cast.theirs, MatchStatus.QUALIFY)
    make_assessment(cast.ours, eligible=False, status="fail")
    make_assessment(cast.theirs)
    assert tasks.rematch_batch.call("") == 0
    match = PolicyMatch.objects.get(policy=policy, enterprise=cast.ours)
    assert (match.status, match.missing) == (MatchStatus.NEARLY, "符合高企认定条件")
    assert stored(policy, cast.theirs) is None


def test_running_the_rematch_twice_sends_nothing_new(cast, make_policy, make_assessment):
    policy = make_policy(status=Policy.Status.PUBLISHED)
    make_assessment(cast.ours)
    make_assessment(cast.theirs)
    assert tasks.rematch_batch.call("") == 3
    assert tasks.rematch_batch.call("") == 0
    PolicyMatch.objects.filter(policy=policy).delete()
    assert tasks.rematch_batch.call("") == 0
    assert Notice.objects.count() == 3


def test_a_district_batch_touches_only_that_districts_enterprises(cast, make_policy, make_assessment):
    policy = make_policy(status=Policy.Status.PUBLISHED)
    elsewhere = make_policy(status=Policy.Status.PUBLISHED, districts=["440106"], title="天河区政策")
    store(policy, cast.theirs, MatchStatus.NEARLY)
    make_assessment(cast.ours)
    make_assessment(cast.theirs)
    assert tasks.rematch_batch.call("440112") == 2
    assert stored(policy, cast.ours) == MatchStatus.QUALIFY
    assert stored(policy, cast.theirs) == MatchStatus.NEARLY
    assert not PolicyMatch.objects.filter(policy=elsewhere).exists()
    assert not Notice.objects.filter(user=cast.outsider).exists()


def test_a_finished_batch_queues_a_rematch_of_its_district_and_the_worker_notifies(
    cast, make_policy, run_worker, django_capture_on_commit_callbacks
):
    policy = make_policy("assessed", status=Policy.Status.PUBLISHED)
    batch = BatchRun.objects.create(created_by=cast.district, district="440112", total=1)
    with django_capture_on_commit_callbacks(execute=True):
        batch_execute(batch_id=batch.pk)
    queued = DBTaskResult.objects.filter(task_path=tasks.rematch_batch.module_path)
    assert [row.args_kwargs["args"] for row in queued] == [["440112"]]
    run_worker()
    assert stored(policy, cast.ours) == MatchStatus.QUALIFY
    assert (notices(policy, cast.owner), notices(policy, cast.colleague)) == (1, 1)
    assert not PolicyMatch.objects.filter(enterprise=cast.theirs).exists()
