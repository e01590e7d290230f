"""Reactions to enterprise events."""

from django.dispatch import receiver

from gaoqi.apps.assessments.tasks import reassess_enterprise
from gaoqi.apps.enterprises.events import profile_changed


@receiver(profile_changed)
def reassess_on_profile_change(sender, enterprise_id: int, **kwargs):
    reassess_enterprise.enqueue(enterprise_id)
