"""The user's notifications: the list behind the bell, and marking them read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .models import Notification, NotificationKind, NotificationPreference

NOTIFICATIONS_PER_PAGE = 25


@login_required
def notifications(request):
    page = Paginator(Notification.objects.filter(user=request.user), NOTIFICATIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "notifications/list.html", {"page": page})


@require_POST
@login_required
def mark_read(request, pk):
    """Mark one notification read and follow its link (or return to the list)."""
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    notification.mark_read()
    target = notification.url
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "notifications:list"
    return redirect(target or "notifications:list")


@require_POST
@login_required
def mark_all_read(request):
    """Mark every unread notification of the user read."""
    Notification.objects.filter(user=request.user).mark_read()
    return redirect("notifications:list")


@login_required
def preferences(request):
    """Per kind of notification: in-app only, or also by e-mail."""
    saved = dict(NotificationPreference.objects.filter(user=request.user).values_list("kind", "by_email"))
    if request.method == "POST":
        chosen = set(request.POST.getlist("email"))
        with transaction.atomic():
            for kind in NotificationKind:
                NotificationPreference.objects.update_or_create(
                    user=request.user, kind=kind, defaults={"by_email": kind.value in chosen}
                )
        messages.success(request, _("Your notification preferences are saved."))
        return redirect("notifications:preferences")
    kinds = [(kind, saved.get(kind.value, True)) for kind in NotificationKind]
    return render(request, "notifications/preferences.html", {"kinds": kinds})
