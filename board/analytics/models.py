from django.db import models

from board.jobs.models import Job


class JobDailyStatsQuerySet(models.QuerySet):
    def since(self, day):
        return self.filter(day__gte=day)


class JobDailyStats(models.Model):
    """A job's counts for one day (the site's time zone), added to by each flush of
    the counters (board/analytics/counters.py). Applications are not stored here:
    they are counted from the application rows themselves (reports.py)."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="daily_stats")
    day = models.DateField()
    views = models.PositiveIntegerField(default=0)
    apply_starts = models.PositiveIntegerField(default=0)

    objects = JobDailyStatsQuerySet.as_manager()

    class Meta:
        verbose_name = "job's daily stats"
        verbose_name_plural = "jobs' daily stats"
        constraints = [
            # The flush's INSERT … ON CONFLICT (job_id, day) adds to this row.
            models.UniqueConstraint(fields=["job", "day"], name="job_daily_stats_unique_day"),
        ]
        indexes = [models.Index(fields=["day"], name="job_daily_stats_day")]

    def __str__(self):
        return f"{self.job_id} on {self.day}"
