from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user

from core.admin import NeedToKnowDeletionMixin

from .models import Membership, Organisation, Team

User = get_user_model()

# Whose admin changes the audit list shows: organisations, memberships and teams, and accounts.
AUDITED_APPS = ["partners", "auth", "neighbourhoods"]


class MembershipInline(admin.TabularInline):
    """Memberships shown on an organisation: its people and their roles."""

    model = Membership
    extra = 0
    fields = ["user", "role", "job_title"]
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(NeedToKnowDeletionMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "is_active", "created_at"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(NeedToKnowDeletionMixin, admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "job_title"]
    list_filter = ["role", "organisation__kind", "organisation"]
    list_select_related = ["user", "organisation"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "user__email", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]


@admin.register(Team)
class TeamAdmin(NeedToKnowDeletionMixin, admin.ModelAdmin):
    list_display = ["name", "member_count", "neighbourhood_count"]
    search_fields = ["name"]
    autocomplete_fields = ["members", "neighbourhoods"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                _member_count=Count("members", distinct=True),
                _neighbourhood_count=Count("neighbourhoods", distinct=True),
            )
        )

    @admin.display(description=_("members"), ordering="_member_count")
    def member_count(self, team):
        return team._member_count

    @admin.display(description=_("neighbourhoods"), ordering="_neighbourhood_count")
    def neighbourhood_count(self, team):
        return team._neighbourhood_count


class UserMembershipInline(admin.TabularInline):
    """A user's organisations and roles, edited on the user's own admin page."""

    model = Membership
    extra = 0
    fields = ["organisation", "role", "job_title"]
    autocomplete_fields = ["organisation"]
    verbose_name = _("membership")
    verbose_name_plural = _("organisations and roles")


if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class UserAdmin(NeedToKnowDeletionMixin, DjangoUserAdmin):
    inlines = [*DjangoUserAdmin.inlines, UserMembershipInline]
    actions = ["reset_two_factor"]

    @admin.action(description=_("Reset two-factor devices"), permissions=["change"])
    def reset_two_factor(self, request, queryset):
        """Delete the users' authenticator apps and backup codes: they enrol again at their next login."""
        for user in queryset:
            devices = list(devices_for_user(user, confirmed=None))
            for device in devices:
                device.delete()
            self.log_change(request, user, "Reset two-factor devices.")
        self.message_user(
            request, _("Two-factor devices reset: they set up two-step sign-in again at their next login.")
        )


@admin.register(LogEntry)
class AdminChangeLogAdmin(admin.ModelAdmin):
    """The audit list: who changed which organisation, membership, team or account in the admin, and how.

    Django writes these rows for every add, change and delete made through the admin (inlines included, in
    the parent's change message). Read-only: nobody edits or deletes the audit trail here.
    """

    list_display = ["action_time", "user", "content_type", "object_repr", "action_flag", "change_summary"]
    list_filter = ["action_flag", "content_type"]
    search_fields = ["object_repr", "user__username", "change_message"]
    date_hierarchy = "action_time"
    list_select_related = ["user", "content_type"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(content_type__app_label__in=AUDITED_APPS)

    @admin.display(description=_("change"))
    def change_summary(self, entry):
        return entry.get_change_message()

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
