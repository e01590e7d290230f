"""Pages of 政策 (namespace ``policies``)."""

from django.urls import path

from gaoqi.web.views import policies as views

app_name = "policies"

urlpatterns = [
    path("", views.policy_list, name="list"),
    path("mine/", views.mine, name="mine"),
    path("calendar/", views.policy_calendar, name="calendar"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("broadcast/", views.broadcast, name="broadcast"),
    path("new/", views.policy_edit, name="new"),
    path("preview/", views.policy_preview, name="preview"),
    path("<int:pk>/", views.policy_detail, name="detail"),
    path("<int:pk>/mine/", views.policy_detail, name="mine_detail"),
    path("<int:pk>/edit/", views.policy_edit, name="edit"),
    path("<int:pk>/publish/", views.policy_publish, name="publish"),
    path("<int:pk>/status/", views.policy_status, name="status"),
    path("<int:pk>/applied/", views.mark_applied, name="applied"),
]
