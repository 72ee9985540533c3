from django.urls import path

from . import views

app_name = "dashboards"

urlpatterns = [
    path("", views.neighbourhoods, name="neighbourhoods"),
    path("csv/<slug:figure>/", views.neighbourhoods, name="neighbourhoods_csv"),
    path("xlsx/<slug:figure>/", views.neighbourhoods, name="neighbourhoods_xlsx"),
    path("wijk/<slug:code>/", views.district, name="district"),
    path("wijk/<slug:code>/csv/<slug:figure>/", views.district, name="district_csv"),
    path("wijk/<slug:code>/xlsx/<slug:figure>/", views.district, name="district_xlsx"),
    path("buurt/<slug:code>/", views.neighbourhood, name="neighbourhood"),
    path("buurt/<slug:code>/csv/<slug:figure>/", views.neighbourhood, name="neighbourhood_csv"),
    path("buurt/<slug:code>/xlsx/<slug:figure>/", views.neighbourhood, name="neighbourhood_xlsx"),
    path("partners/", views.partners, name="partners"),
    path("partners/csv/<slug:figure>/", views.partners, name="partners_csv"),
    path("partners/xlsx/<slug:figure>/", views.partners, name="partners_xlsx"),
    path("casussen/", views.case_health, name="cases"),
    path("casussen/csv/<slug:figure>/", views.case_health, name="cases_csv"),
    path("casussen/xlsx/<slug:figure>/", views.case_health, name="cases_xlsx"),
]
