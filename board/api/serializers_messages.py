"""Serializers of messages to applicants and bulk moves (issue 16).

Apart from serializers.py so that file stays readable; it imports the seeker's
message serializer from here for an application's `messages`.
"""

from rest_framework import serializers

from board.applications.message_forms import BULK_STATUSES, PLACEHOLDER_HELP
from board.applications.message_models import ApplicationMessage
from board.applications.models import RejectionReason
from board.applications.placeholders import placeholder_errors


def _checked(text):
    errors = placeholder_errors(text)
    if errors:
        raise serializers.ValidationError(errors)
    return text


class MessageSerializer(serializers.ModelSerializer):
    """A message as its company sees it: who sent it, what it said (placeholders filled)."""

    sender = serializers.SerializerMethodField()

    class Meta:
        model = ApplicationMessage
        fields = ["id", "subject", "body", "sender", "created"]
        read_only_fields = ["id", "sender", "created"]
        extra_kwargs = {
            "subject": {"max_length": 150, "help_text": PLACEHOLDER_HELP},
            "body": {"max_length": 5000, "help_text": PLACEHOLDER_HELP},
        }

    def get_sender(self, message) -> str:
        return message.sender.display_name if message.sender else ""

    def validate_subject(self, value):
        return _checked(value)

    def validate_body(self, value):
        return _checked(value)


class SeekerMessageSerializer(serializers.ModelSerializer):
    """A message as the applicant reads it: from the company, not from a person."""

    class Meta:
        model = ApplicationMessage
        fields = ["subject", "body", "created"]
        read_only_fields = fields


class ApplicationIds(serializers.ListField):
    """A list of ids whose errors read like every other field's: a list of messages
    (a ListField's own would be keyed by the position of each bad item)."""

    child = serializers.IntegerField(min_value=1, max_value=2**63 - 1)

    def to_internal_value(self, data):
        try:
            return super().to_internal_value(data)
        except serializers.ValidationError as exc:
            if isinstance(exc.detail, dict):
                raise serializers.ValidationError(
                    "Each application id must be a whole number from 1 to 2**63-1."
                ) from None
            raise


class BulkMoveSerializer(serializers.Serializer):
    applications = ApplicationIds(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1),
        help_text="Application ids of your company (at most 200); others are reported "
        "in `not_found`.",
    )
    status = serializers.ChoiceField(BULK_STATUSES)
    reason = serializers.ChoiceField(
        RejectionReason.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text="Required to reject; only with a rejection.",
    )
    reason_text = serializers.CharField(
        required=False, allow_blank=True, max_length=500, default=""
    )
    share_reason = serializers.BooleanField(
        required=False, default=False, help_text="Whether the applicants see the reason."
    )
    subject = serializers.CharField(required=False, allow_blank=True, max_length=150, default="")
    body = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=5000,
        default="",
        help_text="A message to each applicant instead of the status e-mail. " + PLACEHOLDER_HELP,
    )

    def validate_subject(self, value):
        return _checked(value)

    def validate_body(self, value):
        return _checked(value)

    def validate(self, data):
        if data["body"] and not data["subject"]:
            raise serializers.ValidationError({"subject": ["Give the message a subject."]})
        return data


class BulkRefusedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField(help_text="Its status now.")
    detail = serializers.CharField(help_text="Why it was not moved.")


class BulkMovedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()


class BulkResultSerializer(serializers.Serializer):
    moved = BulkMovedSerializer(many=True)
    refused = BulkRefusedSerializer(many=True)
    not_found = serializers.ListField(child=serializers.IntegerField())


def bulk_result_data(result):
    return {
        "moved": [{"id": a.pk, "status": a.status} for a in result.moved],
        "refused": [{"id": a.pk, "status": a.status, "detail": why} for a, why in result.refused],
        "not_found": result.not_found,
    }
