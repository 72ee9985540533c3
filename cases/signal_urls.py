from django.urls import path

from .views import signals

app_name = "signals"

urlpatterns = [
    path("", signals.signal_list, name="list"),
    path("nieuw/", signals.new, name="new"),
    path("nieuw/buurten/", signals.neighbourhood_search, name="neighbourhood_search"),
    path("nieuw/adres/", signals.address_repeats, name="repeats"),
    path("casus-maken/", signals.create_case, name="create_case"),
    path("<int:pk>/", signals.detail, name="detail"),
    path("<int:pk>/gewogen/", signals.mark_triaged, name="triage"),
    path("<int:pk>/koppelen/", signals.link, name="link"),
    path("<int:pk>/doorverwijzen/", signals.refer, name="refer"),
    path("<int:pk>/sluiten/", signals.close, name="close"),
]
