from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from cases.api import CaseViewSet, SignalViewSet
from cases.person_api import KnownElsewhereViewSet, PersonViewSet
from interventions.api import ActionViewSet, InterventionViewSet, ReviewViewSet
from notifications.api import NotificationViewSet
from ops.views import health

# No format suffixes (…/1.json): JSON is the API's one format, and the verbs' views take no format argument.
api_router = DefaultRouter()
api_router.include_format_suffixes = False
api_router.register("signals", SignalViewSet, basename="signal")
api_router.register("cases", CaseViewSet, basename="case")
api_router.register("persons", PersonViewSet, basename="person")
api_router.register("known-elsewhere", KnownElsewhereViewSet, basename="known-elsewhere")
api_router.register("interventions", InterventionViewSet, basename="intervention")
api_router.register("actions", ActionViewSet, basename="action")
api_router.register("reviews", ReviewViewSet, basename="review")
api_router.register("notifications", NotificationViewSet, basename="notification")

urlpatterns = [
    # For the load balancer and monitoring: no login, no secrets, nothing about cases (ops/health.py).
    path("health/", health, name="health"),
    path("", include("cases.urls")),
    path("", include("interventions.urls")),
    path("notificaties/", include("notifications.urls")),
    path("privacy/", include("privacy.urls")),
    path("overzicht/veerkracht/", include("monitor.urls")),
    path("overzicht/", include("dashboards.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("account/", include("accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("api/", include(api_router.urls)),
]

# Uploaded files (case attachments) are never served from MEDIA_URL, not even
# in development: only cases:attachment hands them out, after the access check.
