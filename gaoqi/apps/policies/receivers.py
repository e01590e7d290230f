"""Reactions to assessment events: a newly stored latest assessment re-matches that enterprise, a finished batch
re-matches its district (or the whole city)."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from gaoqi.apps.assessments.events import batch_finished
from gaoqi.apps.assessments.models import Assessment
from gaoqi.apps.policies.tasks import rematch_batch, rematch_enterprise


@receiver(post_save, sender=Assessment)
def rematch_on_assessment(sender, instance: Assessment, created: bool, **kwargs):
    if created and instance.is_latest:
        enterprise_id = instance.enterprise_id
        transaction.on_commit(lambda: rematch_enterprise.enqueue(enterprise_id))


@receiver(batch_finished)
def rematch_on_batch(sender, district: str, **kwargs):
    transaction.on_commit(lambda: rematch_batch.enqueue(district))
