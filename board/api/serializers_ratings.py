"""Ratings in the API: what a member sends and what the company's members read.
Never part of anything a seeker's token can read (board/applications/ratings.py)."""

from rest_framework import serializers

from board.applications.models import ApplicationRating
from board.applications.ratings import INVALID_SCORE, SCORES


class RatingSerializer(serializers.ModelSerializer):
    score = serializers.IntegerField(
        min_value=min(SCORES),
        max_value=max(SCORES),
        error_messages={"min_value": INVALID_SCORE, "max_value": INVALID_SCORE},
        help_text="1 (weak) to 5 (strong).",
    )
    comment = serializers.CharField(max_length=1000, allow_blank=True, required=False, default="")
    rater = serializers.SerializerMethodField(help_text="The member's name.")
    mine = serializers.SerializerMethodField(help_text="Whether it is the signed-in member's.")

    class Meta:
        model = ApplicationRating
        fields = ["id", "score", "comment", "rater", "mine", "created", "updated"]
        read_only_fields = ["id", "rater", "mine", "created", "updated"]

    def get_rater(self, rating) -> str:
        return rating.rater.display_name if rating.rater else ""

    def get_mine(self, rating) -> bool:
        return rating.rater_id == self.context["request"].user.pk
