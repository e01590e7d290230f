"""Reactions to enterprise events and to finished batches."""

from django.dispatch import receiver

from gaoqi.apps.assessments.events import batch_finished
from gaoqi.apps.assessments.pdf import report_pdfs_discard_superseded
from gaoqi.apps.assessments.tasks import reassess_enterprise
from gaoqi.apps.enterprises.events import profile_changed


@receiver(profile_changed)
def reassess_on_profile_change(sender, enterprise_id: int, **kwargs):
    reassess_enterprise.enqueue(enterprise_id)


@receiver(batch_finished)
def discard_superseded_report_pdfs(sender, **kwargs):
    report_pdfs_discard_superseded()
