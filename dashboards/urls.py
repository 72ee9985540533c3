from django.urls import path  # noqa: F401 - the dashboard pages register here

app_name = "dashboards"

urlpatterns = []
