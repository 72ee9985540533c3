"""Serializer fields every app's API shares."""

from rest_framework import serializers


class UserScopedPrimaryKeyField(serializers.PrimaryKeyRelatedField):
    """A primary key chosen from `scope(user)` of the requesting user."""

    def __init__(self, scope, model, **kwargs):
        self.scope = scope
        # Only the schema generator reads this; lookups always go through scope(user).
        super().__init__(queryset=model.objects.none(), **kwargs)

    def get_queryset(self):
        return self.scope(self.context["request"].user)
