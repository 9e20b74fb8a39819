"""Ratings: members rate applications 1-5; the pipeline shows, sorts and filters by the
average; the applicant never sees a rating (site, REST, GraphQL)."""

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from board.applications import ratings
from board.applications.models import ApplicationRating
from board.applications.workflow import NotFound
from board.tests.api.conftest import bearer
from board.tests.factories import (
    ApplicationFactory,
    ApplicationNoteFactory,
    JobFactory,
    MembershipFactory,
    SeekerFactory,
)

pytestmark = pytest.mark.django_db

SECRET = "Sharp on PostgreSQL but late twice"


@pytest.fixture
def job(company):
    return JobFactory(company=company)


@pytest.fixture
def recruiter(company):
    return MembershipFactory(company=company, role="recruiter").user


def rate_url(application):
    return reverse("employer_rate_application", args=[application.pk])


def applicants_url(job):
    return reverse("employer_applicants", args=[job.pk])


class TestTheRule:
    def test_a_member_rates_and_changes_their_rating(self, employer, job):
        application = ApplicationFactory(job=job)
        rating, created = ratings.rate_application(application, employer, 2, "Meh")
        assert created
        rating, created = ratings.rate_application(application, employer, 5)
        assert not created
        assert ApplicationRating.objects.get() == rating
        assert (rating.score, rating.comment) == (5, "")

    def test_each_member_has_one_and_the_average_is_theirs(self, employer, recruiter, job):
        application = ApplicationFactory(job=job)
        ratings.rate_application(application, employer, 5)
        ratings.rate_application(application, recruiter, 2)
        annotated = type(application).objects.with_ratings().get(pk=application.pk)
        assert (annotated.rating_average, annotated.rating_count) == (3.5, 2)

    def test_a_non_member_is_refused_like_a_missing_application(self, other_employer, job):
        application = ApplicationFactory(job=job)
        for outsider in (other_employer, application.applicant, SeekerFactory()):
            with pytest.raises(NotFound):
                ratings.rate_application(application, outsider, 4)
        assert not ApplicationRating.objects.exists()

    @pytest.mark.parametrize("score", [0, 6, -1, "5"])
    def test_scores_outside_one_to_five_are_refused(self, employer, job, score):
        with pytest.raises(ratings.InvalidRating):
            ratings.rate_application(ApplicationFactory(job=job), employer, score)

    def test_the_database_keeps_one_rating_per_member(self, employer, job):
        application = ApplicationFactory(job=job)
        ApplicationRating.objects.create(application=application, rater=employer, score=3)
        with pytest.raises(IntegrityError), transaction.atomic():
            ApplicationRating.objects.create(application=application, rater=employer, score=4)

    @pytest.mark.parametrize("score", [0, 6])
    def test_the_database_keeps_scores_within_one_to_five(self, employer, job, score):
        with pytest.raises(IntegrityError), transaction.atomic():
            ApplicationRating.objects.create(
                application=ApplicationFactory(job=job), rater=employer, score=score
            )


class TestRatingOnTheSite:
    @pytest.mark.parametrize("role", ["owner", "recruiter"])
    def test_members_rate_from_the_detail_page(self, client, company, job, role):
        member = MembershipFactory(company=company, role=role).user
        application = ApplicationFactory(job=job)
        client.force_login(member)
        response = client.post(rate_url(application), {"score": "4", "comment": SECRET})
        assert response.status_code == 302
        assert response["Location"] == reverse("employer_application", args=[application.pk])
        page = client.get(response["Location"]).content.decode()
        assert "Your rating was saved." in page
        assert SECRET in page and member.display_name in page
        assert "average <span data-rating-average>4.0</span> / 5 from 1 rating" in page

    def test_htmx_swaps_the_ratings_section(self, client, employer, job):
        application = ApplicationFactory(job=job)
        client.force_login(employer)
        response = client.post(
            rate_url(application), {"score": "3"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="ratings"
        )
        body = response.content.decode()
        assert '<section id="ratings"' in body and "<html" not in body
        assert "Change your rating" in body

    def test_an_invalid_score_says_why_and_changes_nothing(self, client, employer, job):
        application = ApplicationFactory(job=job)
        client.force_login(employer)
        response = client.post(rate_url(application), {"score": "9"}, follow=True)
        assert ratings.INVALID_SCORE in response.content.decode()
        assert not ApplicationRating.objects.exists()

    def test_get_is_refused(self, client, employer, job):
        client.force_login(employer)
        assert client.get(rate_url(ApplicationFactory(job=job))).status_code == 405

    @pytest.mark.parametrize("who", ["other company", "applicant", "seeker"])
    def test_everyone_else_gets_the_404_of_a_missing_id(self, client, job, who):
        application = ApplicationFactory(job=job)
        user = {
            "other company": lambda: MembershipFactory().user,
            "applicant": lambda: application.applicant,
            "seeker": SeekerFactory,
        }[who]()
        client.force_login(user)
        refused = client.post(rate_url(application), {"score": "5"})
        missing = client.post(reverse("employer_rate_application", args=[98765]), {"score": "5"})
        assert refused.status_code == missing.status_code == 404
        assert not ApplicationRating.objects.exists()

    def test_anonymous_visitors_go_to_login(self, client, job):
        response = client.post(rate_url(ApplicationFactory(job=job)), {"score": "5"})
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
        assert not ApplicationRating.objects.exists()


class TestTheApplicantsList:
    @pytest.fixture
    def rated(self, employer, recruiter, job):
        """Three applicants: averages 2.0 (oldest), 4.5, and unrated (newest)."""
        low, high, unrated = ApplicationFactory.create_batch(3, job=job)
        ratings.rate_application(low, employer, 2)
        ratings.rate_application(high, employer, 5)
        ratings.rate_application(high, recruiter, 4)
        return low, high, unrated

    def shown(self, response):
        return [application.pk for application in response.context["page"]]

    def test_shows_the_average_and_count(self, client, employer, job, rated):
        client.force_login(employer)
        page = client.get(applicants_url(job)).content.decode()
        assert "<span data-rating-average>4.5</span> / 5" in page
        assert "(2 ratings)" in page and "(1 rating)" in page and "Not rated" in page

    def test_sorted_best_rated_first_unrated_last(self, client, employer, job, rated):
        low, high, unrated = rated
        client.force_login(employer)
        assert self.shown(client.get(applicants_url(job))) == [unrated.pk, high.pk, low.pk]
        response = client.get(applicants_url(job), {"sort": "rating"})
        assert self.shown(response) == [high.pk, low.pk, unrated.pk]

    def test_filtered_by_minimum_rating_with_the_other_filters_kept(
        self, client, employer, job, rated
    ):
        low, high, _ = rated
        client.force_login(employer)
        response = client.get(applicants_url(job), {"min_rating": "3", "status": "submitted"})
        assert self.shown(response) == [high.pk]
        assert self.shown(client.get(applicants_url(job), {"min_rating": "2"})) == [
            high.pk,
            low.pk,
        ]
        # The sort link in the column header keeps the filters in the query string.
        page = response.content.decode()
        assert "?min_rating=3&amp;status=submitted&amp;sort=rating" in page

    @pytest.mark.parametrize("junk", ["abc", "0", "9", "-1", "1.5", "\x00"])
    def test_junk_filters_are_ignored(self, client, employer, job, rated, junk):
        client.force_login(employer)
        response = client.get(applicants_url(job), {"min_rating": junk, "sort": junk})
        assert response.status_code == 200
        assert len(self.shown(response)) == 3

    def test_the_number_of_queries_does_not_grow_with_applicants(
        self, client, employer, recruiter, job, django_assert_num_queries
    ):
        first = ApplicationFactory(job=job)
        ratings.rate_application(first, employer, 3)
        ratings.rate_application(first, recruiter, 3)
        ApplicationNoteFactory(application=first)
        client.force_login(employer)
        client.get(applicants_url(job))  # warm the session and caches
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as few:
            client.get(applicants_url(job), {"sort": "rating"})
        for application in ApplicationFactory.create_batch(30, job=job):
            ratings.rate_application(application, employer, 4)
            ratings.rate_application(application, recruiter, 1)
            ApplicationNoteFactory(application=application)
        with django_assert_num_queries(len(few)):
            response = client.get(applicants_url(job), {"sort": "rating"})
        assert len(response.context["page"]) == 20
        # Notes are still counted right beside the ratings (no join multiplying them).
        assert {a.notes_count for a in response.context["page"]} == {1}
        assert {a.rating_count for a in response.context["page"]} == {2}


class TestTheApplicantNeverSeesRatings:
    @pytest.fixture
    def application(self, employer, job):
        application = ApplicationFactory(job=job)
        ratings.rate_application(application, employer, 1, SECRET)
        return application

    def test_not_on_the_site(self, application):
        client = Client()
        client.force_login(application.applicant)
        for url in (
            reverse("my_applications"),
            reverse("my_application", args=[application.pk]),
        ):
            page = client.get(url).content.decode()
            assert SECRET not in page and "rating" not in page.lower()

    def test_not_in_rest(self, application):
        api = bearer(application.applicant)
        body = api.get(reverse("api_my_applications")).content.decode()
        assert SECRET not in body and "rating" not in body.lower()
        refused = api.get(reverse("api_ratings", args=[application.pk]))
        assert refused.status_code == 403

    def test_not_in_graphql(self, application):
        client = Client()
        client.force_login(application.applicant)
        query = "{ myApplications { status coverLetter } }"
        answer = client.post("/graphql/", {"query": query}, content_type="application/json")
        assert SECRET not in answer.content.decode()
        # The seeker's type has no rating field to ask for.
        query = "{ myApplications { ratings { score } } }"
        answer = client.post("/graphql/", {"query": query}, content_type="application/json")
        assert "errors" in answer.json() and SECRET not in answer.content.decode()
        query = '{ jobApplicants(jobId: "%s") { edges { node { ratings { comment } } } } }'
        answer = client.post(
            "/graphql/", {"query": query % application.job_id}, content_type="application/json"
        )
        assert answer.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        assert SECRET not in answer.content.decode()


def test_a_minimum_rating_that_leaves_nobody_says_so(client, employer, job):
    ratings.rate_application(ApplicationFactory(job=job), employer, 2)
    client.force_login(employer)
    page = client.get(applicants_url(job), {"min_rating": "4"}).content.decode()
    assert "No applicant has an average rating of 4 or more." in page
    assert "Show every rating" in page
