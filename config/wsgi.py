"""The WSGI application gunicorn serves."""

import gc
import os
import sys

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# Import every view now (the URLconf is otherwise read on the first request), then
# move everything loaded so far out of the garbage collector's sight: it never becomes
# garbage, and full collections that walk it cost a page ~10 ms now and then.
from django.urls import get_resolver  # noqa: E402 - needs the settings above

get_resolver().resolve("/")
gc.freeze()

# gunicorn serves each worker's requests on threads that share one interpreter lock. A thread whose
# database answer has arrived waits for the lock until the thread holding it gives it up: at its next
# wait for I/O, or after the switch interval (5 ms by default, as long as a whole write takes). At
# 1 ms the waiting thread gets on sooner: under load, the 95th percentile of logging a signal, posting
# a note and the case page came down by 14-20 % in `make bench` (README), throughput no lower.
sys.setswitchinterval(0.001)
