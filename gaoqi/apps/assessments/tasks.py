"""Background tasks; they take ids and are safe to run twice."""

from django.tasks import task

from gaoqi.apps.assessments import batch, services


@task
def reassess_all(batch_id: int) -> int:
    """Re-assess every enterprise in the batch's scope."""
    return batch.batch_execute(batch_id=batch_id).done


@task
def reassess_enterprise(enterprise_id: int) -> None:
    """Re-assess one enterprise after its profile changed."""
    services.assessment_refresh(enterprise_id=enterprise_id)
