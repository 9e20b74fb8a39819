"""The site-wide overview for staff: JobDailyStats rows, with totals per day and the
most viewed jobs over the last 30 days above the list (change_list template)."""

from django.contrib import admin
from django.db.models import Sum

from board.analytics.models import JobDailyStats
from board.analytics.reports import first_day

OVERVIEW_DAYS = 30
TOP_JOBS = 10


@admin.register(JobDailyStats)
class JobDailyStatsAdmin(admin.ModelAdmin):
    change_list_template = "admin/board/jobdailystats/change_list.html"
    list_display = ["day", "job", "company", "views", "apply_starts"]
    list_select_related = ["job__company"]
    date_hierarchy = "day"
    ordering = ["-day", "-views"]
    search_fields = ["job__title", "job__company__name"]
    show_full_result_count = False  # a count of a big table on every page is not worth it

    @admin.display(ordering="job__company__name")
    def company(self, stats):
        return stats.job.company

    # Counts come from the counters only: no hand edits.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        recent = JobDailyStats.objects.since(first_day(OVERVIEW_DAYS))
        per_day = (
            recent.values("day")
            .annotate(views=Sum("views"), apply_starts=Sum("apply_starts"))
            .order_by("-day")
        )
        top_jobs = (
            recent.values("job_id", "job__title", "job__company__name")
            .annotate(views=Sum("views"), apply_starts=Sum("apply_starts"))
            .order_by("-views", "job_id")[:TOP_JOBS]
        )
        extra_context = {
            **(extra_context or {}),
            "overview_days": OVERVIEW_DAYS,
            "per_day": per_day,
            "top_jobs": top_jobs,
        }
        return super().changelist_view(request, extra_context)
