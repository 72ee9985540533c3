from django.contrib import admin
from knox.models import AuthToken

# knox's admin lists each token's digest and can create tokens whose secret it shows in a message;
# tokens are their owner's business (accounts:tokens), so the admin site shows none of them.
if admin.site.is_registered(AuthToken):
    admin.site.unregister(AuthToken)

# django-otp's own admin pages would show device keys; an administrator resets a user's devices with the
# "Reset two-factor devices" action on the user list (partners/admin.py) instead.
from django_otp.plugins.otp_static.models import StaticDevice  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

for _model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
