"""The API's routes and its one exception handler."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import status
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter
from rest_framework.views import exception_handler as drf_exception_handler

from cases.api import CaseViewSet, SignalViewSet
from cases.workflow import CaseError
from interventions.api import ActionViewSet, InterventionViewSet, NotificationViewSet, ReviewViewSet

router = DefaultRouter()
router.register("signals", SignalViewSet, basename="signal")
router.register("cases", CaseViewSet, basename="case")
router.register("interventions", InterventionViewSet, basename="intervention")
router.register("actions", ActionViewSet, basename="action")
router.register("reviews", ReviewViewSet, basename="review")
router.register("notifications", NotificationViewSet, basename="notification")


def exception_handler(exc, context):
    """Domain errors from the verbs become 400s with a readable message."""
    if isinstance(exc, CaseError):
        return Response({"detail": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, DjangoValidationError):
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        return Response(errors, status=status.HTTP_400_BAD_REQUEST)
    return drf_exception_handler(exc, context)
