from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Project-wide helpers every app may use: choices, forms, cache, middleware, errors, date filters."""

    name = "core"
    verbose_name = _("Core")
