"""Ratings through REST and GraphQL: members read and rate; everyone else is refused
as REST and GraphQL refuse the rest of the pipeline."""

import pytest
from django.test import Client
from django.urls import reverse
from strawberry import relay

from board.applications import ratings
from board.applications.models import ApplicationRating
from board.tests.api.conftest import bearer
from board.tests.factories import ApplicationFactory, JobFactory, MembershipFactory, SeekerFactory

pytestmark = pytest.mark.django_db

RATE = """mutation($id: ID!, $score: Int!, $comment: String) {
  rateApplication(applicationId: $id, score: $score, comment: $comment) { score comment rater } }"""
APPLICANTS = """query($job: ID!, $min: Int, $best: Boolean) {
  jobApplicants(jobId: $job, minRating: $min, bestRatedFirst: $best) { edges { node {
    applicantEmail ratingAverage ratingCount ratings { score comment rater } } } } }"""


@pytest.fixture
def job(company):
    return JobFactory(company=company)


@pytest.fixture
def application(job):
    return ApplicationFactory(job=job)


def users(company, application):
    return {
        "owner": MembershipFactory(company=company).user,
        "recruiter": MembershipFactory(company=company, role="recruiter").user,
        "other company": MembershipFactory().user,
        "applicant": application.applicant,
        "seeker": SeekerFactory(),
    }


def ratings_url(application):
    return reverse("api_ratings", args=[application.pk])


class TestRest:
    @pytest.mark.parametrize("role", ["owner", "recruiter"])
    def test_members_rate_then_change_and_read(self, company, application, role):
        member = users(company, application)[role]
        api = bearer(member)
        first = api.post(ratings_url(application), {"score": 4, "comment": "Good"}, format="json")
        assert first.status_code == 201
        again = api.post(ratings_url(application), {"score": 2}, format="json")
        assert again.status_code == 200
        listed = api.get(ratings_url(application)).json()
        assert listed == [{**again.json(), "rater": member.display_name, "mine": True}]
        assert (listed[0]["score"], listed[0]["comment"]) == (2, "")

    def test_the_applicants_list_has_the_average_and_filters_by_it(self, employer, job):
        low, high = ApplicationFactory.create_batch(2, job=job)
        ratings.rate_application(low, employer, 2)
        ratings.rate_application(high, employer, 5)
        api = bearer(employer)
        url = reverse("api_applicants", args=[job.pk])
        body = api.get(url).json()["results"]
        assert {(a["id"], a["rating_average"], a["rating_count"]) for a in body} == {
            (low.pk, 2.0, 1),
            (high.pk, 5.0, 1),
        }
        assert [a["id"] for a in api.get(url, {"min_rating": 3}).json()["results"]] == [high.pk]

    @pytest.mark.parametrize("score", [0, 6, "x", None])
    def test_a_bad_score_is_a_400_with_the_message(self, employer, application, score):
        answer = bearer(employer).post(ratings_url(application), {"score": score}, format="json")
        assert answer.status_code == 400
        assert "score" in answer.json()
        assert not ApplicationRating.objects.exists()

    @pytest.mark.parametrize(
        "role,code", [("other company", 404), ("applicant", 403), ("seeker", 403)]
    )
    def test_everyone_else_is_refused(self, company, application, role, code):
        api = bearer(users(company, application)[role])
        assert api.get(ratings_url(application)).status_code == code
        assert api.post(ratings_url(application), {"score": 5}, format="json").status_code == code
        assert not ApplicationRating.objects.exists()

    def test_anonymous_is_401(self, application):
        from rest_framework.test import APIClient

        assert APIClient().post(ratings_url(application), {"score": 5}).status_code == 401


def gql(user, query, variables):
    client = Client()
    if user is not None:
        client.force_login(user)
    response = client.post(
        "/graphql/", {"query": query, "variables": variables}, content_type="application/json"
    )
    return response.json()


class TestGraphql:
    @pytest.mark.parametrize("role", ["owner", "recruiter"])
    def test_members_rate_and_read(self, company, job, application, role):
        member = users(company, application)[role]
        global_id = str(relay.GlobalID("Applicant", str(application.pk)))
        answer = gql(member, RATE, {"id": global_id, "score": 5, "comment": "Strong"})
        assert answer["data"]["rateApplication"] == {
            "score": 5,
            "comment": "Strong",
            "rater": member.display_name,
        }
        gql(member, RATE, {"id": str(application.pk), "score": 3})  # a plain id, changed
        nodes = gql(member, APPLICANTS, {"job": str(job.pk)})["data"]["jobApplicants"]["edges"]
        node = nodes[0]["node"]
        assert (node["ratingAverage"], node["ratingCount"]) == (3.0, 1)
        assert node["ratings"] == [{"score": 3, "comment": "", "rater": member.display_name}]

    def test_sorted_and_filtered(self, employer, job):
        low, high, unrated = ApplicationFactory.create_batch(3, job=job)
        ratings.rate_application(low, employer, 2)
        ratings.rate_application(high, employer, 5)
        run = lambda **v: [  # noqa: E731
            edge["node"]["applicantEmail"]
            for edge in gql(employer, APPLICANTS, {"job": str(job.pk), **v})["data"][
                "jobApplicants"
            ]["edges"]
        ]
        emails = {a.pk: a.applicant.email for a in (low, high, unrated)}
        assert run(best=True) == [emails[high.pk], emails[low.pk], emails[unrated.pk]]
        assert run(min=3) == [emails[high.pk]]

    @pytest.mark.parametrize("score", [0, 6])
    def test_a_bad_score_is_bad_user_input(self, employer, application, score):
        answer = gql(employer, RATE, {"id": str(application.pk), "score": score})
        assert answer["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
        assert not ApplicationRating.objects.exists()

    @pytest.mark.parametrize(
        "role,code",
        [("other company", "NOT_FOUND"), ("applicant", "FORBIDDEN"), ("seeker", "FORBIDDEN")],
    )
    def test_everyone_else_is_refused(self, company, application, role, code):
        user = users(company, application)[role]
        answer = gql(user, RATE, {"id": str(application.pk), "score": 5})
        assert answer["errors"][0]["extensions"]["code"] == code
        assert not ApplicationRating.objects.exists()

    def test_anonymous_is_refused(self, application):
        answer = gql(None, RATE, {"id": str(application.pk), "score": 5})
        assert answer["errors"] and answer["data"] is None
        assert not ApplicationRating.objects.exists()

    def test_the_ratings_cost_one_query_for_the_page(
        self, employer, job, django_assert_max_num_queries
    ):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        ratings.rate_application(ApplicationFactory(job=job), employer, 4)
        with CaptureQueriesContext(connection) as few:
            gql(employer, APPLICANTS, {"job": str(job.pk)})
        for application in ApplicationFactory.create_batch(15, job=job):
            ratings.rate_application(application, employer, 3)
        with django_assert_max_num_queries(len(few)):
            answer = gql(employer, APPLICANTS, {"job": str(job.pk)})
        assert len(answer["data"]["jobApplicants"]["edges"]) == 16
