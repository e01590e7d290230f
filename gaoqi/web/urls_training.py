"""Pages of 科创学堂 (namespace ``training``)."""

app_name = "training"

urlpatterns = []
