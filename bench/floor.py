"""The floor for `make bench`: a bare Django app with one trivial view, no database, no templates.

Served by the benchmark with the same gunicorn arguments and measured by the same load generator as
Veerkracht itself (`gunicorn bench.floor:application`), on its own port: what Django and gunicorn cost
per request on this machine, in this run. It is not part of the product and has no route in it.
"""

from django.conf import settings

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY="bench-floor-" + "x" * 52,  # nothing is signed; Django insists on having one
        ALLOWED_HOSTS=["127.0.0.1", "localhost"],
        ROOT_URLCONF=__name__,
        INSTALLED_APPS=[],
        MIDDLEWARE=[],
        DATABASES={},
        USE_I18N=False,
        USE_TZ=True,
    )

from django.core.wsgi import get_wsgi_application  # noqa: E402 - after settings.configure
from django.http import HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402


def hello(request):
    return HttpResponse(b"Veerkracht bench floor\n", content_type="text/plain; charset=utf-8")


urlpatterns = [path("", hello)]

application = get_wsgi_application()
