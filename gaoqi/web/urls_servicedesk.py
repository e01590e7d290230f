"""Pages of 有求必应 (namespace ``servicedesk``)."""

app_name = "servicedesk"

urlpatterns = []
