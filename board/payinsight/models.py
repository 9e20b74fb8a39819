"""Pay distributions of open jobs, precomputed (board/payinsight/distributions.py).

One row per population ("Data jobs in Lisbon", "Data jobs in Portugal", "Data
jobs", "jobs in Lisbon", "jobs in Portugal", "all jobs"), named by `key`
(distributions.key()). Every figure is yearly pay in euros, the one currency the
site compares pay in (Job.salary_yearly_eur): a page converts them to the
reader's currency, never the other way round, so two currencies are never
compared. Pages read one row by key; nothing aggregates jobs at request time.
"""

from django.db import models


class PayDistribution(models.Model):
    # "all", "c:data", "n:PT", "p:2267057", "c:data/n:PT", "c:data/p:2267057":
    # category slug, country code, place id (distributions.key()).
    key = models.CharField(max_length=120, unique=True)
    # How many open jobs with a salary (and an exchange rate) it describes.
    count = models.PositiveIntegerField()
    # Percentiles of yearly pay in euros (linear between the jobs' figures).
    p10 = models.BigIntegerField()
    p25 = models.BigIntegerField()
    p50 = models.BigIntegerField()
    p75 = models.BigIntegerField()
    p90 = models.BigIntegerField()
    # {"low": euros, "width": euros, "counts": [n, …]}: equal buckets from `low`;
    # pay below the first or above the last is counted in the first or last.
    histogram = models.JSONField()
    computed_at = models.DateTimeField()

    class Meta:
        verbose_name = "pay distribution"

    def __str__(self):
        return f"{self.key}: {self.count} jobs"
