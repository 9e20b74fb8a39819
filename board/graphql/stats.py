"""The types of a job's listing analytics (the resolver: employer.job_stats)."""

import datetime

import strawberry


@strawberry.type(name="DayStats", description="One day of a job's analytics.")
class DayStatsType:
    day: datetime.date
    views: int
    apply_starts: int
    applications: int
    conversion: float | None = strawberry.field(
        description="Applications per 100 views; null without views."
    )


@strawberry.type(name="JobStats", description="A job's analytics over the last `days` days.")
class JobStatsType:
    days: int
    views: int = strawberry.field(
        description="Views of the job's page by people: robots, prefetches and the company's "
        "own team are left out. Counted every few minutes."
    )
    apply_starts: int = strawberry.field(
        description="Views where the apply form was shown to a job seeker."
    )
    applications: int = strawberry.field(description="Applications received.")
    conversion: float | None
    daily: list[DayStatsType] = strawberry.field(description="Every day, oldest first.")


def job_stats_of(series, days):
    def day_of(day):
        return DayStatsType(
            day=day.day,
            views=day.views,
            apply_starts=day.apply_starts,
            applications=day.applications,
            conversion=day.conversion,
        )

    return JobStatsType(
        days=days,
        views=series.views,
        apply_starts=series.apply_starts,
        applications=series.applications,
        conversion=series.conversion,
        daily=[day_of(day) for day in series.days],
    )
