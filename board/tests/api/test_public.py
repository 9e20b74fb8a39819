"""Jobs, companies and categories: what anyone sees, the site's filters, pagination, queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from board.jobs.models import Job, JobLocation
from board.tests.factories import CategoryFactory, CompanyFactory, JobFactory
from board.tests.places.factories import place

pytestmark = pytest.mark.django_db

JOBS = "/api/v1/jobs/"


def _ids(response):
    assert response.status_code == 200, response.content
    return [job["id"] for job in response.json()["results"]]


@pytest.fixture
def listing():
    """Visible jobs of several kinds, and some that must never be listed."""
    now = timezone.now()
    backend = CategoryFactory(name="Backend", slug="backend")
    design = CategoryFactory(name="Design", slug="design")
    acme = CompanyFactory(name="Acme", slug="acme")
    jobs = [
        JobFactory(
            title=f"Python Developer {n}" if n % 2 else f"Product Designer {n}",
            category=backend if n % 2 else design,
            company=acme if n < 4 else CompanyFactory(),
            workplace=["remote", "hybrid", "on_site"][n % 3],
            employment_type="contract" if n % 4 == 0 else "full_time",
            experience_level="senior" if n % 3 == 0 else "mid",
            salary_min=40_000 + n * 5_000,
            salary_max=50_000 + n * 5_000,
            visa_sponsorship=n % 5 == 0,
            city="Lisbon" if n % 2 else "Berlin",
            country="PT" if n % 2 else "DE",
            published_at=now - timedelta(days=n),
        )
        for n in range(12)
    ]
    hidden = [
        JobFactory(draft=True, title="Python Developer draft"),
        JobFactory(pending=True, title="Python Developer pending"),
        JobFactory(status=Job.Status.CLOSED, title="Python Developer closed"),
        JobFactory(expires_at=now - timedelta(hours=1), title="Python Developer expired"),
    ]
    return jobs, hidden


def test_lists_visible_jobs_only_newest_first(anon, listing):
    jobs, hidden = listing
    ids = _ids(anon.get(JOBS))
    assert ids == [job.pk for job in jobs]
    assert not {job.pk for job in hidden} & set(ids)


@pytest.mark.parametrize(
    "params",
    [
        {"q": "python"},
        {"q": "python", "sort": "newest"},
        {"workplace": ["remote", "hybrid"], "employment_type": "full_time"},
        {"category": "backend", "salary_min": "70000"},
        {"location": "Portugal", "experience_level": "senior"},
        {"posted_within": "7", "visa": "true", "sort": "salary"},
        {"company": "acme"},
    ],
)
def test_same_results_as_the_site_search(client, anon, listing, seeker_a, params):
    # Signed in, the site renders its results fresh (anonymous ones come from the cache).
    client.force_login(seeker_a)
    site = client.get("/jobs/", params)
    site_ids = [job.pk for job in site.context["page"].object_list]
    assert _ids(anon.get(JOBS, params)) == site_ids
    assert site_ids  # each combination finds something, or the comparison proves little


def test_cursor_pages_cover_everything_once(anon):
    now = timezone.now()
    created = [JobFactory(published_at=now - timedelta(minutes=n)) for n in range(45)]
    seen, url = [], JOBS
    while url:
        body = anon.get(url).json()
        seen += [job["id"] for job in body["results"]]
        url = body["next"]
    assert seen == [job.pk for job in created]
    assert "cursor=" in anon.get(JOBS).json()["next"]


def test_salary_sort_pages_by_number(anon):
    for n in range(25):
        JobFactory(salary_min=n * 1000, salary_max=n * 1000)
    first = anon.get(JOBS, {"sort": "salary"}).json()
    assert "page=2" in first["next"]
    second = anon.get(first["next"]).json()
    salaries = [job["salary_max"] for job in first["results"] + second["results"]]
    assert salaries == sorted(salaries, reverse=True)


@pytest.mark.parametrize("params", [{"cursor": "garbage"}, {"sort": "salary", "page": "99"}])
def test_bad_page_is_404_not_500(anon, listing, params):
    assert anon.get(JOBS, params).status_code == 404


@pytest.mark.parametrize(
    "params,status",
    [
        ({"q": "' OR 1=1 --"}, 200),
        ({"q": "x" * 10_000}, 400),
        ({"q": "a\x00b"}, 400),
        ({"salary_min": "abc"}, 400),
    ],
)
def test_hostile_queries_never_fail(anon, listing, params, status):
    response = anon.get(JOBS, params)
    assert response.status_code == status
    if status == 400:
        assert set(response.json()) == set(params)  # the message is for that parameter


def test_job_detail_public_statuses_only(anon, listing, employer_a, company_a):
    jobs, (draft, pending, closed, _expired) = listing
    assert anon.get(f"{JOBS}{jobs[0].pk}/").json()["description_html"].startswith("<p>")
    assert anon.get(f"{JOBS}{closed.pk}/").status_code == 200  # its page stays, as on the site
    for job in (draft, pending):
        assert anon.get(f"{JOBS}{job.pk}/").status_code == 404
    assert anon.get(f"{JOBS}999999/").status_code == 404


def test_companies_are_those_with_a_published_job(anon, listing):
    CompanyFactory(name="Empty", slug="empty")
    slugs = [c["slug"] for c in anon.get("/api/v1/companies/").json()["results"]]
    assert "acme" in slugs
    assert "empty" not in slugs
    assert anon.get("/api/v1/companies/empty/").status_code == 404
    acme = anon.get("/api/v1/companies/acme/").json()
    assert [j["title"] for j in acme["open_jobs"]] == [
        "Product Designer 0",
        "Python Developer 1",
        "Product Designer 2",
        "Python Developer 3",
    ]


def test_categories_count_visible_jobs(anon, listing):
    CategoryFactory(name="Retired", slug="retired", is_active=False)
    counts = {c["slug"]: c["open_jobs"] for c in anon.get("/api/v1/categories/").json()}
    assert counts["backend"] == 6
    assert counts["design"] == 6
    assert "retired" not in counts


@pytest.mark.parametrize("params", ["", "?q=python", "?q=python&sort=salary"])
def test_located_jobs_cost_the_list_no_query_each(anon, params):
    """A location's label is its place's: read with the page's locations, not one by one
    (the benchmark's REST search ran 28 queries a request when they were)."""

    def located_job(name):
        job = JobFactory(title="Python Developer", city=name, country="PT")
        lisbon = place(name, country_code="PT", key=f"test:{name}")
        JobLocation.objects.filter(job=job).update(place=lisbon)
        return job

    located_job("Lisbon")
    _queries(anon, f"{JOBS}{params}")  # the process's caches (synonyms, categories)
    few = _queries(anon, f"{JOBS}{params}")
    for name in ("Porto", "Braga", "Faro", "Coimbra"):
        located_job(name)
    assert _queries(anon, f"{JOBS}{params}") == few
    labels = {job["locations"][0]["label"] for job in anon.get(f"{JOBS}{params}").json()["results"]}
    assert labels == {
        f"{name}, Portugal" for name in ("Lisbon", "Porto", "Braga", "Faro", "Coimbra")
    }


@pytest.mark.parametrize("params", ["", "?q=python", "?q=python&sort=salary"])
def test_the_list_gives_every_location_of_a_job_in_order(anon, params):
    job = JobFactory(title="Python Developer", city="Lisbon", country="PT")
    JobLocation.objects.create(job=job, position=1, text="Porto, Portugal", country_code="PT")
    [found] = anon.get(f"{JOBS}{params}").json()["results"]
    assert [place["text"] for place in found["locations"]] == [
        "Lisbon, Portugal",
        "Porto, Portugal",
    ]
    assert found["city"] == "Lisbon"  # the first, as before


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "url",
    [JOBS, f"{JOBS}?q=python", f"{JOBS}?sort=salary", "/api/v1/companies/", "/api/v1/categories/"],
)
def test_query_count_does_not_grow_with_the_data(anon, url):
    JobFactory(company=CompanyFactory(slug="acme"), title="Python Developer")
    _queries(anon, url)  # fills the cached category choices of the search form
    few = _queries(anon, url)
    for _ in range(8):
        JobFactory(title="Python Developer", company=CompanyFactory(), category=CategoryFactory())
    assert _queries(anon, url) == few


def test_company_detail_query_count_constant(anon):
    acme = CompanyFactory(slug="acme")
    JobFactory(company=acme)
    _queries(anon, "/api/v1/companies/acme/")
    few = _queries(anon, "/api/v1/companies/acme/")
    for _ in range(8):
        JobFactory(company=acme, category=CategoryFactory())
    assert _queries(anon, "/api/v1/companies/acme/") == few


def test_staff_manage_categories(staff, anon):
    from board.tests.api.conftest import bearer

    client = bearer(staff)
    created = client.post("/api/v1/categories/", {"name": "Data", "slug": "data"})
    assert created.status_code == 201
    assert created.json()["open_jobs"] == 0
    pk = created.json()["id"]
    renamed = client.patch(f"/api/v1/categories/{pk}/", {"name": "Data & AI", "is_active": False})
    assert renamed.json()["name"] == "Data & AI"
    assert client.get(f"/api/v1/categories/{pk}/").status_code == 200  # retired: staff still see
    assert anon.get(f"/api/v1/categories/{pk}/").status_code == 404
    duplicate = client.post("/api/v1/categories/", {"name": "Data & AI", "slug": "other"})
    assert duplicate.status_code == 400
    assert "name" in duplicate.json()
