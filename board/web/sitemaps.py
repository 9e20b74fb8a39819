"""Sitemaps of what search engines should index: open jobs, companies hiring, categories.

Crawlers fetch these all day, so each response costs in proportion to what it
prints, at a million open jobs too:

- Jobs and companies are split into pages by ranges of ids (page p holds ids in
  ((p - 1) × PAGE_SIZE, p × PAGE_SIZE]), not by counting. A page is one range scan
  of the primary key and lists at most PAGE_SIZE URLs; the index learns how many
  pages there are from the highest id (the primary key's last entry), instead of
  counting, or loading, every open job. A range whose jobs have all closed is an
  empty, valid page.
- The index's lastmod for the jobs is the newest publication of an open job, one
  step down job_status_published_idx. Each URL's lastmod is its job's `updated`.
- Pages are written straight to the response as the rows arrive (streamed, a few
  microseconds a URL), not through a template and reverse() for each URL, which
  took about 2 s for 10,000 URLs.
"""

from datetime import datetime
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from django.conf import settings
from django.db.models import Exists, Max, OuterRef
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from board.companies.models import Company
from board.jobs.models import Category, Job

# URLs per sitemap page, at most. The protocol allows 50,000; a page of 10,000 is
# about 1.3 MB, so one crawler request never holds a worker for long, and a
# million open jobs make an index of 100 pages (about 10 KB).
PAGE_SIZE = 10_000
ROWS_PER_FETCH = 2_000  # rows the database cursor hands over at a time
XML_CONTENT_TYPE = "application/xml"
# Sitemaps are for crawlers, not for search results (as Django's own sitemap views).
ROBOTS = "noindex, noodp, noarchive"
URLSET_START = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
)


def site_url():
    """Absolute links from SITE_URL rather than whatever Host the request named."""
    parts = urlsplit(settings.SITE_URL)
    return f"{parts.scheme or 'https'}://{parts.netloc}"


def _path_pattern(name, **placeholders):
    """A URL pattern's path with {name} fields, from reverse() once: e.g.
    "/jobs/{pk}-{slug}/", so each URL is a str.format() and not a reverse()."""
    sample = reverse(name, kwargs={key: value for key, (value, _) in placeholders.items()})
    for value, field in placeholders.values():
        sample = sample.replace(str(value), field, 1)
    return sample


class JobSection:
    changefreq = "daily"

    def pages(self):
        highest = Job.objects.aggregate(highest=Max("pk"))["highest"] or 0
        return max(1, -(-highest // PAGE_SIZE))

    def lastmod(self):
        """The newest publication of an open job: a new job is what changes these pages.

        One row from job_status_published_idx (the newest published job is nearly
        always open), where Django's sitemap loads every open job to find its max.
        """
        newest = Job.objects.visible().order_by("-published_at")
        return newest.values_list("published_at", flat=True).first()

    def rows(self, first, last):
        """(path, lastmod) of the open jobs with ids in (first, last], in id order."""
        pattern = _path_pattern(
            "job_detail", pk=(987654321, "{pk}"), slug=("slug-placeholder", "{slug}")
        )
        jobs = Job.objects.visible().filter(pk__gt=first, pk__lte=last).order_by("pk")
        for pk, slug, updated in jobs.values_list("pk", "slug", "updated").iterator(
            chunk_size=ROWS_PER_FETCH
        ):
            yield pattern.format(pk=pk, slug=slug), updated


class CompanySection:
    changefreq = "weekly"

    def pages(self):
        highest = Company.objects.aggregate(highest=Max("pk"))["highest"] or 0
        return max(1, -(-highest // PAGE_SIZE))

    def lastmod(self):
        return None

    def rows(self, first, last):
        """The companies with ids in (first, last] that have an open job: one index
        probe of each company's jobs, not a pass over every open job."""
        pattern = _path_pattern("company_detail", slug=("slug-placeholder", "{slug}"))
        hiring = Job.objects.visible().filter(company=OuterRef("pk"))
        companies = Company.objects.filter(Exists(hiring), pk__gt=first, pk__lte=last)
        for slug in companies.order_by("pk").values_list("slug", flat=True):
            yield pattern.format(slug=slug), None


class CategorySection:
    changefreq = "daily"

    def pages(self):
        return 1

    def lastmod(self):
        return None

    def rows(self, first, last):
        job_list = reverse("job_list")
        for slug in (
            Category.objects.filter(is_active=True).order_by("slug").values_list("slug", flat=True)
        ):
            yield f"{job_list}?category={slug}", None


SECTIONS = {"jobs": JobSection(), "companies": CompanySection(), "categories": CategorySection()}


@require_safe
def index(request):
    """/sitemap.xml: every page of every section, with the jobs' lastmod."""
    base = site_url()
    entries, newest = [], None
    for name, section in SECTIONS.items():
        lastmod = section.lastmod()
        newest = max(filter(None, [newest, lastmod]), default=None)
        tag = f"<lastmod>{lastmod.isoformat()}</lastmod>" if lastmod else ""
        location = base + reverse("sitemap_section", kwargs={"section": name})
        for page in range(1, section.pages() + 1):
            query = f"?p={page}" if page > 1 else ""
            entries.append(f"<sitemap><loc>{escape(location + query)}</loc>{tag}</sitemap>\n")
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + "".join(entries)
        + "</sitemapindex>\n"
    )
    response = HttpResponse(body, content_type=XML_CONTENT_TYPE)
    response["X-Robots-Tag"] = ROBOTS
    if newest:
        response["Last-Modified"] = http_date(newest.timestamp())
    return response


@require_safe
def section_page(request, section):
    """/sitemap-<section>.xml?p=N: the page's URLs, streamed as the rows arrive."""
    if section not in SECTIONS:
        raise Http404("No such sitemap.")
    found = SECTIONS[section]
    page = request.GET.get("p", "1")
    if not page.isdigit() or not 1 <= int(page) <= found.pages():
        raise Http404("No such sitemap page.")
    last = int(page) * PAGE_SIZE
    rows = found.rows(last - PAGE_SIZE, last)
    response = StreamingHttpResponse(
        _urlset(site_url(), rows, found.changefreq), content_type=XML_CONTENT_TYPE
    )
    response["X-Robots-Tag"] = ROBOTS
    return response


def _urlset(base, rows, changefreq):
    yield URLSET_START
    frequency = f"<changefreq>{changefreq}</changefreq>"
    chunk = []
    for path, lastmod in rows:
        modified = f"<lastmod>{_day(lastmod)}</lastmod>" if lastmod else ""
        chunk.append(f"<url><loc>{escape(base + path)}</loc>{modified}{frequency}</url>\n")
        if len(chunk) == ROWS_PER_FETCH:
            yield "".join(chunk)
            chunk = []
    yield "".join(chunk) + "</urlset>\n"


def _day(moment: datetime):
    return moment.date().isoformat()
