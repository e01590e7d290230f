"""Reactions to assessment events: a newly stored latest assessment re-matches that enterprise."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from gaoqi.apps.assessments.models import Assessment
from gaoqi.apps.policies.tasks import rematch_enterprise


@receiver(post_save, sender=Assessment)
def rematch_on_assessment(sender, instance: Assessment, created: bool, **kwargs):
    if created and instance.is_latest:
        enterprise_id = instance.enterprise_id
        transaction.on_commit(lambda: rematch_enterprise.enqueue(enterprise_id))
