from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from board.jobs.models import Job
from board.tests.factories import (
    CompanyFactory,
    JobFactory,
    MembershipFactory,
    SeekerFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db


class TestHealthz:
    def test_answers_ok_without_session_or_database(self, client):
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/healthz")
        assert response.status_code == 200
        assert response.content == b"ok"
        assert len(queries) == 0
        assert "sessionid" not in response.cookies
        assert "Cookie" not in response.get("Vary", "")

    def test_post_is_refused(self, client):
        assert client.post("/healthz").status_code == 405


class TestHome:
    def test_lists_latest_visible_jobs_only(self, client):
        live = JobFactory(title="Visible Role")
        JobFactory(title="Draft Role", draft=True)
        html = client.get(reverse("home")).content.decode()
        assert live.title in html
        assert "Draft Role" not in html

    def test_navbar_depends_on_role(self, client):
        assert "Sign in" in client.get(reverse("home")).content.decode()
        client.force_login(StaffFactory())
        html = client.get(reverse("home")).content.decode()
        assert reverse("admin:index") in html
        assert "Sign out" in html

    def test_visitors_are_offered_to_post_a_job(self, client):
        offer = f'href="{reverse("for_employers")}">Post a job</a>'
        for url in (reverse("home"), reverse("job_list")):
            assert offer in client.get(url).content.decode()
        page = client.get(reverse("for_employers"))
        assert page.status_code == 200
        html = page.content.decode()
        assert "I want to… hire" in html
        assert f'href="{reverse("account_signup")}"' in html
        # Signed in, the nav leads where the account can go instead.
        client.force_login(SeekerFactory())
        assert offer not in client.get(reverse("home")).content.decode()
        employer = MembershipFactory().user
        client.force_login(employer)
        html = client.get(reverse("home")).content.decode()
        assert offer not in html
        assert f'href="{reverse("employer_dashboard")}"' in html

    def test_the_pay_promise_is_true_when_some_jobs_have_none(self, client):
        JobFactory(title="Paid", salary_min=50000, salary_max=60000)
        JobFactory(title="Unpaid", salary_min=None, salary_max=None)
        html = client.get(reverse("home")).content.decode()
        assert "companies that show their pay" not in html
        assert "the pay shown wherever the company shares it" in html

    def test_sign_out_is_a_post_form(self, client):
        client.force_login(SeekerFactory())
        html = client.get(reverse("home")).content.decode()
        assert f'<form method="post" action="{reverse("account_logout")}"' in html

    def test_page_has_landmarks_skip_link_and_csrf_header(self, client):
        html = client.get(reverse("home")).content.decode()
        assert 'href="#main"' in html and '<main id="main"' in html
        assert "<nav" in html and "<footer" in html
        assert 'hx-headers=\'{"X-CSRFToken": "' in html
        assert "/static/django_htmx/htmx-2.min.js" in html
        assert "//cdn" not in html


class TestJobList:
    def test_paginates_twenty_per_page_with_real_links(self, client):
        JobFactory.create_batch(25)
        first = client.get(reverse("job_list"))
        assert len(first.context["page"].object_list) == 20
        assert 'href="?page=2"' in first.content.decode()
        second = client.get(reverse("job_list"), {"page": 2})
        assert len(second.context["page"].object_list) == 5

    @pytest.mark.parametrize("page", ["-1", "abc", "99999", "", "1\x00"])
    def test_odd_page_numbers_never_fail(self, client, page):
        JobFactory()
        # An empty page is dropped from the URL first (a redirect), then served.
        response = client.get(reverse("job_list"), {"page": page}, follow=True)
        assert response.status_code == 200

    def test_newest_first(self, client):
        now = timezone.now()
        older = JobFactory(published_at=now - timedelta(days=3))
        newer = JobFactory(published_at=now - timedelta(days=1))
        jobs = list(client.get(reverse("job_list")).context["page"])
        assert jobs == [newer, older]

    def test_query_count_does_not_grow_with_the_number_of_jobs(
        self, client, django_capture_on_commit_callbacks
    ):
        JobFactory.create_batch(3)
        with CaptureQueriesContext(connection) as few:
            client.get(reverse("job_list"))
        # Committed, so cached listings are stale (board/listings/caching.py) and this counts again.
        with django_capture_on_commit_callbacks(execute=True):
            JobFactory.create_batch(17)
        with CaptureQueriesContext(connection) as many:
            client.get(reverse("job_list"))
        assert len(many) == len(few) <= 5  # 5: the pay chart's distribution (board/payinsight)


class TestJobDetail:
    def test_shows_the_job(self, client):
        job = JobFactory(title="Data Engineer", salary_min=70000, salary_max=90000)
        html = client.get(job.get_absolute_url()).content.decode()
        assert "Data Engineer" in html
        assert job.company.name in html
        assert "€70,000–€90,000 per year" in html

    @pytest.mark.parametrize("slug", ["wrong-slug", "old-title"])
    def test_wrong_slug_redirects_permanently(self, client, slug):
        job = JobFactory()
        response = client.get(f"/jobs/{job.pk}-{slug}/")
        assert response.status_code == 301
        assert response["Location"] == job.get_absolute_url()

    def test_id_alone_redirects_to_the_canonical_url(self, client):
        job = JobFactory()
        response = client.get(f"/jobs/{job.pk}/")
        assert (response.status_code, response["Location"]) == (301, job.get_absolute_url())

    def test_missing_job_is_404(self, client):
        assert client.get("/jobs/999999-nothing/").status_code == 404

    @pytest.mark.parametrize("status", ["draft", "pending", "rejected"])
    def test_unpublished_jobs_are_404_to_the_public_and_other_users(self, client, status):
        job = JobFactory(status=status, published_at=None, expires_at=None)
        assert client.get(job.get_absolute_url()).status_code == 404
        assert client.head(job.get_absolute_url()).status_code == 404
        client.force_login(SeekerFactory())
        assert client.get(job.get_absolute_url()).status_code == 404
        client.force_login(MembershipFactory().user)  # employer of another company
        assert client.get(job.get_absolute_url()).status_code == 404

    @pytest.mark.parametrize("status", ["draft", "pending", "rejected"])
    def test_unpublished_jobs_are_shown_to_their_company_and_staff(self, client, status):
        company = CompanyFactory()
        job = JobFactory(company=company, status=status, published_at=None, expires_at=None)
        client.force_login(MembershipFactory(company=company).user)
        assert client.get(job.get_absolute_url()).status_code == 200
        client.force_login(StaffFactory())
        assert client.get(job.get_absolute_url()).status_code == 200

    @pytest.mark.parametrize("status", [Job.Status.CLOSED, Job.Status.EXPIRED])
    def test_closed_and_expired_keep_their_page_with_a_banner(self, client, status):
        job = JobFactory(status=status)
        html = client.get(job.get_absolute_url()).content.decode()
        assert "no longer accepting applications" in html
        assert '<meta name="robots" content="noindex">' in html

    def test_external_apply_link_on_live_jobs_only(self, client):
        job = JobFactory(apply_url="https://careers.example.com/123")
        assert "Apply on company site" in client.get(job.get_absolute_url()).content.decode()
        job.close()
        assert "Apply on company site" not in client.get(job.get_absolute_url()).content.decode()

    def test_script_in_job_text_is_inert(self, client):
        job = JobFactory(
            title="<script>alert(1)</script>", description="<script>alert(2)</script> hi"
        )
        html = client.get(job.get_absolute_url()).content.decode()
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert(1)" in html


class TestCompanyDetail:
    def test_lists_visible_jobs_of_the_company(self, client):
        company = CompanyFactory(name="Acme", about="We make anvils.")
        JobFactory(company=company, title="Anvil Tester")
        JobFactory(company=company, title="Secret Draft", draft=True)
        html = client.get(company.get_absolute_url()).content.decode()
        assert "We make anvils." in html
        assert "Anvil Tester" in html
        assert "Secret Draft" not in html

    def test_unknown_company_is_404(self, client):
        assert client.get("/companies/nobody/").status_code == 404


def test_company_page_is_paginated(client):
    company = CompanyFactory()
    JobFactory.create_batch(22, company=company)
    response = client.get(company.get_absolute_url())
    assert len(response.context["page"].object_list) == 20
    assert response.context["page"].paginator.count == 22
    assert 'href="?page=2"' in response.content.decode()
