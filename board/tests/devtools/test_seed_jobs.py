from collections import Counter
from datetime import timedelta
from io import StringIO
from random import Random

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
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
from board.devtools.management.commands.seed_jobs import LineReader, copy_text
from board.jobs.models import Category, Job, JobLocation
from board.places.models import Place
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


@pytest.mark.django_db
def test_all_open_makes_every_job_visible_for_days():
    output = _seed("--count", "400", "--all-open")

    assert "400 visible" in output
    jobs = Job.objects.all()
    assert jobs.count() == Job.objects.visible().count() == 400
    soonest = jobs.order_by("expires_at").first().expires_at
    assert soonest > timezone.now() + timedelta(days=4)  # stays open for a benchmark week
    assert jobs.order_by("published_at").first().published_at > timezone.now() - timedelta(26)
    # The rest is still varied: types, levels, workplaces, pay or none.
    assert jobs.values("employment_type").distinct().count() == len(Job.EmploymentType.values)
    assert jobs.values("workplace").distinct().count() == len(Job.Workplace.values)
    assert jobs.filter(salary_min__isnull=True, salary_max__isnull=True).exists()


def _snapshot():
    fields = ("company__slug", "title", "slug", "description", "category__slug", "workplace")
    fields += ("city", "country", "salary_min", "salary_max", "salary_period", "status")
    return list(Job.objects.order_by("pk").values_list(*fields))


@pytest.mark.django_db
def test_all_open_gives_the_same_jobs_for_the_same_seed():
    _seed("--count", "150", "--all-open", "--seed", "7")
    first = _snapshot()
    _seed("--count", "150", "--all-open", "--seed", "7", "--reset")
    assert _snapshot() == first
    _seed("--count", "150", "--all-open", "--seed", "8", "--reset")
    assert _snapshot() != first


@pytest.mark.django_db
def test_seeded_pay_in_euros_is_what_saving_the_job_stores():
    # Bulk inserts skip Job.save(); the seeder sets the euro figure itself.
    _seed("--count", "300", "--all-open")
    jobs = Job.objects.exclude(salary_currency="EUR").exclude(salary_max__isnull=True)[:40]
    assert jobs
    for job in jobs:
        seeded = job.salary_yearly_eur
        job.save()
        job.refresh_from_db()
        assert seeded == job.salary_yearly_eur


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, "\\N"),
        (True, "t"),
        (False, "f"),
        (42, "42"),
        ("a\\b\tc\nd\re", "a\\\\b\\tc\\nd\\re"),
        ("Zürich · São Paulo", "Zürich · São Paulo"),
    ],
)
def test_copy_text_escapes_what_ends_a_field_or_row(value, text):
    assert copy_text(value) == text


def test_line_reader_hands_over_whole_text_in_chunks():
    lines = [f"row {n}\t{'x' * n}\n" for n in range(50)]
    reader = LineReader(iter(lines))
    chunks = []
    while chunk := reader.read(37):
        assert len(chunk) <= 37
        chunks.append(chunk)
    assert "".join(chunks) == "".join(lines)


# Where seeded jobs are: JobLocation rows (and "remote within") like posted jobs have.


def _where_snapshot():
    rows = JobLocation.objects.order_by("job_id", "position")
    locations = list(rows.values_list("job__slug", "position", "text", "place__key", "latitude"))
    through = Job.remote_within.through.objects.order_by("job_id", "place_id")
    return locations, list(through.values_list("job__slug", "place__key"))


@pytest.mark.django_db
def test_without_places_locations_are_text_and_the_output_says_so():
    output = _seed("--count", "300", "--all-open")

    assert "places table is empty" in output and "load_places" in output
    located = Job.objects.exclude(workplace=Job.Workplace.REMOTE)
    assert located.count() > 150
    # Every job that is somewhere has its first location, as text with its country.
    assert set(located.values_list("pk", flat=True)) <= set(
        JobLocation.objects.filter(position=0).values_list("job_id", flat=True)
    )
    first = JobLocation.objects.filter(position=0).select_related("job")
    for row in first:
        assert row.place is None and row.latitude is None
        assert row.country_code == row.job.country.code
        assert row.text == f"{row.job.city}, {row.job.country.name}"
    # Remote jobs without a city are nowhere; none is limited to a place.
    remote_nowhere = Job.objects.filter(workplace=Job.Workplace.REMOTE, city="")
    assert remote_nowhere.exists()
    assert not JobLocation.objects.filter(job__in=remote_nowhere).exists()
    assert not Job.remote_within.through.objects.exists()


@pytest.fixture
def places(db):
    call_command("load_places", "--min-population", "1000000", stdout=StringIO())


def _job_rows_updated():
    """Job rows updated in this database transaction, which on PostgreSQL may hold
    earlier tests (rolled back to savepoints, their updates still counted)."""
    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT n_tup_upd FROM pg_stat_xact_user_tables WHERE relname = 'board_job'")
        return cursor.fetchone()[0]


def test_with_places_jobs_are_in_places_with_coordinates(places):
    updated_before = _job_rows_updated()
    output = _seed("--count", "2000", "--all-open")
    updated_by_seed = _job_rows_updated() - updated_before

    assert "places table is empty" not in output
    jobs = Job.objects.all()
    with_city = jobs.exclude(city="")
    assert set(with_city.values_list("pk", flat=True)) <= set(
        JobLocation.objects.filter(position=0).values_list("job_id", flat=True)
    )
    # The big cities are places, with their coordinates; the job's city is the place's.
    london = Place.objects.get(kind=Place.Kind.CITY, name="London", country_code="GB")
    in_london = JobLocation.objects.filter(place=london)
    assert in_london.count() > 20
    assert {(r.latitude, r.longitude) for r in in_london} == {(london.latitude, london.longitude)}
    assert {r.job.city for r in in_london.filter(position=0)} == {"London"}
    # About 5 % of the jobs with a city are in two to four places.
    counts = Counter(JobLocation.objects.values_list("job_id", flat=True))
    several = [n for n in counts.values() if n > 1]
    assert 0.02 < len(several) / len(counts) < 0.09
    assert set(several) <= {2, 3, 4} and max(several) > 2
    # About half of the remote jobs are open only to their country or an area holding it.
    remote = jobs.filter(workplace=Job.Workplace.REMOTE)
    limited = remote.filter(remote_within__isnull=False).distinct()
    assert 0.35 < limited.count() / remote.count() < 0.65
    kinds = set(Job.remote_within.through.objects.values_list("place__kind", flat=True))
    assert kinds == {Place.Kind.COUNTRY, Place.Kind.AREA}
    # So the searches of places find them: around London, and remote from Portugal.
    near_london = Job.objects.near(london, 25)
    assert set(in_london.values_list("job_id", flat=True)) <= set(
        near_london.values_list("pk", flat=True)
    )
    assert Job.objects.near(london, 100).count() < jobs.count() / 5
    from_portugal = Job.objects.workable_from("PT")
    assert 0 < from_portugal.count() < remote.count()
    # And a keyword search in a city, which on PostgreSQL reads the places the job
    # row keeps (written by the seed's COPY, checked against the locations below).
    in_london_ids = set(in_london.values_list("job_id", flat=True))
    searched = Job.objects.search("senior")
    found = set(searched.in_place(london).values_list("pk", flat=True))
    assert found and found == set(
        searched.filter(pk__in=in_london_ids).values_list("pk", flat=True)
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM board_job j WHERE place_ids IS DISTINCT FROM ARRAY("
                "SELECT place_id FROM board_joblocation WHERE job_id = j.id "
                "AND place_id IS NOT NULL ORDER BY place_id)"
            )
            assert cursor.fetchone()[0] == 0
        # Written by the seed's COPY itself: the locations' trigger, which would
        # also have set them, found nothing to change (no job row written twice).
        assert updated_by_seed == 0


def test_same_seed_same_places(places):
    _seed("--count", "300", "--all-open", "--seed", "7")
    first = _where_snapshot()
    assert first[0] and first[1]
    _seed("--count", "300", "--all-open", "--seed", "7", "--reset")
    assert _where_snapshot() == first
    _seed("--count", "300", "--all-open", "--seed", "8", "--reset")
    assert _where_snapshot() != first


def test_reset_removes_the_seeded_locations(places):
    _seed("--count", "200", "--all-open")
    output = _seed("--count", "0", "--reset")
    assert "and 200 jobs" in output
    assert not JobLocation.objects.exists()
    assert not Job.remote_within.through.objects.exists()
