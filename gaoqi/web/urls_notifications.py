"""Pages of 通知 (namespace ``notifications``)."""

app_name = "notifications"

urlpatterns = []
