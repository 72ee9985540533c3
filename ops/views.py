"""/health/ for a load balancer or a monitor: no login, no secrets, nothing about cases."""

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .health import run_checks


@never_cache
@require_GET
def health(request):
    """200 with every check "ok", or 503 with the reason of each that is not."""
    checks, healthy = run_checks()
    return JsonResponse({"status": "ok" if healthy else "fail", "checks": checks}, status=200 if healthy else 503)
