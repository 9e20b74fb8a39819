"""An RSS feed of any search: /jobs/feed/ takes the same query string as /jobs/."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed

from board.filters import JobFilter
from board.models import Job
from board.templatetags.board_tags import salary_range

FEED_SIZE = 50


class JobFeed(Feed):
    feed_type = Rss201rev2Feed
    description_template = None

    def get_object(self, request):
        return JobFilter(request.GET, queryset=Job.objects.visible().with_card_data())

    def title(self, job_filter):
        keywords = job_filter.form.cleaned_data.get("q") if job_filter.is_valid() else ""
        return f"Nexus Jobs: {keywords}" if keywords else "Nexus Jobs: latest jobs"

    def link(self, job_filter):
        query = job_filter.data.urlencode()
        return f"{settings.SITE_URL}/jobs/" + (f"?{query}" if query else "")

    def description(self, job_filter):
        return "New jobs on Nexus Jobs matching this search."

    def items(self, job_filter):
        # Newest first whatever the page's sort: a feed reader wants what's new.
        return job_filter.qs.order_by("-published_at", "-id")[:FEED_SIZE]

    def item_title(self, job):
        return f"{job.title} at {job.company.name}"

    def item_description(self, job):
        facts = [job.get_workplace_display(), job.location_display, salary_range(job)]
        return " · ".join(fact for fact in facts if fact)

    def item_link(self, job):
        return settings.SITE_URL + job.get_absolute_url()

    def item_guid(self, job):
        return self.item_link(job)

    def item_pubdate(self, job):
        return job.published_at

    def item_categories(self, job):
        return [job.category.name]
