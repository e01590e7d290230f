"""Pages of 科创学堂 (namespace ``training``)."""

from django.urls import path

from gaoqi.web.views import training

app_name = "training"

urlpatterns = [
    path("", training.session_index, name="index"),
    path("mine/", training.my_registrations, name="mine"),
    path("kpis/", training.kpi_dashboard, name="kpis"),
    path("programmes/new/", training.programme_new, name="programme_new"),
    path("sessions/new/", training.session_new, name="session_new"),
    path("sessions/<int:pk>/", training.session_detail, name="session"),
    path("sessions/<int:pk>/edit/", training.session_edit, name="session_edit"),
    path("sessions/<int:pk>/cancel/", training.session_cancel, name="session_cancel"),
    path("sessions/<int:pk>/checkin/", training.checkin, name="checkin"),
    path("sessions/<int:pk>/attendance.xlsx", training.attendance_export, name="attendance"),
    path("registrations/<int:pk>/cancel/", training.registration_cancel, name="cancel"),
    path("registrations/<int:pk>/qr.svg", training.registration_qr, name="qr"),
    path("registrations/<int:pk>/certificate.pdf", training.certificate, name="certificate"),
    path("registrations/<int:pk>/feedback/", training.feedback, name="feedback"),
]
