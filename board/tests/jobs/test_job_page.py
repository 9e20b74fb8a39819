import json
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from board.jobs.models import Job
from board.tests.factories import (
    ApplicationFactory,
    CategoryFactory,
    CompanyFactory,
    JobFactory,
    SavedJobFactory,
    SeekerFactory,
)
from board.tests.jobs.places import make_places

pytestmark = pytest.mark.django_db

LD_JSON = re.compile(r'<script type="application/ld\+json" nonce="[^"]+">(.*?)</script>', re.S)


def job_posting(html):
    scripts = LD_JSON.findall(html)
    assert len(scripts) == 1
    return json.loads(scripts[0])


class TestJobPostingMarkup:
    def test_matches_the_page(self, client, settings):
        settings.SITE_URL = "https://jobs.example.com"
        company = CompanyFactory(name="Acme", website="https://acme.example")
        job = JobFactory(
            company=company,
            title="Data Engineer",
            employment_type=Job.EmploymentType.CONTRACT,
            salary_min=500,
            salary_max=650,
            salary_currency="GBP",
            salary_period=Job.SalaryPeriod.DAY,
            city="Leeds",
            region="West Yorkshire",
            country="GB",
        )
        data = job_posting(client.get(job.get_absolute_url()).content.decode())
        assert data["@context"] == "https://schema.org/"
        assert data["@type"] == "JobPosting"
        assert data["title"] == "Data Engineer"
        assert data["datePosted"] == job.published_at.isoformat()
        assert data["validThrough"] == job.expires_at.isoformat()
        assert data["employmentType"] == "CONTRACTOR"
        assert data["hiringOrganization"] == {
            "@type": "Organization",
            "name": "Acme",
            "sameAs": "https://acme.example",
        }
        assert data["baseSalary"] == {
            "@type": "MonetaryAmount",
            "currency": "GBP",
            "value": {
                "@type": "QuantitativeValue",
                "minValue": 500,
                "maxValue": 650,
                "unitText": "DAY",
            },
        }
        assert data["jobLocation"]["address"] == {
            "@type": "PostalAddress",
            "addressLocality": "Leeds",
            "addressRegion": "West Yorkshire",
            "addressCountry": "GB",
        }
        assert data["identifier"] == {
            "@type": "PropertyValue",
            "name": "Nexus Jobs",
            "value": str(job.pk),
        }
        assert data["directApply"] is True
        assert data["url"] == "https://jobs.example.com" + job.get_absolute_url()
        assert "<h2>What you'll do</h2>" in data["description"]

    @pytest.mark.parametrize(
        ("employment_type", "expected"),
        [
            ("full_time", "FULL_TIME"),
            ("part_time", "PART_TIME"),
            ("contract", "CONTRACTOR"),
            ("temporary", "TEMPORARY"),
            ("internship", "INTERN"),
        ],
    )
    def test_employment_types_use_googles_values(self, client, employment_type, expected):
        job = JobFactory(employment_type=employment_type)
        data = job_posting(client.get(job.get_absolute_url()).content.decode())
        assert data["employmentType"] == expected

    def test_remote_job_is_telecommute_with_a_country_requirement(self, client):
        job = JobFactory(workplace=Job.Workplace.REMOTE, city="", country="")
        job.remote_within.set([make_places()["pt"]])
        data = job_posting(client.get(job.get_absolute_url()).content.decode())
        assert data["jobLocationType"] == "TELECOMMUTE"
        assert data["applicantLocationRequirements"] == {"@type": "Country", "name": "PT"}
        assert "jobLocation" not in data

    def test_external_apply_is_not_direct_and_no_salary_means_no_base_salary(self, client):
        job = JobFactory(
            apply_url="https://careers.example.com/1", salary_min=None, salary_max=None
        )
        data = job_posting(client.get(job.get_absolute_url()).content.decode())
        assert data["directApply"] is False
        assert "baseSalary" not in data

    def test_logo_is_an_absolute_url(self, client, settings):
        settings.SITE_URL = "https://jobs.example.com"
        company = CompanyFactory(slug="acme", logo="logos/abc.webp")
        job = JobFactory(company=company)
        data = job_posting(client.get(job.get_absolute_url()).content.decode())
        assert data["hiringOrganization"]["logo"] == "https://jobs.example.com/companies/acme/logo/"

    @pytest.mark.parametrize(
        "title",
        [
            "</script><script>alert(1)</script>",
            "<!--<script>",
            "Dev & Ops </SCRIPT >",
            '"},"title":"injected',
        ],
    )
    def test_title_cannot_break_out_of_the_script(self, client, title):
        job = JobFactory(title=title, description=f"{title} with **bold**")
        html = client.get(job.get_absolute_url()).content.decode()
        block = LD_JSON.search(html).group(1)
        assert "<" not in block and ">" not in block
        assert json.loads(block)["title"] == title
        assert "<script>alert(1)" not in html

    def test_nonce_matches_the_csp_header(self, client):
        job = JobFactory()
        response = client.get(job.get_absolute_url())
        nonce = re.search(r'application/ld\+json" nonce="([^"]+)"', response.text).group(1)
        assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]


class TestClosedJobs:
    @pytest.mark.parametrize("status", [Job.Status.CLOSED, Job.Status.EXPIRED])
    def test_closed_and_expired_have_banner_noindex_and_no_job_posting(self, client, status):
        job = JobFactory(status=status)
        html = client.get(job.get_absolute_url()).content.decode()
        assert "no longer accepting applications" in html
        assert '<meta name="robots" content="noindex">' in html
        assert "application/ld+json" not in html
        assert f"/jobs/{job.pk}/apply/" not in html

    def test_published_past_its_expiry_is_treated_as_expired(self, client):
        job = JobFactory(expires_at=timezone.now() - timedelta(minutes=1))
        html = client.get(job.get_absolute_url()).content.decode()
        assert "no longer accepting applications" in html
        assert '<meta name="robots" content="noindex">' in html
        assert "application/ld+json" not in html

    def test_no_apply_form_on_a_closed_job_even_for_a_verified_seeker(self, client):
        job = JobFactory(status=Job.Status.CLOSED)
        client.force_login(SeekerFactory())
        html = client.get(job.get_absolute_url()).content.decode()
        assert f"/jobs/{job.pk}/apply/" not in html
        assert "not accepting applications" in html

    def test_live_job_is_indexable_with_a_canonical_link(self, client, settings):
        settings.SITE_URL = "https://jobs.example.com"
        job = JobFactory()
        html = client.get(job.get_absolute_url()).content.decode()
        assert "noindex" not in html
        assert (
            f'<link rel="canonical" href="https://jobs.example.com{job.get_absolute_url()}">'
            in html
        )


class TestOpenGraphAndMeta:
    def test_tags(self, client, settings):
        settings.SITE_URL = "https://jobs.example.com"
        company = CompanyFactory(name="Acme")
        job = JobFactory(company=company, title="Data Engineer", city="Berlin", country="DE")
        html = client.get(job.get_absolute_url()).content.decode()
        summary = "Data Engineer at Acme in Berlin, Germany. Full-time, On-site."
        assert f'<meta name="description" content="{summary}">' in html
        assert '<meta property="og:title" content="Data Engineer at Acme">' in html
        assert f'<meta property="og:description" content="{summary}">' in html
        url = f"https://jobs.example.com{job.get_absolute_url()}"
        assert f'<meta property="og:url" content="{url}">' in html
        assert '<meta property="og:type" content="website">' in html

    def test_quotes_in_a_title_cannot_leave_the_attribute(self, client):
        job = JobFactory(title='"><script>alert(1)</script>')
        html = client.get(job.get_absolute_url()).content.decode()
        assert 'content="&quot;&gt;&lt;script&gt;' in html
        assert "<script>alert(1)" not in html


class TestPageContent:
    def test_company_card_salary_visa_and_posted(self, client):
        company = CompanyFactory(name="Acme", verified=True, slug="acme", logo="logos/a.webp")
        job = JobFactory(
            company=company,
            visa_sponsorship=True,
            published_at=timezone.now() - timedelta(days=3),
        )
        html = client.get(job.get_absolute_url()).content.decode()
        assert 'src="/companies/acme/logo/?v=a"' in html
        assert 'href="/companies/acme/"' in html
        assert "Verified" in html
        assert "€60,000–€80,000 per year" in html
        assert "Visa sponsorship available" in html
        assert "Posted <time" in html and "3 days ago</time>" in html

    def test_similar_jobs_same_category_visible_and_not_itself(self, client):
        category, other_category = CategoryFactory(), CategoryFactory()
        job = JobFactory(category=category, title="The Job Itself")
        similar = JobFactory.create_batch(5, category=category)
        JobFactory(category=other_category, title="Other Category Role")
        JobFactory(category=category, title="Closed Role", status=Job.Status.CLOSED)
        JobFactory(category=category, title="Draft Role", draft=True)
        JobFactory(
            category=category, title="Lapsed Role", expires_at=timezone.now() - timedelta(hours=1)
        )
        response = client.get(job.get_absolute_url())
        shown = response.context["similar_jobs"]
        assert len(shown) == 4
        assert set(shown) <= set(similar)
        html = response.content.decode()
        for title in ["Other Category Role", "Closed Role", "Draft Role", "Lapsed Role"]:
            assert title not in html
        assert html.count("The Job Itself") >= 1
        assert f'href="{job.get_absolute_url()}" class="stretched-link' not in html

    def test_save_state_on_the_page_and_on_similar_jobs(self, client):
        seeker = SeekerFactory()
        category = CategoryFactory()
        job = JobFactory(category=category)
        similar = JobFactory(category=category)
        SavedJobFactory(user=seeker, job=similar)
        client.force_login(seeker)
        html = client.get(job.get_absolute_url()).content.decode()
        assert f'action="/jobs/{job.pk}/save/"' in html
        assert f'action="/jobs/{similar.pk}/unsave/"' in html

    def test_anonymous_sees_sign_in_links_for_save_and_apply(self, client):
        job = JobFactory()
        html = client.get(job.get_absolute_url()).content.decode()
        assert f"/accounts/login/?next=/jobs/{job.pk}-{job.slug}/" in html
        assert "Sign in to apply" in html


class TestQueryCount:
    def _count(self, client, job):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(job.get_absolute_url()).status_code == 200
        return len(queries)

    def test_bounded_for_anonymous_and_seeker_whatever_the_similar_jobs(self, client):
        category = CategoryFactory()
        job = JobFactory(category=category)
        anonymous_few = self._count(client, job)
        seeker = SeekerFactory()
        client.force_login(seeker)
        seeker_few = self._count(client, job)
        for similar in JobFactory.create_batch(6, category=category):
            SavedJobFactory(user=seeker, job=similar)
        seeker_many = self._count(client, job)
        client.logout()
        anonymous_many = self._count(client, job)
        # The job, its similar jobs, its locations, its pay distribution (board/payinsight)
        # (and the session for a seeker).
        assert anonymous_few == anonymous_many <= 4
        # At most one more with cards: the exchange rates their pay is converted with,
        # read once for all of them (and then cached: the anonymous visit reads none).
        # A seeker's apply form also reads the job's screening questions: one query.
        # 13: "pay above the median" (board/payinsight) reads its distribution.
        assert seeker_few <= seeker_many <= seeker_few + 1 <= 13

    def test_bounded_after_applying(self, client):
        application = ApplicationFactory()
        client.force_login(application.applicant)
        assert self._count(client, application.job) <= 10
