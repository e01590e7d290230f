"""Pages of 有求必应 (namespace ``servicedesk``)."""

from django.urls import path

from gaoqi.web.views import servicedesk

app_name = "servicedesk"

urlpatterns = [
    path("", servicedesk.request_index, name="list"),
    path("new/", servicedesk.request_new, name="new"),
    path("<int:pk>/", servicedesk.request_detail, name="detail"),
    path("<int:pk>/change/", servicedesk.request_change, name="change"),
    path("<int:pk>/reroute/", servicedesk.reroute, name="reroute"),
    path("<int:pk>/cancel/", servicedesk.request_cancel, name="cancel"),
    path("attachments/<int:pk>/", servicedesk.attachment_download, name="attachment"),
    path("dashboard/", servicedesk.dashboard, name="dashboard"),
]
