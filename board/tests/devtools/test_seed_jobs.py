from io import StringIO
from random import Random

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from django.utils.text import slugify

from board.companies.models import Company
from board.devtools.benchmarking import CATEGORY_WORDS, SEARCH_KEYWORDS, fake_job
from board.devtools.management.commands.benchmark import (
    Scenario,
    lua_script,
    markdown_table,
    parse_wrk_result,
)
from board.jobs.models import Category, Job
from board.tests.factories import JobFactory


def _seed(*args):
    out = StringIO()
    call_command("seed_jobs", *args, stdout=out)
    return out.getvalue()


def _searchable_text(job):
    return f"{job.title} {job.company_name} {job.category_name} {job.description}".lower()


@pytest.mark.django_db
def test_seeds_the_jobs_and_companies_asked_for():
    output = _seed("--count", "500")

    assert "Added 10 companies and 500 jobs" in output
    assert Company.objects.filter(slug__startswith="seed-").count() == 10
    jobs = Job.objects.select_related("company", "category")
    assert jobs.count() == 500
    for job in jobs:
        assert job.company_name == job.company.name
        assert job.category_name == job.category.name
        assert job.slug == slugify(job.title)
    assert set(jobs.values_list("status", flat=True)) == set(Job.Status.values)
    assert set(jobs.values_list("category", flat=True)) == set(
        Category.objects.values_list("pk", flat=True)
    )
    # Spread over 60 days with 30-day listings: about half live, the rest expired,
    # and none still published past its expiry (the hourly task's work).
    published = jobs.filter(status=Job.Status.PUBLISHED)
    assert 150 < published.count() < 300
    assert published.count() == Job.objects.visible().count()
    assert jobs.filter(status=Job.Status.EXPIRED).count() > 150
    assert jobs.filter(salary_min__isnull=True, salary_max__isnull=True).exists()
    assert jobs.filter(salary_annual__isnull=False).exists()


@pytest.mark.django_db
def test_companies_option():
    _seed("--count", "20", "--companies", "3")
    assert Company.objects.count() == 3
    assert Job.objects.count() == 20


@pytest.mark.django_db
def test_search_finds_seeded_jobs_by_a_vocabulary_word():
    _seed("--count", "500")
    found = Job.objects.visible().search("kubernetes")
    assert found.exists()
    assert all("kubernetes" in _searchable_text(job) for job in found)


@pytest.mark.django_db
def test_running_again_adds_more_and_reset_removes_only_the_seed():
    real_job = JobFactory()
    _seed("--count", "100")
    _seed("--count", "100")
    assert Job.objects.count() == 201
    assert Company.objects.filter(slug__startswith="seed-").count() == 4  # new slugs each run

    output = _seed("--count", "50", "--reset")

    assert "Deleted 4 seed- companies and 200 jobs" in output
    assert Job.objects.count() == 51
    assert Job.objects.filter(pk=real_job.pk).exists()
    assert Company.objects.filter(slug__startswith="seed-").count() == 1


@pytest.mark.django_db
def test_refuses_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        _seed("--count", "10")
    assert not Job.objects.exists()


def _fake_jobs(seed, count):
    company = Company(name="Example Labs", slug="seed-example-labs-1")
    categories = [Category(name=slug, slug=slug) for slug in ("software-development", "legal")]
    rng = Random(seed)  # noqa: S311 -- test data
    now = timezone.now()
    return [fake_job(rng, company, rng.choice(categories), now) for _ in range(count)]


def test_same_seed_same_jobs():
    first, second = _fake_jobs(1, 50), _fake_jobs(1, 50)
    assert [j.description for j in first] == [j.description for j in second]
    assert [j.description for j in first] != [j.description for j in _fake_jobs(2, 50)]


def test_every_benchmark_keyword_occurs_in_seeded_text():
    # benchmark searches for these; each must find something.
    company = Company(name="Example Labs", slug="seed-example-labs-1")
    rng = Random(3)  # noqa: S311 -- test data
    now = timezone.now()
    text = " ".join(
        _searchable_text(fake_job(rng, company, Category(name=slug, slug=slug), now))
        for slug in list(CATEGORY_WORDS) * 100
    )
    assert [word for word in SEARCH_KEYWORDS if word not in text] == []


WRK_OUTPUT = """\
Running 10s test @ http://127.0.0.1:40000
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     5.12ms    2.01ms  40.00ms   90.00%
  1600 requests in 10.00s, 1.00MB read
Requests/sec:    160.00
NEXUS_WRK {"requests": 1600, "duration_us": 10000000, "bytes": 3276800, "connect": 0, \
"read": 1, "write": 0, "status": 2, "timeout": 0, "p50_us": 4500, "p95_us": 9000, \
"p99_us": 12345}
"""


def test_parse_wrk_result():
    result = parse_wrk_result(WRK_OUTPUT)
    assert result.requests_per_second == 160
    assert (result.p50_ms, result.p95_ms, result.p99_ms) == (4.5, 9.0, 12.345)
    assert result.errors == 3  # HTTP errors and socket errors alike
    assert result.bytes_per_request == 2048


def test_parse_wrk_result_without_result_line():
    with pytest.raises(ValueError, match="no result line"):
        parse_wrk_result("unable to connect to 127.0.0.1:1 Connection refused\n")


def test_lua_script_quotes_paths_and_headers():
    scenario = Scenario(
        "search", "search", ["/jobs/?q=c%2B%2B&workplace=remote"], {"HX-Request": "true"}, True
    )
    script = lua_script(scenario)
    assert 'local paths = {"/jobs/?q=c%2B%2B&workplace=remote"}' in script
    assert 'local headers = {["HX-Request"] = "true"}' in script
    assert "local unique = true" in script
    assert "NEXUS_WRK {" in script


def test_markdown_table():
    table = markdown_table([("scenario", "req/s"), ("`/`", "120")])
    assert table == "| scenario | req/s |\n|---|---|\n| `/` | 120 |"
