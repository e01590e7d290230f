"""Pages of 政策 (namespace ``policies``)."""

app_name = "policies"

urlpatterns = []
