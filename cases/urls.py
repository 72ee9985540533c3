from django.urls import path

from .views import case_page

app_name = "cases"

urlpatterns = [
    path("<int:pk>/", case_page.detail, name="detail"),
    path("<int:pk>/notities/", case_page.add_note, name="add_note"),
    path("<int:pk>/bijlagen/", case_page.add_attachment, name="add_attachment"),
    path("<int:pk>/bijlagen/<int:attachment_id>/", case_page.attachment, name="attachment"),
    path("<int:pk>/status/<slug:to>/", case_page.change_status, name="change_status"),
    path("<int:pk>/deelnemers/", case_page.invite, name="invite"),
    path(
        "<int:pk>/deelnemers/<int:participant_id>/beeindigen/",
        case_page.end_participation,
        name="end_participation",
    ),
    path("<int:pk>/inzage/", case_page.access_log, name="access_log"),
    path("<int:pk>/bewerken/", case_page.edit, name="edit"),
]
