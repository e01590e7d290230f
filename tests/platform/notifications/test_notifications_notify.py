"""notify(): inbox notices and outbox rows written in the caller's transaction, duplicates skipped."""

import pytest
from django.db import transaction

from gaoqi.apps.notifications.models import Channel, Delivery, Notice, Preference, WebhookSubscription
from gaoqi.apps.notifications.services import NoticeSpec, enterprise_user_ids, notify


def spec(user, key="policy:1", **extra):
    return NoticeSpec(
        user_id=user.id,
        topic=extra.pop("topic", "policy"),
        title="研发费用加计扣除申报提醒",
        body="2026 年度研发费用加计扣除可在汇算清缴时申报。",
        reason="研发费用占比 6.0% ≥ 5%（第十一条（五））",
        dedupe_key=key,
        **extra,
    )


def test_it_writes_a_notice_and_an_email_delivery(cast):
    assert notify([spec(cast.owner, link="/policies/1/", cause="policy:1", enterprise_id=cast.ours.id)]) == 1
    notice = Notice.objects.get()
    assert (notice.user, notice.cause, notice.link) == (cast.owner, "policy:1", "/policies/1/")
    assert list(notice.deliveries.values_list("channel", "idempotency_key")) == [("email", f"email-{notice.id}")]


def test_the_same_dedupe_key_never_yields_a_second_notice(cast):
    assert notify([spec(cast.owner), spec(cast.owner), spec(cast.colleague)]) == 2
    assert notify([spec(cast.owner), spec(cast.colleague), spec(cast.owner, key="policy:2")]) == 1
    assert Notice.objects.count() == 3
    assert Delivery.objects.count() == 3


def test_a_rolled_back_cause_leaves_no_notice(cast):
    def cause_fails():
        with transaction.atomic():
            notify([spec(cast.owner)])
            raise RuntimeError

    with pytest.raises(RuntimeError):
        cause_fails()
    assert not Notice.objects.exists()


def test_muted_topics_and_disabled_email_keep_the_inbox_but_skip_email(cast):
    Preference.objects.create(user=cast.owner, muted_topics=["policy"])
    Preference.objects.create(user=cast.colleague, email_enabled=False)
    assert notify([spec(cast.owner), spec(cast.colleague)]) == 2
    assert not Delivery.objects.exists()


def test_a_digest_user_gets_a_delivery_held_for_the_digest(cast):
    Preference.objects.create(user=cast.owner, mode="daily")
    notify([spec(cast.owner)])
    delivery = Delivery.objects.get()
    assert delivery.digest_key.startswith("daily-")
    assert delivery.next_attempt_at.astimezone().hour in range(24)


def test_one_webhook_call_per_enterprise_notice_however_many_users(cast):
    WebhookSubscription.objects.create(enterprise=cast.ours, url="http://127.0.0.1:9/hook", topics=["policy"])
    WebhookSubscription.objects.create(enterprise=cast.ours, url="http://127.0.0.1:9/other", topics=["training"])
    notify([spec(u, enterprise_id=cast.ours.id) for u in (cast.owner, cast.colleague)])
    assert Delivery.objects.filter(channel=Channel.WEBHOOK).count() == 1
    assert Delivery.objects.filter(channel=Channel.EMAIL).count() == 2


def test_enterprise_user_ids_lists_active_members(cast):
    cast.colleague.is_active = False
    cast.colleague.save()
    assert enterprise_user_ids([cast.ours.id, cast.theirs.id]) == {
        cast.ours.id: [cast.owner.id],
        cast.theirs.id: [cast.outsider.id],
    }


def test_an_overlong_title_is_cut_to_fit_the_inbox(cast):
    notify([NoticeSpec(user_id=cast.owner.id, topic="policy", title="长" * 300, body="", reason="r", dedupe_key="k")])
    assert Notice.objects.get().title == "长" * 200
