from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from core.admin import NeedToKnowDeletionMixin

from .models import Membership, Organisation, Team

User = get_user_model()


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
