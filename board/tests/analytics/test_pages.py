"""What the employer reads: the dashboard's totals, the analytics page's charts and
table, who may see them, the REST endpoint, and the staff's admin overview."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from board.analytics.models import JobDailyStats
from board.analytics.reports import daily_series
from board.companies.models import Membership
from board.tests.api.conftest import bearer
from board.tests.factories import (
    ApplicationFactory,
    JobFactory,
    MembershipFactory,
    SeekerFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


def days_ago(n):
    return timezone.localdate() - timedelta(days=n)


def applied(job, days_back):
    application = ApplicationFactory(job=job)
    moment = timezone.now() - timedelta(days=days_back)
    type(application).objects.filter(pk=application.pk).update(created=moment)
    return application


@pytest.fixture
def job(company):
    job = JobFactory(company=company)
    JobDailyStats.objects.create(job=job, day=days_ago(0), views=10, apply_starts=4)
    JobDailyStats.objects.create(job=job, day=days_ago(2), views=30, apply_starts=6)
    JobDailyStats.objects.create(job=job, day=days_ago(40), views=500, apply_starts=50)
    applied(job, 0)
    applied(job, 2)
    applied(job, 2)
    applied(job, 45)
    return job


def analytics_url(job, days=None):
    url = reverse("employer_job_analytics", args=[job.pk])
    return f"{url}?days={days}" if days else url


class TestSeries:
    def test_known_counts_make_known_days(self, job):
        series = daily_series(job, 7)
        assert [d.day for d in series.days] == [days_ago(n) for n in range(6, -1, -1)]
        assert [d.views for d in series.days] == [0, 0, 0, 0, 30, 0, 10]
        assert [d.applications for d in series.days] == [0, 0, 0, 0, 2, 0, 1]
        assert (series.views, series.apply_starts, series.applications) == (40, 10, 3)
        assert series.conversion == 7.5

    def test_90_days_reach_back_further(self, job):
        series = daily_series(job, 90)
        assert (series.views, series.applications) == (540, 4)


class TestAnalyticsPage:
    def test_known_counts_make_known_bars(self, client, employer, job):
        client.force_login(employer)
        response = client.get(analytics_url(job, 7))
        assert response.status_code == 200
        body = response.text
        svgs = [_parse(part) for part in _svgs(body)]  # well-formed XML, or this raises
        views = next(svg for svg in svgs if svg.get("data-chart") == "views")
        bars = views.findall(f"{SVG}g/{SVG}rect")
        assert [int(bar.get("data-value")) for bar in bars] == [0, 0, 0, 0, 30, 0, 10]
        heights = [float(bar.get("height")) for bar in bars]
        # 30 views on a 50-high axis: 60 % of the plot; 10 views: 20 %.
        assert heights[4] == pytest.approx(3 * heights[6])
        assert heights[0] == 0
        applications = next(svg for svg in svgs if svg.get("data-chart") == "applications")
        values = [int(bar.get("data-value")) for bar in applications.iter(f"{SVG}rect")]
        assert values == [0, 0, 0, 0, 2, 0, 1]

    def test_each_chart_is_an_image_with_a_text_alternative(self, client, employer, job):
        client.force_login(employer)
        body = client.get(analytics_url(job, 7)).text
        for part in _svgs(body):
            svg = _parse(part)
            assert svg.get("role") == "img"
            title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
            assert title.text and desc.text
            assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
            assert svg.get("viewBox") and "style" not in part  # scales; nothing the CSP blocks
        assert "40 views in 7 days; the most on" in body
        assert 'id="analytics-table"' in body
        assert '<td class="text-end">30</td>' in body

    def test_totals_and_conversion(self, client, employer, job):
        client.force_login(employer)
        body = client.get(analytics_url(job, 7)).text
        assert 'data-total="views">40<' in body
        assert 'data-total="applications">3<' in body
        assert 'data-total="conversion">7.5 %<' in body

    @pytest.mark.parametrize("days", ["abc", "-1", "1000", "7 ", "\x00"])
    def test_an_odd_period_is_the_default(self, client, employer, job, days):
        client.force_login(employer)
        response = client.get(reverse("employer_job_analytics", args=[job.pk]), {"days": days})
        assert response.status_code == 200
        assert response.context["days"] == 30

    def test_no_csp_violation_material(self, client, employer, job):
        client.force_login(employer)
        body = client.get(analytics_url(job)).text
        assert "<script" not in body.split("<main", 1)[-1].split("</main>")[0]
        assert ' style="' not in body


def _parse(svg):
    return ET.fromstring(svg)  # noqa: S314 -- our own page's markup, not untrusted input


def _svgs(body):
    parts = body.split("<svg ")[1:]
    return ["<svg " + part.split("</svg>")[0] + "</svg>" for part in parts if "data-chart" in part]


class TestWhoMaySee:
    @pytest.mark.parametrize("role", [Membership.Role.OWNER, Membership.Role.RECRUITER])
    def test_the_companys_members(self, client, job, role):
        client.force_login(MembershipFactory(company=job.company, role=role).user)
        assert client.get(analytics_url(job)).status_code == 200

    def test_another_companys_member_gets_a_404(self, client, job):
        client.force_login(MembershipFactory().user)
        assert client.get(analytics_url(job)).status_code == 404

    def test_a_seeker_is_refused(self, client, job):
        client.force_login(SeekerFactory())
        assert client.get(analytics_url(job)).status_code == 403

    def test_anonymous_visitors_go_to_login(self, client, job):
        response = client.get(analytics_url(job))
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))

    def test_post_is_refused(self, client, employer, job):
        client.force_login(employer)
        assert client.post(analytics_url(job)).status_code == 405


class TestDashboard:
    def test_totals_of_the_last_30_days(self, client, employer, job):
        client.force_login(employer)
        body = client.get(reverse("employer_dashboard")).text
        # The views and application of 40 and 45 days ago are outside the 30 days.
        assert f'data-analytics="{job.pk}"' in body
        assert "<span data-views>40</span> views" in body
        assert "<span data-applications>3</span> applications" in body
        assert "<span data-conversion>7.5 %</span>" in body
        assert analytics_url(job) in body

    def test_a_constant_number_of_queries(
        self, client, employer, company, django_assert_num_queries
    ):
        client.force_login(employer)
        _jobs_with_stats(company, 2)
        client.get(reverse("employer_dashboard"))  # warm up what is cached per process
        few = _count_queries(client)
        _jobs_with_stats(company, 23)  # a full page of 25
        with django_assert_num_queries(few):
            response = client.get(reverse("employer_dashboard"))
        assert response.text.count("data-analytics=") == 25


def _jobs_with_stats(company, count):
    for _ in range(count):
        job = JobFactory(company=company)
        JobDailyStats.objects.create(job=job, day=days_ago(1), views=5, apply_starts=1)
        applied(job, 1)


def _count_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("employer_dashboard")).status_code == 200
    return len(queries)


class TestApi:
    def test_a_members_client_reads_the_daily_stats(self, client, employer, job):
        response = bearer(employer).get(f"/api/v1/employer/jobs/{job.pk}/stats/?days=7")
        assert response.status_code == 200
        data = response.json()
        assert (data["views"], data["apply_starts"], data["applications"]) == (40, 10, 3)
        assert data["conversion"] == 7.5
        assert [d["views"] for d in data["daily"]] == [0, 0, 0, 0, 30, 0, 10]
        assert data["daily"][-1]["day"] == days_ago(0).isoformat()

    def test_another_companys_client_gets_a_404(self, client, job):
        other = MembershipFactory().user
        response = bearer(other).get(f"/api/v1/employer/jobs/{job.pk}/stats/")
        assert response.status_code == 404

    def test_read_only(self, client, employer, job):
        url = f"/api/v1/employer/jobs/{job.pk}/stats/"
        assert bearer(employer).post(url).status_code == 405


class TestAdminOverview:
    def test_staff_see_totals_per_day_and_top_jobs(self, client, job):
        client.force_login(StaffFactory())
        response = client.get(reverse("admin:board_jobdailystats_changelist"))
        assert response.status_code == 200
        assert [row["views"] for row in response.context["per_day"]] == [10, 30]
        top = list(response.context["top_jobs"])
        assert (top[0]["job_id"], top[0]["views"]) == (job.pk, 40)
        assert job.title in response.text

    def test_others_may_not(self, client, employer, job):
        client.force_login(employer)
        response = client.get(reverse("admin:board_jobdailystats_changelist"))
        assert response.status_code == 302  # to the admin's login


class TestGraphql:
    QUERY = """query($job: ID!, $days: Int) { jobStats(jobId: $job, days: $days) {
      days views applyStarts applications conversion daily { day views applications } } }"""

    def run(self, client, user, job, days=7):
        if user is not None:
            client.force_login(user)
        response = client.post(
            "/graphql/",
            {"query": self.QUERY, "variables": {"job": str(job.pk), "days": days}},
            content_type="application/json",
        )
        return response.json()

    def test_a_member_reads_the_daily_stats(self, client, job):
        recruiter = MembershipFactory(company=job.company, role=Membership.Role.RECRUITER).user
        stats = self.run(client, recruiter, job)["data"]["jobStats"]
        assert (stats["days"], stats["views"], stats["applyStarts"]) == (7, 40, 10)
        assert (stats["applications"], stats["conversion"]) == (3, 7.5)
        assert [d["views"] for d in stats["daily"]] == [0, 0, 0, 0, 30, 0, 10]

    def test_an_odd_period_is_30_days(self, client, employer, job):
        assert self.run(client, employer, job, days=-5)["data"]["jobStats"]["days"] == 30

    @pytest.mark.parametrize(
        ("who", "code"), [("other", "NOT_FOUND"), ("seeker", "FORBIDDEN"), ("anonymous", None)]
    )
    def test_others_may_not(self, client, job, who, code):
        user = {"other": MembershipFactory().user, "seeker": SeekerFactory(), "anonymous": None}
        answer = self.run(client, user[who], job)
        assert answer["data"] is None
        if code:
            assert answer["errors"][0]["extensions"]["code"] == code
