from django.urls import path

from . import views

app_name = "interventions"

urlpatterns = [
    path("", views.my_actions, name="mine"),
    path("organisatie/", views.organisation_actions, name="organisation"),
    path("<int:pk>/afronden/", views.complete, name="complete"),
    path("<int:pk>/heropenen/", views.reopen, name="reopen"),
]
