"""File URLs (namespace ``files``): include with ``path("files/", include("gaoqi.web.urls_files"))``."""

from django.urls import path

from gaoqi.web.views import files

app_name = "files"

urlpatterns = [
    path("profile/template.xlsx", files.template_download, name="template"),
    path("profile/import/", files.profile_upload, name="import"),
    path("enterprises/<int:pk>/profile.xlsx", files.profile_download, name="export"),
    path("reports/<int:pk>/report.pdf", files.report_download, name="report_pdf"),
    path("reports/<int:pk>/pdf/", files.report_pdf_status, name="report_pdf_status"),
]
