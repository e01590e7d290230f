"""``manage.py demo_notifications`` on top of ``manage.py demo``: deterministic and idempotent."""

from django.core.management import call_command

from gaoqi.apps.enterprises.models import Membership
from gaoqi.apps.notifications.models import Delivery, DeliveryState, Notice


def test_demo_notifications_welcomes_every_member_once_and_leaves_one_dead_letter(db):
    call_command("demo", enterprises=3, seed=7, verbosity=0)
    call_command("demo_notifications", verbosity=0)
    assert Notice.objects.filter(cause="broadcast:welcome").count() == Membership.objects.count()
    assert Delivery.objects.filter(state=DeliveryState.DEAD).count() == 1
    call_command("demo_notifications", verbosity=0)
    call_command("demo_notifications", if_empty=True, verbosity=0)
    assert Notice.objects.count() == Membership.objects.count()
    assert Delivery.objects.filter(state=DeliveryState.DEAD).count() == 1
