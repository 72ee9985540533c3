from django.urls import path

from . import two_factor, views

app_name = "accounts"

urlpatterns = [
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/nieuw/", views.create, name="token_create"),
    path("tokens/<str:key>/intrekken/", views.revoke, name="token_revoke"),
    path("tokens/alles-intrekken/", views.revoke_all, name="tokens_revoke_all"),
]

urlpatterns += [
    path("tweestaps/", two_factor.verify, name="two_factor"),
    path("tweestaps/instellen/", two_factor.setup, name="two_factor_setup"),
    path("tweestaps/reservecodes/", two_factor.backup_codes, name="two_factor_backup_codes"),
]
