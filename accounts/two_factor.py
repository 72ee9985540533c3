"""Two-factor sign-in (django-otp): a code from an authenticator app (TOTP), or a single-use backup code.

With TWO_FACTOR_REQUIRED on, every member of an organisation confirms each login with a second
factor: `TwoFactorMiddleware` sends a logged-in but unverified member to `verify` (a confirmed
device exists) or to `setup` (enrol one: QR code and manual key, confirmed with a code, then
TWO_FACTOR_BACKUP_CODES backup codes shown once). An unverified session gets 403 on the API;
token requests (tokens are created by a verified user) are left alone. A wrong code counts as a
failed login for django-axes. An administrator resets a user's devices in the admin (partners/admin.py).
"""

import base64
from base64 import b32encode

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.http import JsonResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import devices_for_user, match_token
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.lockout import locked_out
from partners.models import Membership

# The backup codes of a fresh enrolment wait in the (server-side) session for the one page that shows them.
NEW_BACKUP_CODES = "accounts_new_backup_codes"

# Pages an unverified member may still reach: signing in and out, these pages, the language switch.
EXEMPT_VIEWS = {
    "login",
    "logout",
    "set_language",
    "admin:login",
    "admin:logout",
    "accounts:two_factor",
    "accounts:two_factor_setup",
    "accounts:two_factor_backup_codes",
}


def two_factor_applies(user):
    """Whether this user must sign in with a second factor: the setting is on and they are a member."""
    return settings.TWO_FACTOR_REQUIRED and Membership.objects.filter(user=user).exists()


def has_device(user):
    return any(True for _device in devices_for_user(user, confirmed=True))


def reset_devices(user):
    """Delete every device of the user (confirmed or not); they enrol again at their next login."""
    deleted = 0
    for device in devices_for_user(user, confirmed=None):
        device.delete()
        deleted += 1
    return deleted


def new_backup_codes(user):
    """Replace the user's backup codes by TWO_FACTOR_BACKUP_CODES new ones; each works once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=_("Backup codes"), confirmed=True)
    codes = [StaticToken.random_token() for _i in range(settings.TWO_FACTOR_BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


class TwoFactorMiddleware:
    """Sends a logged-in member who has not given the second factor to verify or enrol (403 on the API)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not settings.TWO_FACTOR_REQUIRED or not user.is_authenticated or user.is_verified():
            return None
        match = request.resolver_match
        if match is not None and match.view_name in EXEMPT_VIEWS:
            return None
        if request.path.startswith("/" + settings.STATIC_URL.lstrip("/")):
            return None
        if not two_factor_applies(user):
            return None
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": _("Sign in with your second factor first.")}, status=403)
        target = "accounts:two_factor" if has_device(user) else "accounts:two_factor_setup"
        next_url = request.get_full_path() if request.method == "GET" else ""
        url = reverse(target)
        if next_url and next_url != "/":
            url += "?" + urlencode({"next": next_url})
        return redirect(url)


def _next_url(request):
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split())


def _throttled(devices):
    """Whether every device still waits after a wrong code (then none may be tried)."""
    return not any(device.verify_is_allowed()[0] for device in devices)


def _wrong_code(request, form, throttled):
    """Count a wrong (or too hasty) code as a failed login (django-axes); a lock then ends the session."""
    user = request.user
    user_login_failed.send(sender=__name__, credentials={"username": user.get_username()}, request=request)
    if getattr(request, "axes_locked_out", False):
        logout(request)
        return locked_out(request)
    if throttled:
        # django-otp makes each device wait longer after every wrong code (1 s, 2 s, 4 s, ...).
        form.add_error("code", _("Too many wrong codes in a row. Wait a few seconds and try again."))
    else:
        form.add_error("code", _("This code is not right. Try again."))
    return None


@login_required
def verify(request):
    """Confirm the login with a code from the authenticator app or a backup code."""
    if request.user.is_verified():
        return redirect(_next_url(request))
    if not has_device(request.user):
        return redirect("accounts:two_factor_setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        throttled = _throttled(devices_for_user(request.user))
        device = None if throttled else match_token(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        if (response := _wrong_code(request, form, throttled)) is not None:
            return response
    return render(request, "accounts/two_factor.html", {"form": form, "next": request.GET.get("next", "")})


def _qr_data_uri(text):
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode("ascii")


@login_required
def setup(request):
    """Enrol an authenticator app: scan the QR code (or type the key), confirm with a code."""
    user = request.user
    if has_device(user):
        # A second device only after signing in with the first; that is for a later version.
        return redirect("accounts:two_factor" if not user.is_verified() else settings.LOGIN_REDIRECT_URL)
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("Authenticator app"), confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        throttled = _throttled([device])
        if not throttled and device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            request.session[NEW_BACKUP_CODES] = new_backup_codes(user)
            return redirect("accounts:two_factor_backup_codes")
        if (response := _wrong_code(request, form, throttled)) is not None:
            return response
    key = b32encode(device.bin_key).decode("ascii")
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_code": _qr_data_uri(device.config_url),
            "key": " ".join(key[i : i + 4] for i in range(0, len(key), 4)),
        },
    )


@login_required
def backup_codes(request):
    """The backup codes of the enrolment just finished, shown once."""
    codes = request.session.pop(NEW_BACKUP_CODES, None)
    if not codes:
        return redirect(settings.LOGIN_REDIRECT_URL)
    return render(request, "accounts/two_factor_backup_codes.html", {"codes": codes})
