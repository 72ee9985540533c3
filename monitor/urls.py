from django.urls import path

from . import corporation_views, views

app_name = "monitor"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("csv/<slug:figure>/", views.overview, name="overview_csv"),
    path("xlsx/<slug:figure>/", views.overview, name="overview_xlsx"),
    path("wijk/<slug:code>/", views.district, name="district"),
    path("wijk/<slug:code>/csv/<slug:figure>/", views.district, name="district_csv"),
    path("wijk/<slug:code>/xlsx/<slug:figure>/", views.district, name="district_xlsx"),
    path("buurt/<slug:code>/", views.neighbourhood, name="neighbourhood"),
    path("buurt/<slug:code>/csv/<slug:figure>/", views.neighbourhood, name="neighbourhood_csv"),
    path("buurt/<slug:code>/xlsx/<slug:figure>/", views.neighbourhood, name="neighbourhood_xlsx"),
    path("corporatie/", corporation_views.figures, name="corporation"),
    path("corporatie/invoeren/", corporation_views.enter, name="corporation_enter"),
    path("corporatie/uploaden/", corporation_views.upload, name="corporation_upload"),
    path("corporatie/sjabloon/", corporation_views.template, name="corporation_template"),
    path("corporatie/delen/", corporation_views.sharing, name="corporation_sharing"),
]
