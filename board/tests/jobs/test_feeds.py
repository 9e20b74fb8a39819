import html
import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from board.tests.factories import CompanyFactory, JobFactory
from board.web.feeds import FEED_SIZE

pytestmark = pytest.mark.django_db


def _items(response):
    root = ET.fromstring(response.content)  # noqa: S314 -- our own feed
    return [(i.findtext("title"), i.findtext("link")) for i in root.iter("item")]


def test_feed_honours_the_list_filters(client, settings):
    settings.SITE_URL = "https://jobs.example.com"
    acme = CompanyFactory(name="Acme")
    remote = JobFactory(title="Remote Welder", workplace="remote", company=acme)
    JobFactory(title="Office Welder", workplace="on_site")
    JobFactory(title="Remote Baker", workplace="remote")
    JobFactory(title="Hidden Welder", workplace="remote", draft=True)
    response = client.get(reverse("job_feed"), {"q": "welder", "workplace": "remote"})
    assert response["Content-Type"].startswith("application/rss+xml")
    assert _items(response) == [
        ("Remote Welder at Acme", f"https://jobs.example.com{remote.get_absolute_url()}")
    ]


def test_list_page_links_its_feed(client):
    html = client.get(reverse("job_list"), {"q": "welder", "page": "2"}).content.decode()
    assert 'type="application/rss+xml"' in html
    assert 'href="/jobs/feed/?q=welder"' in html


def test_feed_escapes_job_text(client):
    JobFactory(title="<script>alert(1)</script>")
    body = client.get(reverse("job_feed")).content.decode()
    assert "<script>" not in body


def test_sitemap_lists_visible_jobs_companies_and_categories(client, settings):
    settings.SITE_URL = "https://jobs.example.com"
    live = JobFactory()
    draft = JobFactory(draft=True)
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-jobs.xml" in index and "sitemap-companies.xml" in index
    # Sitemap pages are streamed (board/web/sitemaps.py) and hold ranges of ids: read
    # every jobs page the index lists (on PostgreSQL the ids may not start at 1).
    pages = re.findall(r"<loc>https://jobs\.example\.com(/sitemap-jobs\.xml[^<]*)</loc>", index)
    assert pages
    jobs = "".join(
        b"".join(client.get(html.unescape(page)).streaming_content).decode() for page in pages
    )
    assert f"https://jobs.example.com{live.get_absolute_url()}" in jobs
    assert draft.get_absolute_url() not in jobs
    companies = b"".join(client.get("/sitemap-companies.xml").streaming_content).decode()
    assert f"https://jobs.example.com{live.company.get_absolute_url()}" in companies
    assert draft.company.get_absolute_url() not in companies
    categories = b"".join(client.get("/sitemap-categories.xml").streaming_content).decode()
    assert f"/jobs/?category={live.category.slug}" in categories


def test_robots_points_to_the_sitemap_and_hides_private_pages(client, settings):
    settings.SITE_URL = "https://jobs.example.com"
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: https://jobs.example.com/sitemap.xml" in body
    assert "Disallow: /me/" in body and "Disallow: /admin/" in body


def test_a_search_feed_lists_the_newest_matches_first_up_to_its_size(client):
    now = timezone.now()
    welders = [
        JobFactory(title=f"Welder {index}", published_at=now - timedelta(hours=index))
        for index in range(FEED_SIZE + 2)
    ]
    JobFactory(title="Baker", published_at=now)
    response = client.get(reverse("job_feed"), {"q": "welder", "sort": "relevance"})
    titles = [title for title, _ in _items(response)]
    expected = [f"{job.title} at {job.company.name}" for job in welders[:FEED_SIZE]]
    assert titles == expected
