"""Messages to applicants, templates, the timeline and the applicant's e-mails."""

import pytest
from django.db import transaction
from django.urls import reverse

from board.applications import bulk, messaging
from board.applications.message_models import ApplicationMessage, MessageTemplate
from board.applications.models import Application
from board.jobs.models import InvalidTransition
from board.notifications.models import Notification
from board.tests import resume_files
from board.tests.factories import (
    ApplicationFactory,
    CompanyFactory,
    JobFactory,
    MembershipFactory,
    SeekerFactory,
)

pytestmark = pytest.mark.django_db

S = Application.Status


@pytest.fixture
def application(company):
    job = JobFactory(company=company, title="Data Engineer")
    return ApplicationFactory(
        job=job, applicant=SeekerFactory(first_name="Sam", last_name="Rivera")
    )


class TestSendMessage:
    def test_a_member_sends_it_filled_in_and_it_is_emailed_after_the_commit(
        self, application, company, django_capture_on_commit_callbacks, mailoutbox
    ):
        recruiter = MembershipFactory(company=company, role="recruiter").user
        with django_capture_on_commit_callbacks(execute=True):
            message = messaging.send_message(
                application, recruiter, "Interview for {job_title}", "Dear {applicant_name},\nhi"
            )
        assert (message.subject, message.body) == (
            "Interview for Data Engineer",
            f"Dear {application.applicant.display_name},\nhi",
        )
        [mail] = mailoutbox
        assert mail.to == [application.applicant.email]
        assert mail.subject == f"[Nexus Jobs] {company.name}: Interview for Data Engineer"
        assert f"Dear {application.applicant.display_name}," in mail.body
        assert reverse("my_application", args=[application.pk]) in mail.body
        assert Notification.objects.get().sent_at is not None

    def test_nothing_is_sent_or_kept_if_the_transaction_rolls_back(
        self, application, employer, django_capture_on_commit_callbacks, mailoutbox
    ):
        with (
            django_capture_on_commit_callbacks(execute=True) as callbacks,
            pytest.raises(RuntimeError),
            transaction.atomic(),
        ):
            messaging.send_message(application, employer, "Hi", "Hello")
            raise RuntimeError("the request failed later")
        assert callbacks == [] and mailoutbox == []
        assert not ApplicationMessage.objects.exists() and not Notification.objects.exists()

    @pytest.mark.parametrize("who", ["other company", "applicant", "seeker"])
    def test_only_the_hiring_company_may(self, application, who):
        user = {
            "other company": lambda: MembershipFactory().user,
            "applicant": lambda: application.applicant,
            "seeker": SeekerFactory,
        }[who]()
        with pytest.raises(messaging.NotFound):
            messaging.send_message(application, user, "Hi", "Hello")
        assert not ApplicationMessage.objects.exists()

    def test_a_withdrawn_application_takes_no_message(self, application, employer):
        Application.objects.filter(pk=application.pk).update(status=S.WITHDRAWN)
        application.refresh_from_db()
        with pytest.raises(InvalidTransition, match="withdrew"):
            messaging.send_message(application, employer, "Hi", "Hello")

    @pytest.mark.parametrize("body", ["{0}", "{applicant_name.__class__}", "{", "{{x}"])
    def test_hostile_placeholders_are_refused(self, application, employer, body):
        with pytest.raises(messaging.InvalidMessage):
            messaging.send_message(application, employer, "Hi", body)
        assert not ApplicationMessage.objects.exists()

    def test_the_html_email_escapes_the_text(
        self, application, employer, django_capture_on_commit_callbacks, mailoutbox
    ):
        with django_capture_on_commit_callbacks(execute=True):
            messaging.send_message(application, employer, "Hi\nBcc: x@evil.example", "<b>x</b>")
        [mail] = mailoutbox
        html = mail.alternatives[0][0]
        assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html
        assert "\n" not in mail.subject and "Bcc" not in mail.extra_headers


class TestTemplates:
    def test_a_company_without_templates_is_offered_the_defaults(self, company):
        keys = [key for key, _ in messaging.template_choices(company)]
        assert keys == ["default-rejection", "default-interview", "default-offer", "default-other"]
        assert not MessageTemplate.objects.exists()
        template = messaging.template_by_key(company, "default-rejection")
        assert template.kind == "rejection" and "{applicant_name}" in template.body

    def test_defaults_have_only_known_placeholders(self):
        for each in messaging.DEFAULT_TEMPLATES:
            messaging.check_text(each["subject"], each["body"])

    def test_once_it_has_its_own_only_those_are_offered(self, company):
        added = messaging.add_default_templates(company)
        assert len(added) == 4
        assert messaging.add_default_templates(company) == []  # not twice
        offered = [t for _, t in messaging.template_choices(company)]
        assert all(t.pk for t in offered) and len(offered) == 4

    def test_another_companys_template_cannot_be_picked(self, company):
        other = MessageTemplate.objects.create(
            company=CompanyFactory(), name="Theirs", subject="S", body="B"
        )
        messaging.add_default_templates(company)
        assert messaging.template_by_key(company, other.pk) is None


class TestConfirmationEmail:
    def test_the_applicant_gets_a_receipt_with_what_happens_next_and_the_link(
        self, client, django_capture_on_commit_callbacks, mailoutbox
    ):
        job = JobFactory(title="Data Engineer")
        MembershipFactory(company=job.company)
        seeker = SeekerFactory()
        client.force_login(seeker)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("apply_to_job", args=[job.pk]), {"resume": resume_files.good_pdf()})
        application = Application.objects.get()
        [receipt] = [m for m in mailoutbox if m.to == [seeker.email]]
        assert receipt.subject == "[Nexus Jobs] We sent your application for Data Engineer"
        assert "What happens next" in receipt.body
        link = reverse("my_application", args=[application.pk])
        assert link in receipt.body and link in receipt.alternatives[0][0]

    def test_no_receipt_when_the_application_is_not_stored(self, client, mailoutbox):
        job = JobFactory()
        client.force_login(SeekerFactory())
        client.post(reverse("apply_to_job", args=[job.pk]), {"resume": ""})
        assert not Notification.objects.filter(kind="application_received").exists()

    def test_receipt_is_enqueued_in_the_same_transaction_as_the_application(self):
        # Rolled back with it: no receipt for an application that does not exist.
        job = JobFactory()
        seeker = SeekerFactory()
        with pytest.raises(RuntimeError), transaction.atomic():
            from django.utils.datastructures import MultiValueDict

            from board.applications.applying import store_application
            from board.applications.forms import ApplicationForm

            files = MultiValueDict({"resume": [resume_files.good_pdf()]})
            form = ApplicationForm({}, files)
            assert form.is_valid(), form.errors
            store_application(form, job, seeker)
            assert Notification.objects.filter(kind="application_received").exists()
            raise RuntimeError
        assert not Notification.objects.exists()


class TestTimeline:
    def test_messages_and_moves_are_merged_by_time(self, application, employer):
        messaging.send_message(application, employer, "First", "One")
        bulk.move_applications(
            employer, [application.pk], S.REJECTED, reason="filled", subject="Second", body="Two"
        )
        timeline = messaging.timeline_of(application)
        kinds = ["message" if getattr(e, "is_message", False) else e.to_status for e in timeline]
        assert kinds == ["message", "rejected", "message"]

    def test_the_seeker_sees_messages_and_a_shared_reason_only(self, client, company):
        job = JobFactory(company=company)
        owner = MembershipFactory(company=company).user
        shared, private = (ApplicationFactory(job=job) for _ in range(2))
        bulk.move_applications(
            owner,
            [shared.pk],
            S.REJECTED,
            reason="filled",
            reason_text="Hired inside.",
            share_reason=True,
            subject="About {job_title}",
            body="Thanks {applicant_name}",
        )
        bulk.move_applications(
            owner, [private.pk], S.REJECTED, reason="skills", reason_text="Weak SQL, said Kim."
        )
        client.force_login(shared.applicant)
        page = client.get(reverse("my_application", args=[shared.pk])).text
        assert f"About {job.title}" in page and f"Thanks {shared.applicant.display_name}" in page
        assert "Reason: The position has been filled: Hired inside." in page
        assert owner.display_name not in page  # the company's name, not the recruiter's
        client.force_login(private.applicant)
        page = client.get(reverse("my_application", args=[private.pk])).text
        assert "Reason" not in page and "Weak SQL" not in page and "Skills do not" not in page

    def test_the_employer_sees_every_reason_and_whether_it_was_shared(self, client, company):
        job = JobFactory(company=company)
        owner = MembershipFactory(company=company).user
        application = ApplicationFactory(job=job)
        bulk.move_applications(
            owner, [application.pk], S.REJECTED, reason="skills", reason_text="Weak SQL."
        )
        client.force_login(owner)
        page = client.get(reverse("employer_application", args=[application.pk])).text
        assert "Skills do not match the role: Weak SQL." in page
        assert "not shared with the applicant" in page


class TestStatusEmailReason:
    @pytest.mark.parametrize("shared", [True, False])
    def test_the_status_email_carries_the_reason_only_when_shared(
        self, application, employer, django_capture_on_commit_callbacks, mailoutbox, shared
    ):
        with django_capture_on_commit_callbacks(execute=True):
            bulk.move_applications(
                employer,
                [application.pk],
                S.REJECTED,
                reason="skills",
                reason_text="Weak SQL.",
                share_reason=shared,
            )
        [mail] = mailoutbox
        assert mail.to == [application.applicant.email]
        shown = "Reason given: Skills do not match the role: Weak SQL."
        assert (shown in mail.body) == shared
        assert ("Weak SQL" in mail.alternatives[0][0]) == shared
