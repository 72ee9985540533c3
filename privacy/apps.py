from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "privacy"
    verbose_name = _("Privacy (AVG)")

    def ready(self):
        # The retention reminders' outbox and texts register themselves when their module loads.
        from . import retention  # noqa: F401
