"""The plan of approach on a case: /casussen/<case>/interventies/..., /casussen/<case>/overleg/..."""

from django.urls import path  # noqa: F401 - the plan pages register here

app_name = "plan"

urlpatterns = []
