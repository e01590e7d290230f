"""Background tasks of the kernel; they take ids and are safe to run twice."""

from django.tasks import task

from gaoqi.core import documents

# Documents print on their own queue, so a waiting user is not held up behind a batch re-assessment.
PDF_QUEUE = "pdf"


@task(queue_name=PDF_QUEUE)
def print_document(document_id: int) -> None:
    """Print a queued document (see ``gaoqi.core.documents``)."""
    documents.document_print(document_id=document_id)
