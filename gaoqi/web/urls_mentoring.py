"""Pages of 导师与工作站 (namespace ``mentoring``)."""

from django.urls import path

from gaoqi.web.views import mentoring

app_name = "mentoring"

urlpatterns = [
    path("mentors/", mentoring.mentor_list, name="mentors"),
    path("mentors/new/", mentoring.mentor_edit, name="mentor_new"),
    path("mentors/<int:pk>/", mentoring.mentor_edit, name="mentor_edit"),
    path("load/", mentoring.mentor_load, name="load"),
    path("assignments/", mentoring.assignments, name="assignments"),
    path("assignments/match/", mentoring.assignments_match, name="assignments_match"),
    path("assignments/override/", mentoring.assignments_override, name="assignments_override"),
    path("workbench/", mentoring.workbench, name="workbench"),
    path("workbench/<int:pk>/", mentoring.workbench_enterprise, name="workbench_enterprise"),
    path("stations/", mentoring.station_list, name="stations"),
    path("stations/new/", mentoring.station_edit, name="station_new"),
    path("stations/<int:pk>/", mentoring.station_detail, name="station"),
    path("stations/<int:pk>/edit/", mentoring.station_edit, name="station_edit"),
]
