from rest_framework import serializers


class NotificationSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    kind = serializers.CharField(read_only=True)
    code = serializers.CharField(read_only=True, help_text="Which text this is (stable, for clients).")
    text = serializers.CharField(read_only=True, help_text="What it says, in the reader's language.")
    message = serializers.CharField(source="text", read_only=True, help_text="Deprecated: the same as `text`.")
    url = serializers.CharField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    read_at = serializers.DateTimeField(read_only=True)
