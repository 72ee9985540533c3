"""The plan of approach on a case: /casussen/<case>/interventies/..., /casussen/<case>/overleg/..."""

from django.urls import path

from . import case_views

app_name = "plan"

urlpatterns = [
    path("<int:case_pk>/interventies/nieuw/", case_views.add_intervention, name="add_intervention"),
    path("<int:case_pk>/interventies/<int:pk>/", case_views.intervention_detail, name="intervention"),
    path("<int:case_pk>/interventies/<int:pk>/voortgang/", case_views.add_progress, name="add_progress"),
    path("<int:case_pk>/interventies/<int:pk>/starten/", case_views.start_intervention, name="start"),
    path("<int:case_pk>/interventies/<int:pk>/afronden/", case_views.finish_intervention, name="finish"),
    path("<int:case_pk>/interventies/<int:pk>/stoppen/", case_views.stop_intervention, name="stop"),
    path("<int:case_pk>/acties/nieuw/", case_views.add_action, name="add_action"),
    path("<int:case_pk>/overleg/nieuw/", case_views.schedule_review, name="schedule_review"),
    path("<int:case_pk>/overleg/<int:pk>/", case_views.review_detail, name="review"),
]
