"""Sitemaps cost in proportion to what they print (board/web/sitemaps.py): pages are id
ranges of at most `limit` jobs, the index never loads the jobs themselves."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from board.jobs.models import Job
from board.tests.factories import CompanyFactory, JobFactory
from board.web import sitemaps

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_pages(monkeypatch, settings):
    settings.SITE_URL = "https://jobs.example.com"
    monkeypatch.setattr(sitemaps, "PAGE_SIZE", 3)


def _locations(body):
    return re.findall(r"<loc>([^<]+)</loc>", body)


def _body(response):
    """The text of a response, streamed (sitemap pages) or not (the index)."""
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def _get(client, path):
    return _body(client.get(path))


def _jobs(count, company=None):
    """`count` jobs with consecutive ids; every third one a draft, every fifth expired."""
    company = company or CompanyFactory()
    now = timezone.now()
    jobs = []
    for number in range(1, count + 1):
        if number % 3 == 0:
            jobs.append(JobFactory(company=company, draft=True))
        elif number % 5 == 0:
            past = now - timedelta(days=40)
            jobs.append(
                JobFactory(company=company, published_at=past, expires_at=past + timedelta(30))
            )
        else:
            jobs.append(JobFactory(company=company))
    return jobs


def test_pages_are_at_most_the_limit_and_together_list_every_open_job(client, small_pages):
    jobs = _jobs(10)
    highest = max(job.pk for job in jobs)
    pages = -(-highest // 3)

    index = _get(client, "/sitemap.xml")

    job_pages = [loc.split("/")[-1] for loc in _locations(index) if "sitemap-jobs.xml" in loc]
    assert job_pages == ["sitemap-jobs.xml"] + [
        f"sitemap-jobs.xml?p={page}" for page in range(2, pages + 1)
    ]
    listed = []
    for page in range(1, pages + 1):
        response = client.get(f"/sitemap-jobs.xml?p={page}")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/xml"
        urls = _locations(_body(response))
        assert len(urls) <= 3
        listed += urls
    expected = [f"https://jobs.example.com{job.get_absolute_url()}" for job in jobs]
    open_jobs = [url for job, url in zip(jobs, expected, strict=True) if job.is_visible]
    assert listed == open_jobs  # each open job once, in id order; nothing else
    assert client.get(f"/sitemap-jobs.xml?p={pages + 1}").status_code == 404
    assert client.get("/sitemap-jobs.xml?p=x").status_code == 404


def test_a_page_lists_the_open_jobs_of_its_id_range(client, small_pages):
    jobs = _jobs(9)
    first = jobs[0].pk
    # Page 2 holds ids 4–6 when the first job is id 1; find the page of the fourth job.
    page = (jobs[3].pk - 1) // 3 + 1
    low, high = (page - 1) * 3, page * 3
    body = _get(client, f"/sitemap-jobs.xml?p={page}")
    in_range = [job for job in jobs if low < job.pk <= high and job.is_visible]
    assert _locations(body) == [
        f"https://jobs.example.com{job.get_absolute_url()}" for job in in_range
    ]
    assert first  # the ids are real


def test_index_lastmod_is_the_newest_publication_of_an_open_job(client, small_pages):
    now = timezone.now()
    JobFactory(published_at=now - timedelta(days=3))
    newest = JobFactory(published_at=now - timedelta(days=1))
    # Neither a draft nor a job past its expiry counts, even saved later.
    JobFactory(draft=True)
    JobFactory(published_at=now - timedelta(hours=1), expires_at=now - timedelta(minutes=1))

    index = _get(client, "/sitemap.xml")

    jobs_entry = re.search(r"sitemap-jobs\.xml</loc>\s*<lastmod>([^<]+)</lastmod>", index)
    assert jobs_entry.group(1) == newest.published_at.isoformat()


def test_each_url_lastmod_is_the_jobs_last_change(client, small_pages):
    job = JobFactory()
    Job.objects.filter(pk=job.pk).update(updated=timezone.now() + timedelta(hours=2))
    job.refresh_from_db()
    page = (job.pk - 1) // 3 + 1
    body = _get(client, f"/sitemap-jobs.xml?p={page}")
    assert f"<lastmod>{job.updated.date().isoformat()}</lastmod>" in body


def test_index_costs_the_same_whatever_the_number_of_jobs(
    client, small_pages, django_assert_max_num_queries
):
    _jobs(4)
    with CaptureQueriesContext(connection) as few:
        client.get("/sitemap.xml")
    _jobs(40)
    with django_assert_max_num_queries(len(few)), CaptureQueriesContext(connection) as many:
        body = _get(client, "/sitemap.xml")
    assert body.count("sitemap-jobs.xml") > 10
    # It never loads the jobs: each query on board_job is an aggregate or one row.
    on_jobs = [q["sql"] for q in many.captured_queries if 'FROM "board_job"' in q["sql"]]
    assert on_jobs
    assert all("MAX(" in sql or "LIMIT 1" in sql for sql in on_jobs), on_jobs


def test_a_page_costs_the_same_whatever_the_number_of_jobs(
    client, small_pages, django_assert_max_num_queries
):
    _jobs(6)
    with CaptureQueriesContext(connection) as few:
        _get(client, "/sitemap-jobs.xml?p=1")
    _jobs(30)
    with django_assert_max_num_queries(len(few)):
        body = _get(client, "/sitemap-jobs.xml?p=2")
    assert len(_locations(body)) == Job.objects.visible().filter(pk__gt=3, pk__lte=6).count()


def test_companies_sitemap_lists_companies_with_an_open_job(client, settings):
    settings.SITE_URL = "https://jobs.example.com"
    hiring, closed = CompanyFactory(), CompanyFactory()
    JobFactory(company=hiring)
    JobFactory(company=hiring)
    JobFactory(company=closed, draft=True)
    body = _get(client, "/sitemap-companies.xml")
    assert _locations(body) == [f"https://jobs.example.com{hiring.get_absolute_url()}"]


def test_categories_sitemap(client, settings):
    settings.SITE_URL = "https://jobs.example.com"
    job = JobFactory()
    body = _get(client, "/sitemap-categories.xml")
    assert f"https://jobs.example.com/jobs/?category={job.category.slug}" in _locations(body)


def test_unknown_section_or_page_is_not_found(client):
    assert client.get("/sitemap-nothing.xml").status_code == 404
    assert client.get("/sitemap-jobs.xml?p=0").status_code == 404
    assert client.get("/sitemap-jobs.xml?p=-1").status_code == 404


def test_page_size_is_within_the_protocol_limit():
    assert 0 < sitemaps.PAGE_SIZE <= 50_000
