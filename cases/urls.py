from django.urls import path

from .views import case_page

app_name = "cases"

urlpatterns = [
    path("<int:pk>/", case_page.detail, name="detail"),
]
