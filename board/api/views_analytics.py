"""A job's listing analytics for its company's API clients, read-only: the same
numbers as the site's analytics page (board/analytics/reports.py)."""

from datetime import date

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from board.analytics.reports import DEFAULT_PERIOD, PERIODS, daily_series, period_from
from board.api import schema
from board.api.views_employer import EMPLOYER, EMPLOYERS_ONLY, NOT_OUR_JOB
from board.companies.lookups import membership_or_404
from board.jobs.models import Job


class DayStatsSerializer(serializers.Serializer):
    day = serializers.DateField()
    views = serializers.IntegerField()
    apply_starts = serializers.IntegerField()
    applications = serializers.IntegerField()
    conversion = serializers.FloatField(
        allow_null=True, help_text="Applications per 100 views; null without views."
    )


class JobStatsSerializer(serializers.Serializer):
    job = serializers.IntegerField()
    days = serializers.IntegerField()
    views = serializers.IntegerField()
    apply_starts = serializers.IntegerField()
    applications = serializers.IntegerField()
    conversion = serializers.FloatField(allow_null=True)
    daily = DayStatsSerializer(many=True)


EXAMPLE = {
    "job": 42,
    "days": 7,
    "views": 40,
    "apply_starts": 12,
    "applications": 3,
    "conversion": 7.5,
    "daily": [
        {"day": "2026-12-06", "views": 8, "apply_starts": 2, "applications": 1, "conversion": 12.5}
    ],
}


class JobStats(APIView):
    permission_classes = EMPLOYER

    @extend_schema(
        tags=["employer"],
        summary="A job's daily stats",
        description="Views of the job's page by people (robots, prefetches and your own team "
        "left out), apply starts (the apply form shown to a job seeker) and applications "
        "received, per day, oldest first, with every day of the period. Views are counted "
        "every few minutes; applications at once. `days`: "
        + ", ".join(map(str, PERIODS))
        + f" (otherwise {DEFAULT_PERIOD}).",
        parameters=[OpenApiParameter("days", OpenApiTypes.INT, enum=list(PERIODS))],
        responses={
            200: schema.ok(JobStatsSerializer, EXAMPLE),
            403: EMPLOYERS_ONLY,
            404: NOT_OUR_JOB,
            **schema.SIGNED_IN,
        },
    )
    def get(self, request, pk):
        company = membership_or_404(request.user).company
        job = get_object_or_404(Job.objects.all(), pk=pk, company=company)
        days = period_from(request.query_params.get("days"))
        series = daily_series(job, days)
        body = {
            "job": job.pk,
            "days": days,
            "views": series.views,
            "apply_starts": series.apply_starts,
            "applications": series.applications,
            "conversion": series.conversion,
            "daily": [
                {
                    "day": date.isoformat(day.day),
                    "views": day.views,
                    "apply_starts": day.apply_starts,
                    "applications": day.applications,
                    "conversion": day.conversion,
                }
                for day in series.days
            ],
        }
        return Response(JobStatsSerializer(body).data)
