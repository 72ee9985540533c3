from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/nieuw/", views.create, name="token_create"),
    path("tokens/<str:key>/intrekken/", views.revoke, name="token_revoke"),
    path("tokens/alles-intrekken/", views.revoke_all, name="tokens_revoke_all"),
]
