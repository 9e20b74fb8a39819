"""What the employer reads: totals per job and a job's day-by-day series.

Applications are counted from the application rows themselves (every one
received that day, withdrawn or not), not by a counter: they are already rows,
so the count is exact, includes API applications, and costs applying nothing.
Views and apply starts come from JobDailyStats, as of the last flush.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db.models import Count, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from board.analytics.models import JobDailyStats
from board.applications.models import Application

PERIODS = (7, 30, 90)  # days a report may cover
DEFAULT_PERIOD = 30


def period_from(value):
    """The number of days asked for (?days=7), or the default for anything else."""
    return int(value) if value in {str(days) for days in PERIODS} else DEFAULT_PERIOD


def first_day(days):
    """The first day of a period of `days` days ending today (the site's time zone)."""
    return timezone.localdate() - timedelta(days=days - 1)


def conversion(applications, views):
    """Applications per view, in per cent, or None before the first view."""
    return round(100 * applications / views, 1) if views else None


def _day_start(day):
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


def with_listing_totals(jobs, days=DEFAULT_PERIOD):
    """Annotate `views_recent` and `applications_recent` over the last `days` days,
    as subqueries of the same query (the dashboard's page stays one query)."""
    since = first_day(days)
    views = (
        JobDailyStats.objects.filter(job=OuterRef("pk"), day__gte=since)
        .values("job")
        .annotate(total=Sum("views"))
        .values("total")
    )
    applications = (
        Application.objects.filter(job=OuterRef("pk"), created__gte=_day_start(since))
        .order_by()
        .values("job")
        .annotate(total=Count("pk"))
        .values("total")
    )
    zero = Value(0, output_field=IntegerField())
    return jobs.annotate(
        views_recent=Coalesce(Subquery(views, output_field=IntegerField()), zero),
        applications_recent=Coalesce(Subquery(applications, output_field=IntegerField()), zero),
    )


@dataclass(frozen=True)
class Day:
    day: object  # a date
    views: int = 0
    apply_starts: int = 0
    applications: int = 0

    @property
    def conversion(self):
        return conversion(self.applications, self.views)


@dataclass(frozen=True)
class Series:
    days: list

    def total(self, name):
        return sum(getattr(day, name) for day in self.days)

    @property
    def views(self):
        return self.total("views")

    @property
    def apply_starts(self):
        return self.total("apply_starts")

    @property
    def applications(self):
        return self.total("applications")

    @property
    def conversion(self):
        return conversion(self.applications, self.views)


def daily_series(job, days=DEFAULT_PERIOD):
    """Every day of the period, oldest first, zeros included: two queries."""
    since = first_day(days)
    stats = {
        row["day"]: row
        for row in JobDailyStats.objects.filter(job=job, day__gte=since).values(
            "day", "views", "apply_starts"
        )
    }
    received = dict(
        Application.objects.filter(job=job, created__gte=_day_start(since))
        .annotate(on=TruncDate("created"))
        .order_by()
        .values("on")
        .annotate(total=Count("pk"))
        .values_list("on", "total")
    )
    series = []
    for offset in range(days):
        day = since + timedelta(days=offset)
        row = stats.get(day, {})
        series.append(
            Day(day, row.get("views", 0), row.get("apply_starts", 0), received.get(day, 0))
        )
    return Series(series)
