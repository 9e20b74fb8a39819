"""Bulk moves: the single-application rule applied to each, reported one by one."""

import pytest
from django.db import transaction

from board.applications import bulk
from board.applications.message_forms import BulkForm
from board.applications.message_models import ApplicationMessage
from board.applications.messaging import InvalidMessage
from board.applications.models import Application, ApplicationEvent
from board.notifications.models import Notification
from board.tests.factories import ApplicationFactory, JobFactory, MembershipFactory

pytestmark = pytest.mark.django_db

S = Application.Status


@pytest.fixture
def job(company):
    return JobFactory(company=company, title="Data Engineer")


@pytest.fixture
def recruiter(company):
    return MembershipFactory(company=company, role="recruiter").user


def make(job, *statuses):
    return [ApplicationFactory(job=job, status=status) for status in statuses]


def test_mixed_statuses_move_where_the_rule_allows_and_say_why_not_elsewhere(job, recruiter):
    new, reviewing, hired, withdrawn = make(job, S.SUBMITTED, S.REVIEWING, S.HIRED, S.WITHDRAWN)
    ids = [new.pk, reviewing.pk, hired.pk, withdrawn.pk]
    result = bulk.move_applications(recruiter, ids, S.INTERVIEWING)
    assert [a.pk for a in result.moved] == [new.pk, reviewing.pk]
    assert [(a.pk, why) for a, why in result.refused] == [
        (hired.pk, "An application that is hired cannot move to that status."),
        (withdrawn.pk, "An application that is withdrawn cannot move to that status."),
    ]
    statuses = dict(Application.objects.values_list("pk", "status"))
    assert statuses == {
        new.pk: S.INTERVIEWING,
        reviewing.pk: S.INTERVIEWING,
        hired.pk: S.HIRED,
        withdrawn.pk: S.WITHDRAWN,
    }
    # One event and one status e-mail per moved application, none for the refused.
    assert ApplicationEvent.objects.count() == 2
    kinds = Notification.objects.values_list("kind", "object_id")
    assert sorted(kinds) == sorted(("status_changed", e.pk) for e in ApplicationEvent.objects.all())


def test_another_companys_ids_are_not_found_and_untouched(job, employer):
    mine = make(job, S.SUBMITTED)[0]
    foreign = ApplicationFactory(status=S.SUBMITTED)  # another company's job
    result = bulk.move_applications(
        employer, [foreign.pk, mine.pk, 987654], S.REJECTED, reason="filled"
    )
    assert [a.pk for a in result.moved] == [mine.pk]
    assert result.not_found == [foreign.pk, 987654]
    foreign.refresh_from_db()
    assert foreign.status == S.SUBMITTED and not foreign.events.exists()


def test_a_member_of_no_company_is_refused_like_a_missing_object(job):
    from django.http import Http404

    from board.tests.factories import EmployerFactory

    application = make(job, S.SUBMITTED)[0]
    with pytest.raises(Http404):
        bulk.move_applications(EmployerFactory(), [application.pk], S.REVIEWING)
    application.refresh_from_db()
    assert application.status == S.SUBMITTED


def test_too_many_is_refused_before_anything_moves(job, employer):
    application = make(job, S.SUBMITTED)[0]
    ids = [application.pk, *range(10**6, 10**6 + bulk.MAX_PER_REQUEST)]
    with pytest.raises(bulk.BulkRefused, match="at most 200 applicants at a time"):
        bulk.move_applications(employer, ids, S.REVIEWING)
    application.refresh_from_db()
    assert application.status == S.SUBMITTED


def test_exactly_the_cap_is_accepted(job, employer):
    application = make(job, S.SUBMITTED)[0]
    ids = [application.pk, *range(10**6, 10**6 + bulk.MAX_PER_REQUEST - 1)]
    result = bulk.move_applications(employer, ids, S.REVIEWING)
    assert len(result.moved) == 1 and len(result.not_found) == bulk.MAX_PER_REQUEST - 1


@pytest.mark.parametrize(
    "status,reason,message",
    [
        (S.REJECTED, "", "Choose a reason for the rejection."),
        (S.REJECTED, "because", "Choose a reason for the rejection."),
        (S.REVIEWING, "filled", "A reason goes with a rejection only."),
        (S.WITHDRAWN, "", "Choose a status to move the applicants to."),
        (S.CLOSED, "", "Choose a status to move the applicants to."),  # the stale run's
        ("nonsense", "", "Choose a status to move the applicants to."),
    ],
)
def test_requests_that_cannot_be_done_change_nothing(job, employer, status, reason, message):
    application = make(job, S.SUBMITTED)[0]
    with pytest.raises(bulk.BulkRefused, match=message):
        bulk.move_applications(employer, [application.pk], status, reason=reason)
    assert not ApplicationEvent.objects.exists() and not Notification.objects.exists()


def test_the_bulk_form_offers_what_a_member_may_choose():
    offered = [status for status, _ in BulkForm.base_fields["status"].choices]
    assert S.WITHDRAWN not in offered and S.CLOSED not in offered
    assert S.REJECTED in offered and S.HIRED in offered


def test_no_selection_is_refused(employer):
    with pytest.raises(bulk.BulkRefused, match=r"Select at least one applicant\."):
        bulk.move_applications(employer, [], S.REVIEWING)


def test_a_rejection_stores_its_reason_and_whether_it_is_shared(job, employer):
    shared, private = make(job, S.SUBMITTED, S.REVIEWING)
    bulk.move_applications(
        employer,
        [shared.pk],
        S.REJECTED,
        reason="filled",
        reason_text="We hired internally.",
        share_reason=True,
    )
    bulk.move_applications(
        employer, [private.pk], S.REJECTED, reason="skills", reason_text="No Go experience."
    )
    shared_event, private_event = shared.events.get(), private.events.get()
    assert (shared_event.reason, shared_event.reason_text, shared_event.reason_shared) == (
        "filled",
        "We hired internally.",
        True,
    )
    assert shared_event.shared_reason == "The position has been filled: We hired internally."
    assert private_event.reason == "skills" and private_event.shared_reason == ""


def test_a_message_from_a_template_is_filled_for_each_applicant(job, employer):
    first, second = make(job, S.SUBMITTED, S.REVIEWING)
    result = bulk.move_applications(
        employer,
        [first.pk, second.pk],
        S.REJECTED,
        reason="other_candidate",
        subject="Your application for {job_title}",
        body="Dear {applicant_name}, thank you. {company_name}",
    )
    assert len(result.moved) == 2
    for application in (first, second):
        message = application.messages.get()
        assert message.subject == "Your application for Data Engineer"
        assert message.body == (
            f"Dear {application.applicant.display_name}, thank you. {job.company.name}"
        )
        assert message.event == application.events.get()
        assert message.sender == employer
    # The message e-mail replaces the status e-mail: one e-mail per applicant.
    assert sorted(Notification.objects.values_list("kind", flat=True)) == [
        "application_message",
        "application_message",
    ]


def test_an_unknown_placeholder_refuses_the_whole_request(job, employer):
    application = make(job, S.SUBMITTED)[0]
    with pytest.raises(InvalidMessage, match=r"Unknown placeholder \{applicant_name.__class__\}"):
        bulk.move_applications(
            employer,
            [application.pk],
            S.REJECTED,
            reason="filled",
            subject="Hi",
            body="{applicant_name.__class__}",
        )
    application.refresh_from_db()
    assert application.status == S.SUBMITTED and not ApplicationMessage.objects.exists()


def test_one_changed_by_someone_else_meanwhile_is_refused_and_the_rest_moved(
    job, employer, monkeypatch
):
    first, second = make(job, S.SUBMITTED, S.SUBMITTED)
    original = Application.move_to

    def colleague_was_faster(self, status, by):
        if self.pk == second.pk:  # a colleague hires… no: rejects it just before us
            Application.objects.filter(pk=self.pk).update(status=S.REJECTED)
        return original(self, status, by)

    monkeypatch.setattr(Application, "move_to", colleague_was_faster)
    result = bulk.move_applications(employer, [first.pk, second.pk], S.REVIEWING)
    assert [a.pk for a in result.moved] == [first.pk]
    [(refused, why)] = result.refused
    assert refused.pk == second.pk and refused.status == S.REJECTED
    assert why == "Someone else changed this application a moment ago."
    assert not second.events.exists()


def test_a_failure_after_the_move_rolls_back_that_application_only(job, employer, monkeypatch):
    first, second = make(job, S.SUBMITTED, S.SUBMITTED)
    from board.applications import bulk as module

    calls = []

    def failing_notify(kind, object_id):
        calls.append(object_id)
        if len(calls) == 2:
            raise RuntimeError("the outbox table is gone")
        return Notification.objects.create(kind=kind, object_id=object_id)

    monkeypatch.setattr(module, "notify", failing_notify)
    with pytest.raises(RuntimeError):
        bulk.move_applications(employer, [first.pk, second.pk], S.REVIEWING)
    first.refresh_from_db()
    second.refresh_from_db()
    # The first is done entirely, the second not at all: never a move without its event
    # and e-mail.
    assert first.status == S.REVIEWING and first.events.count() == 1
    assert second.status == S.SUBMITTED and not second.events.exists()
    assert Notification.objects.count() == 1


def test_each_move_is_its_own_transaction_inside_an_outer_one(job, employer):
    (application,) = make(job, S.SUBMITTED)
    with transaction.atomic():
        bulk.move_applications(employer, [application.pk, application.pk], S.REVIEWING)
    # Duplicated ids count once.
    assert application.events.count() == 1
