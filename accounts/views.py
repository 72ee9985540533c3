"""The owner's API tokens: list them, create one (its secret shown once), revoke one or all."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .services import token_create, token_revoke, tokens_of, tokens_revoke_all

# The new token's secret waits in the (server-side) session for the one page that shows it.
NEW_SECRET = "accounts_new_token_secret"


@login_required
def tokens(request):
    secret = request.session.pop(NEW_SECRET, None)
    return render(
        request,
        "accounts/tokens.html",
        {"tokens": tokens_of(request.user), "secret": secret, "token_days": settings.API_TOKEN_DAYS},
    )


@require_POST
@login_required
def create(request):
    """Create an API token; the list shows its secret once."""
    _token, secret = token_create(request.user)
    request.session[NEW_SECRET] = secret
    return redirect("accounts:tokens")


@login_required
def revoke(request, key):
    """Revoke one of the user's own tokens (someone else's: 404), after a confirmation page."""
    token = get_object_or_404(tokens_of(request.user), token_key=key)
    if request.method == "POST":
        token_revoke(token, reason="revoked by its owner")
        messages.success(request, _("The token is revoked; it no longer works."))
        return redirect("accounts:tokens")
    return render(request, "accounts/token_revoke.html", {"token": token})


@login_required
def revoke_all(request):
    """Revoke every token of the user, after a confirmation page."""
    if request.method == "POST":
        tokens_revoke_all(request.user, reason="all revoked by their owner")
        messages.success(request, _("All your tokens are revoked; none of them works any more."))
        return redirect("accounts:tokens")
    return render(request, "accounts/token_revoke.html", {"token": None})
