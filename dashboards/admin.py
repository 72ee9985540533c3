from django.contrib import admin

from .models import Alert, AlertNotification, WeeklySummarySent


class AlertNotificationInline(admin.TabularInline):
    model = AlertNotification
    extra = 0
    fields = ["recipient", "claimed_at", "sent_at", "emailed", "skipped"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin):
    """Read-only: alerts are raised and cleared by the detection job, never by hand."""

    list_display = ["kind", "neighbourhood", "address", "raised_at", "cleared_at"]
    list_filter = ["kind", ("cleared_at", admin.EmptyFieldListFilter)]
    list_select_related = ["neighbourhood"]
    search_fields = ["neighbourhood__name", "neighbourhood__code", "postcode"]
    date_hierarchy = "raised_at"
    readonly_fields = ["kind", "neighbourhood", "postcode", "house_number", "raised_at", "cleared_at", "figures"]
    inlines = [AlertNotificationInline]

    def has_add_permission(self, request):
        return False


@admin.register(WeeklySummarySent)
class WeeklySummarySentAdmin(admin.ModelAdmin):
    list_display = ["recipient", "week_start", "claimed_at", "sent_at", "emailed", "skipped"]
    list_filter = ["week_start", "emailed", "skipped"]
    list_select_related = ["recipient"]
    search_fields = ["recipient__username", "recipient__email"]
    readonly_fields = ["recipient", "week_start", "claimed_at", "sent_at", "emailed", "skipped"]

    def has_add_permission(self, request):
        return False
