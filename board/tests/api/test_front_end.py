"""What a front end on another origin needs: CORS, conditional GETs, counts, absolute links."""

import pytest
from django.core.files.base import ContentFile
from django.test import override_settings

from board.tests.factories import CategoryFactory, CompanyFactory, JobFactory

pytestmark = pytest.mark.django_db

APP = "https://app.example"


@override_settings(CORS_ALLOWED_ORIGINS=[APP])
@pytest.mark.parametrize("path", ["/api/v1/jobs/", "/graphql/"])
def test_cors_allows_a_configured_origin_on_the_apis(client, path):
    preflight = client.options(
        path,
        headers={"Origin": APP, "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "authorization, content-type"},
    )  # fmt: skip
    assert preflight["Access-Control-Allow-Origin"] == APP
    assert "authorization" in preflight["Access-Control-Allow-Headers"]
    assert "Access-Control-Allow-Credentials" not in preflight  # bearer tokens, never cookies
    response = client.get("/api/v1/jobs/", headers={"Origin": APP})
    assert response["Access-Control-Allow-Origin"] == APP
    assert "ETag" in response["Access-Control-Expose-Headers"]


@override_settings(CORS_ALLOWED_ORIGINS=[APP])
def test_cors_refuses_other_origins_and_the_site(client):
    other = client.get("/api/v1/jobs/", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in other
    site = client.get("/jobs/", headers={"Origin": APP})
    assert "Access-Control-Allow-Origin" not in site  # the HTML site is not shared


def test_no_cors_by_default(client):
    response = client.get("/api/v1/jobs/", headers={"Origin": APP})
    assert "Access-Control-Allow-Origin" not in response


@pytest.mark.parametrize(
    "path", ["/api/v1/jobs/", "/api/v1/jobs/{job}/", "/api/v1/companies/",
             "/api/v1/companies/acme/", "/api/v1/categories/", "/api/v1/categories/{category}/"],
)  # fmt: skip
def test_public_reads_answer_a_conditional_get_with_304(anon, path):
    job = JobFactory(company=CompanyFactory(slug="acme"), category=CategoryFactory())
    url = path.format(job=job.pk, category=job.category_id)
    first = anon.get(url)
    assert first.status_code == 200
    etag = first["ETag"]
    again = anon.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    job.title = "Renamed"
    job.save()
    if "jobs" in path:
        assert anon.get(url, headers={"If-None-Match": etag}).status_code == 200


def test_job_detail_has_last_modified(anon):
    job = JobFactory()
    first = anon.get(f"/api/v1/jobs/{job.pk}/")
    assert first["Last-Modified"]
    again = anon.get(
        f"/api/v1/jobs/{job.pk}/", headers={"If-Modified-Since": first["Last-Modified"]}
    )
    assert again.status_code == 304


def test_private_reads_have_no_etag(client, seeker_a):
    from board.tests.api.conftest import bearer

    assert "ETag" not in bearer(seeker_a).get("/api/v1/me/applications/")


@override_settings(SEARCH_COUNT_CAP=3)  # the job search's cap (other lists: API_COUNT_CAP)
def test_counts_are_exact_up_to_the_cap(anon, client):
    JobFactory.create_batch(3)
    page = anon.get("/api/v1/jobs/").json()
    assert (page["count"], page["count_exact"]) == (3, True)
    JobFactory.create_batch(2)
    page = anon.get("/api/v1/jobs/").json()
    assert (page["count"], page["count_exact"]) == (3, False)
    assert len(page["results"]) == 5  # the cap limits the count, never the list
    # Sorted by a score, the list is the site's: SEARCH_COUNT_CAP (test_search_pages.py).
    graph = client.post(
        "/graphql/", {"query": "{ jobs { totalCount countExact } }"},
        content_type="application/json",
    ).json()  # fmt: skip
    assert graph["data"]["jobs"] == {"totalCount": 3, "countExact": False}


def test_links_are_absolute_and_logos_linked(anon, settings):
    settings.SITE_URL = "https://jobs.example"
    company = CompanyFactory(slug="acme")
    company.logo.save("logo.png", ContentFile(b"png"), save=True)
    job = JobFactory(company=company)
    body = anon.get("/api/v1/jobs/").json()["results"][0]
    assert body["url"] == f"https://jobs.example{job.get_absolute_url()}"
    assert body["company"]["url"] == "https://jobs.example/companies/acme/"
    assert body["company"]["logo_url"] == "https://jobs.example/companies/acme/logo/"
    JobFactory(company=CompanyFactory(slug="plain"))
    logos = {c["slug"]: c["logo_url"] for c in anon.get("/api/v1/companies/").json()["results"]}
    assert logos == {"acme": "https://jobs.example/companies/acme/logo/", "plain": None}
