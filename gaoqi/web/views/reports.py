"""The self-assessment report."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from gaoqi.apps.assessments.pdf import report_pdf_document
from gaoqi.apps.assessments.report import report_view
from gaoqi.apps.assessments.selectors import assessment_changes, assessment_get, assessment_list


@login_required
def report(request, pk):
    assessment = assessment_get(actor=request.user, pk=pk)
    history = list(assessment_list(actor=request.user, enterprise=assessment.enterprise).defer("result")[:20])
    previous = (
        assessment_list(actor=request.user, enterprise=assessment.enterprise)
        .filter(created_at__lte=assessment.created_at, pk__lt=assessment.pk)
        .first()
    )
    context = {
        **report_view(assessment),
        "history": history,
        "changes": assessment_changes(assessment, previous),
        "previous": previous,
        "pdf": report_pdf_document(assessment),
    }
    return render(request, "reports/report.html", context)
