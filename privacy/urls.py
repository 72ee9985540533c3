"""The privacy pages: retention queue and inzage."""

from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("bewaartermijnen/", views.queue, name="queue"),
    path("bewaartermijnen/<int:pk>/akkoord/", views.approve, name="approve"),
    path("bewaartermijnen/<int:pk>/verlengen/", views.extend, name="extend"),
    path("inzage/", views.inzage, name="inzage"),
    path("inzage/<int:person_id>/", views.inzage_person, name="inzage_person"),
    path("inzage/<int:person_id>/<int:organisation_id>/download/", views.inzage_download, name="inzage_download"),
]
