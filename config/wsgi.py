"""The WSGI application gunicorn serves."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# Import every view now (the URLconf is otherwise read on the first request), then
# move everything loaded so far out of the garbage collector's sight: it never becomes
# garbage, and full collections that walk it cost a page ~10 ms now and then.
from django.urls import get_resolver  # noqa: E402 - needs the settings above

get_resolver().resolve("/")
gc.freeze()
