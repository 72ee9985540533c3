from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from cases.views.home import home

from .api import router as api_router

urlpatterns = [
    path("", home, name="home"),
    path("casussen/", include("cases.urls")),
    path("meldingen/", include("cases.signal_urls")),
    path("notificaties/", include("partners.urls")),
    path("acties/", include("interventions.urls")),
    path("casussen/", include("interventions.case_urls")),
    path("overzicht/", include("dashboards.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("api/", include(api_router.urls)),
]

# Uploaded files (case attachments) are never served from MEDIA_URL, not even
# in development: only cases:attachment hands them out, after the access check.
