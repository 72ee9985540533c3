from django.contrib import admin
from knox.models import AuthToken

# knox's admin lists each token's digest and can create tokens whose secret it shows in a message;
# tokens are their owner's business (accounts:tokens), so the admin site shows none of them.
if admin.site.is_registered(AuthToken):
    admin.site.unregister(AuthToken)
