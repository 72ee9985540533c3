from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Project-wide helpers every app may use: choices, forms, cache, middleware, errors, date filters."""

    name = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .sessions import stamp_login
        from .table_versions import watch_every_connection

        user_logged_in.connect(stamp_login, dispatch_uid="core.sessions.stamp_login")
        watch_every_connection()  # every write replaces its tables' versions: what kept pages are valid under
