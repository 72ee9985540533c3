"""Two-factor sign-in (accounts/two_factor.py): with TWO_FACTOR_REQUIRED on, a member enrols an
authenticator app at the first login, confirms every later login with its code or a backup code
(each once), and an administrator can reset the devices. The suite runs with the setting off
(tests/conftest.py); these specs switch it on."""

from base64 import b32encode

import pyotp
import pytest
from axes.models import AccessAttempt
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests import factories as f

SETUP = reverse("accounts:two_factor_setup")
VERIFY = reverse("accounts:two_factor")
HOME = reverse("cases:home")


@pytest.fixture
def required(settings):
    settings.TWO_FACTOR_REQUIRED = True


@pytest.fixture
def member(db):
    return f.UserFactory(username="lid", organisation=f.OrganisationFactory(name="Wijkteam"))


def log_in(client, user, password="demo"):
    response = client.post(reverse("login"), {"username": user.username, "password": password})
    assert response.status_code == 302, response.content.decode()
    return response


def totp_code(device):
    return pyotp.TOTP(b32encode(device.bin_key).decode()).now()


def enrol(client, user):
    """Enrol through the pages; returns the backup codes shown."""
    assert client.get(SETUP).status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(SETUP, {"code": totp_code(device)}, follow=True)
    assert response.status_code == 200
    codes = [str(code) for code in response.context["codes"]]
    return codes


def test_a_member_without_a_device_is_sent_to_enrolment(client, member, required):
    log_in(client, member)
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(SETUP)
    page = client.get(SETUP)
    assert page.status_code == 200
    content = page.content.decode()
    assert 'src="data:image/svg+xml;base64,' in content
    device = TOTPDevice.objects.get(user=member, confirmed=False)
    key = b32encode(device.bin_key).decode()
    assert key[:4] in content


def test_enrolment_with_a_code_confirms_the_device_and_shows_backup_codes_once(client, member, required):
    log_in(client, member)
    codes = enrol(client, member)
    assert len(codes) == 10
    assert TOTPDevice.objects.get(user=member).confirmed
    assert client.get(HOME).status_code == 200
    # Shown once: the page sends whoever comes back to the home page.
    assert client.get(reverse("accounts:two_factor_backup_codes"))["Location"] == HOME


def test_a_wrong_enrolment_code_confirms_nothing(client, member, required):
    log_in(client, member)
    client.get(SETUP)
    response = client.post(SETUP, {"code": "000000"})
    assert response.status_code == 200
    assert not TOTPDevice.objects.get(user=member).confirmed
    assert client.get(HOME).status_code == 302


def test_the_next_login_asks_for_the_code(client, member, required):
    log_in(client, member)
    enrol(client, member)
    client.post(reverse("logout"))

    log_in(client, member)
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)
    assert client.get(SETUP)["Location"] == VERIFY  # no second enrolment past the first device

    device = TOTPDevice.objects.get(user=member)
    # django-otp refuses a TOTP code used before (the enrolment's, in this same time step).
    device.last_t = -1
    device.save()
    response = client.post(VERIFY, {"code": totp_code(device), "next": "/"})
    assert response.status_code == 302
    assert client.get(HOME).status_code == 200


def test_a_wrong_code_is_refused_and_counts_as_a_failed_login(client, member, required):
    log_in(client, member)
    enrol(client, member)
    client.post(reverse("logout"))
    log_in(client, member)

    response = client.post(VERIFY, {"code": "123456"})
    assert response.status_code == 200
    assert "code" in response.context["form"].errors
    assert client.get(HOME).status_code == 302
    assert AccessAttempt.objects.filter(username=member.username).get().failures_since_start == 1


def test_enough_wrong_codes_lock_the_account_and_end_the_session(client, member, required, settings):
    log_in(client, member)
    enrol(client, member)
    client.post(reverse("logout"))
    log_in(client, member)

    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.post(VERIFY, {"code": "123456"}).status_code == 200
    assert client.post(VERIFY, {"code": "123456"}).status_code == 429
    assert client.get(HOME)["Location"].startswith(reverse("login"))


def test_a_backup_code_works_once(client, member, required):
    log_in(client, member)
    codes = enrol(client, member)
    client.post(reverse("logout"))

    log_in(client, member)
    assert client.post(VERIFY, {"code": codes[0]}).status_code == 302
    assert client.get(HOME).status_code == 200
    assert StaticToken.objects.filter(device__user=member).count() == 9
    client.post(reverse("logout"))

    log_in(client, member)
    assert client.post(VERIFY, {"code": codes[0]}).status_code == 200
    assert client.get(HOME).status_code == 302


def test_the_admin_reset_removes_the_devices(client, member, required):
    log_in(client, member)
    enrol(client, member)
    assert list(devices_for_user(member))

    admin_user = f.UserFactory(username="beheer", organisation=None, is_staff=True, is_superuser=True)
    admin_client = type(client)()
    admin_client.force_login(admin_user)
    response = admin_client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "reset_two_factor", "_selected_action": [member.pk]},
    )
    assert response.status_code == 302
    assert not list(devices_for_user(member, confirmed=None))
    assert LogEntry.objects.filter(object_id=str(member.pk), user=admin_user).exists()

    client.post(reverse("logout"))
    log_in(client, member)
    assert client.get(HOME)["Location"].startswith(SETUP)


def test_an_unverified_session_gets_403_on_the_api(client, member, required):
    log_in(client, member)
    response = client.get("/api/cases/")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/json"


def test_the_login_page_and_the_language_switch_stay_open(client, member, required):
    log_in(client, member)
    assert client.get(reverse("login")).status_code == 200
    assert client.post(reverse("set_language"), {"language": "en", "next": "/"}).status_code == 302


def test_someone_without_a_membership_is_not_asked(client, db, required):
    loner = f.UserFactory(username="zonder", organisation=None)
    log_in(client, loner)
    assert client.get(reverse("accounts:tokens")).status_code == 200


def test_with_the_setting_off_nothing_changes(client, member, settings):
    settings.TWO_FACTOR_REQUIRED = False
    log_in(client, member)
    assert client.get(HOME).status_code == 200
    assert client.get("/api/cases/").status_code == 200


def test_right_after_a_wrong_code_the_devices_wait_and_say_so(client, member, required):
    log_in(client, member)
    codes = enrol(client, member)
    client.post(reverse("logout"))
    log_in(client, member)

    client.post(VERIFY, {"code": "123456"})
    response = client.post(VERIFY, {"code": codes[0]})  # django-otp lets the devices wait a second
    assert response.status_code == 200
    assert "Wacht een paar seconden" in response.content.decode()
    assert StaticToken.objects.filter(device__user=member).count() == 10  # the backup code is not used up
