"""The interventions app's pages: my and my organisation's actions, and the plan of approach on a case."""

from django.urls import path

from . import case_views, views

app_name = "interventions"

urlpatterns = [
    path("acties/", views.my_actions, name="mine"),
    path("acties/organisatie/", views.organisation_actions, name="organisation"),
    path("acties/<int:pk>/afronden/", views.complete, name="complete"),
    path("acties/<int:pk>/heropenen/", views.reopen, name="reopen"),
    path("casussen/<int:case_pk>/interventies/nieuw/", case_views.add_intervention, name="add_intervention"),
    path("casussen/<int:case_pk>/interventies/<int:pk>/", case_views.intervention_detail, name="intervention"),
    path("casussen/<int:case_pk>/interventies/<int:pk>/voortgang/", case_views.add_progress, name="add_progress"),
    path("casussen/<int:case_pk>/interventies/<int:pk>/starten/", case_views.start_intervention, name="start"),
    path("casussen/<int:case_pk>/interventies/<int:pk>/afronden/", case_views.finish_intervention, name="finish"),
    path("casussen/<int:case_pk>/interventies/<int:pk>/stoppen/", case_views.stop_intervention, name="stop"),
    path("casussen/<int:case_pk>/acties/nieuw/", case_views.add_action, name="add_action"),
    path("casussen/<int:case_pk>/overleg/nieuw/", case_views.schedule_review, name="schedule_review"),
    path("casussen/<int:case_pk>/overleg/<int:pk>/", case_views.review_detail, name="review"),
]
