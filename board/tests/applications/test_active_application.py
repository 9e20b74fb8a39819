"""One *active* application per seeker and job (board/applications/applying.py and the
Application model): withdrawn ones no longer count, so a seeker may apply
again, and a withdrawn application never changes. Runs on SQLite and
PostgreSQL: both enforce the conditional unique constraint."""

import pytest
from django.db import IntegrityError, connection, transaction

from board.applications.applying import ApplyState, application_of, apply_state, last_withdrawn_of
from board.applications.models import Application
from board.jobs.models import InvalidTransition
from board.tests.factories import ApplicationFactory, EmployerFactory, JobFactory, SeekerFactory

pytestmark = pytest.mark.django_db

ACTIVE = [s for s in Application.Status.values if s != "withdrawn"]


@pytest.fixture
def seeker():
    return SeekerFactory()


@pytest.fixture
def job():
    return JobFactory()


class TestConstraint:
    @pytest.mark.parametrize("status", ACTIVE)
    def test_a_second_active_application_is_refused_by_the_database(self, seeker, job, status):
        ApplicationFactory(job=job, applicant=seeker, status=status)
        with pytest.raises(IntegrityError), transaction.atomic():
            ApplicationFactory(job=job, applicant=seeker)
        assert Application.objects.count() == 1

    def test_withdrawn_ones_do_not_count(self, seeker, job):
        first = ApplicationFactory(job=job, applicant=seeker, status="withdrawn")
        second = ApplicationFactory(job=job, applicant=seeker, status="withdrawn")
        active = ApplicationFactory(job=job, applicant=seeker)
        assert set(Application.objects.values_list("pk", flat=True)) == {
            first.pk,
            second.pk,
            active.pk,
        }
        assert list(Application.objects.active()) == [active]

    def test_other_seekers_and_other_jobs_are_independent(self, seeker, job):
        ApplicationFactory(job=job, applicant=seeker)
        ApplicationFactory(job=job)  # another seeker
        ApplicationFactory(applicant=seeker)  # another job
        assert Application.objects.count() == 3

    def test_the_constraint_is_in_the_database(self):
        constraints = connection.introspection.get_constraints(
            connection.cursor(), Application._meta.db_table
        )
        assert "application_one_active_per_job" in constraints
        assert constraints["application_one_active_per_job"]["unique"]
        assert "application_one_per_job" not in constraints


class TestWithdrawnNeverChanges:
    def test_withdrawing_twice_is_refused(self):
        application = ApplicationFactory()
        application.withdraw()
        with pytest.raises(InvalidTransition):
            application.withdraw()
        assert application.events.count() == 1

    def test_a_stale_copy_cannot_move_or_withdraw_it(self):
        application = ApplicationFactory(status="reviewing")
        stale = Application.objects.get(pk=application.pk)
        application.withdraw()
        with pytest.raises(InvalidTransition):
            stale.move_to("interviewing", by=EmployerFactory())
        stale = Application.objects.get(pk=application.pk)
        assert stale.allowed_moves() == []
        application.refresh_from_db()
        assert application.status == "withdrawn"
        assert application.events.count() == 1

    def test_applying_again_leaves_the_withdrawn_one_as_it_was(self, seeker, job):
        old = ApplicationFactory(job=job, applicant=seeker)
        old.withdraw()
        before = Application.objects.values().get(pk=old.pk)
        ApplicationFactory(job=job, applicant=seeker)
        assert Application.objects.values().get(pk=old.pk) == before


class TestApplyingRule:
    def test_application_of_is_the_active_one(self, seeker, job):
        old = ApplicationFactory(job=job, applicant=seeker)
        old.withdraw()
        assert application_of(seeker, job) is None
        assert apply_state(seeker, job, None) == ApplyState.OPEN
        new = ApplicationFactory(job=job, applicant=seeker)
        assert application_of(seeker, job) == new
        assert apply_state(seeker, job, new) == ApplyState.APPLIED

    def test_last_withdrawn_of_is_the_latest_withdrawal(self, seeker, job):
        assert last_withdrawn_of(seeker, job) is None
        first = ApplicationFactory(job=job, applicant=seeker)
        first.withdraw()
        second = ApplicationFactory(job=job, applicant=seeker)
        second.withdraw()
        found = last_withdrawn_of(seeker, job)
        assert found == second
        assert found.withdrawn_at == second.events.get().created
        assert last_withdrawn_of(SeekerFactory(), job) is None

    def test_reapplication_links_the_withdrawn_one_to_the_next(self, seeker, job):
        old = ApplicationFactory(job=job, applicant=seeker)
        assert old.reapplication() is None
        old.withdraw()
        assert old.reapplication() is None
        new = ApplicationFactory(job=job, applicant=seeker)
        ApplicationFactory(job=job)  # another seeker's, later still
        assert old.reapplication() == new
        annotated = {
            a.pk: a.reapplied_id
            for a in Application.objects.filter(applicant=seeker).with_reapplication()
        }
        assert annotated == {old.pk: new.pk, new.pk: None}
