"""The cases app's pages: Mijn werk, signals (meldingen) and the shared case page (casussen)."""

from django.urls import path

from .views import address, case_index, case_page, home, persons, signals

app_name = "cases"

urlpatterns = [
    path("", home.home, name="home"),
    path("meldingen/", signals.signal_list, name="signal_list"),
    path("meldingen/nieuw/", signals.new, name="signal_new"),
    path("meldingen/nieuw/buurten/", signals.neighbourhood_search, name="signal_neighbourhood_search"),
    path("meldingen/nieuw/adres/", signals.address_repeats, name="signal_repeats"),
    path("meldingen/casus-maken/", signals.create_case, name="signal_create_case"),
    path("meldingen/<int:pk>/", signals.detail, name="signal_detail"),
    path("meldingen/<int:pk>/gewogen/", signals.mark_triaged, name="signal_triage"),
    path("meldingen/<int:pk>/koppelen/", signals.link, name="signal_link"),
    path("meldingen/<int:pk>/doorverwijzen/", signals.refer, name="signal_refer"),
    path("meldingen/<int:pk>/sluiten/", signals.close, name="signal_close"),
    path("casussen/", case_index.case_index, name="index"),
    path("adres/<str:postcode>/<int:house_number>/", address.address_page, name="address"),
    path("casussen/<int:pk>/", case_page.detail, name="detail"),
    path("casussen/<int:pk>/notities/", case_page.add_note, name="add_note"),
    path("casussen/<int:pk>/bijlagen/", case_page.add_attachment, name="add_attachment"),
    path("casussen/<int:pk>/bijlagen/<int:attachment_id>/", case_page.attachment, name="attachment"),
    path("casussen/<int:pk>/status/<slug:to>/", case_page.change_status, name="change_status"),
    path("casussen/<int:pk>/deelnemers/", case_page.invite, name="invite"),
    path("casussen/<int:pk>/inzage/", case_page.access_log, name="access_log"),
    path("casussen/<int:pk>/regie/", case_page.hand_over, name="hand_over"),
    path("casussen/<int:pk>/bewerken/", case_page.edit, name="edit"),
    path(
        "casussen/<int:pk>/deelnemers/<int:participant_id>/beeindigen/",
        case_page.end_participation,
        name="end_participation",
    ),
    path("casussen/<int:pk>/betrokkenen/nieuw/", persons.person_new, name="person_new"),
    path("casussen/<int:pk>/betrokkenen/<int:person_id>/", persons.person, name="person"),
    path("casussen/<int:pk>/betrokkenen/<int:person_id>/bewerken/", persons.person_edit, name="person_edit"),
    path(
        "casussen/<int:pk>/betrokkenen/<int:person_id>/verwijderen/",
        persons.person_remove_view,
        name="person_remove",
    ),
    path("casussen/<int:pk>/betrokkenen/<int:person_id>/informeren/", persons.person_inform, name="person_inform"),
    path("casussen/<int:pk>/bekend-elders/<int:match_id>/afstemming/", persons.coordinate, name="coordinate"),
]
