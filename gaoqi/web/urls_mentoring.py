"""Pages of 导师与工作站 (namespace ``mentoring``)."""

app_name = "mentoring"

urlpatterns = []
