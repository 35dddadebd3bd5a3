from rest_framework import serializers

from cite_emploi.api import BuiltFieldsOnce
from partners.models import Meeting

from ..models import MeetingPack


class MeetingPackSerializer(BuiltFieldsOnce, serializers.ModelSerializer):
    meeting = serializers.PrimaryKeyRelatedField(queryset=Meeting.objects.none(), required=False, allow_null=True)
    period_start = serializers.DateField(required=False)
    period_end = serializers.DateField(required=False)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = MeetingPack
        fields = [
            "id",
            "meeting",
            "period_start",
            "period_end",
            "status",
            "error",
            "created_at",
            "finished_at",
            "file_size",
            "sha256",
            "download_url",
        ]
        read_only_fields = ["status", "error", "created_at", "finished_at", "file_size", "sha256"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None and request.user.is_authenticated:
            self.fields["meeting"].queryset = Meeting.objects.for_user(request.user)

    def get_download_url(self, pack) -> str | None:
        """Absolute URL of the PDF once the pack is done, else null."""
        if pack.status != "done":
            return None
        from django.urls import reverse

        url = reverse("meeting-pack-download", args=[pack.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request is not None else url

    def validate(self, attrs):
        start, end = attrs.get("period_start"), attrs.get("period_end")
        if attrs.get("meeting") is None and not (start and end):
            raise serializers.ValidationError(
                {"period_start": ["Indiquez une réunion, ou le début et la fin de la période."]}
            )
        if bool(start) != bool(end):
            raise serializers.ValidationError({"period_end": ["Indiquez le début et la fin de la période."]})
        if start and end and end < start:
            raise serializers.ValidationError({"period_end": ["La fin de la période ne peut précéder son début."]})
        return attrs
