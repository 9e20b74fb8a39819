"""Sitemaps of what search engines should index: open jobs, companies hiring, categories."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from board.companies.models import Company
from board.jobs.models import Category, Job


class SiteUrlSitemap(Sitemap):
    """Absolute links from SITE_URL rather than whatever Host the request named."""

    @property
    def protocol(self):
        return urlsplit(settings.SITE_URL).scheme or "https"

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class JobSitemap(SiteUrlSitemap):
    changefreq = "daily"
    limit = 10_000

    def items(self):
        return Job.objects.visible().only("pk", "slug", "updated").order_by("-published_at", "-id")

    def lastmod(self, job):
        return job.updated


class CompanySitemap(SiteUrlSitemap):
    changefreq = "weekly"

    def items(self):
        hiring = Job.objects.visible().values("company_id")
        return Company.objects.filter(pk__in=hiring).only("slug").order_by("slug")


class CategorySitemap(SiteUrlSitemap):
    changefreq = "daily"

    def items(self):
        return Category.objects.filter(is_active=True).order_by("slug")

    def location(self, category):
        return f"{reverse('job_list')}?category={category.slug}"


SITEMAPS = {"jobs": JobSitemap, "companies": CompanySitemap, "categories": CategorySitemap}
