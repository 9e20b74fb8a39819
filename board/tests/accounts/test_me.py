from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from board.accounts.models import SeekerProfile
from board.applications.models import Application
from board.jobs.models import InvalidTransition
from board.tests import resume_files
from board.tests.factories import (
    ApplicationFactory,
    JobFactory,
    MembershipFactory,
    SeekerFactory,
    SeekerProfileFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'
OPEN = ["submitted", "reviewing", "interviewing", "offered"]
DECIDED = ["hired", "rejected", "withdrawn"]


def assert_no_store(response):
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def stored_files(settings):
    root = Path(settings.MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.fixture
def seeker():
    return SeekerFactory()


class TestLoginRequired:
    @pytest.mark.parametrize(
        "name", ["my_applications", "saved_jobs", "my_profile", "profile_resume"]
    )
    def test_anonymous_goes_to_login(self, client, name):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login") + "?next=")

    def test_application_pages_send_anonymous_to_login(self, client):
        application = ApplicationFactory()
        url = reverse("my_application", args=[application.pk])
        assert client.get(url)["Location"].startswith(reverse("account_login"))
        response = client.post(reverse("withdraw_application", args=[application.pk]))
        assert response["Location"].startswith(reverse("account_login"))
        application.refresh_from_db()
        assert application.status == "submitted"


class TestMyApplications:
    def test_lists_mine_newest_first_with_status_and_dates(self, client, seeker):
        older = ApplicationFactory(applicant=seeker, job=JobFactory(title="Older Role"))
        newer = ApplicationFactory(applicant=seeker, job=JobFactory(title="Newer Role"))
        Application.objects.filter(pk=older.pk).update(created=timezone.now() - timedelta(days=2))
        ApplicationFactory(job=JobFactory(title="Someone Else's Role"))
        client.force_login(seeker)
        response = client.get(reverse("my_applications"))
        assert [a.pk for a in response.context["page"]] == [newer.pk, older.pk]
        html = response.content.decode()
        assert "Someone Else" not in html
        assert newer.job.company.name in html
        assert "Submitted" in html
        assert 'hx-history="false"' in html
        assert_no_store(response)

    def test_withdraw_button_only_while_undecided(self, client, seeker):
        undecided = ApplicationFactory(applicant=seeker, status="interviewing")
        decided = ApplicationFactory(applicant=seeker, status="hired")
        client.force_login(seeker)
        html = client.get(reverse("my_applications")).content.decode()
        assert reverse("withdraw_application", args=[undecided.pk]) in html
        assert reverse("withdraw_application", args=[decided.pk]) not in html

    def test_query_count_does_not_grow(self, client, seeker):
        ApplicationFactory.create_batch(2, applicant=seeker)
        client.force_login(seeker)
        with CaptureQueriesContext(connection) as few:
            client.get(reverse("my_applications"))
        ApplicationFactory.create_batch(10, applicant=seeker)
        with CaptureQueriesContext(connection) as many:
            client.get(reverse("my_applications"))
        assert len(few) == len(many)

    @pytest.mark.parametrize("page", ["-1", "abc", "99999", "1\x00"])
    def test_odd_page_numbers_never_fail(self, client, seeker, page):
        ApplicationFactory(applicant=seeker)
        client.force_login(seeker)
        assert client.get(reverse("my_applications"), {"page": page}).status_code == 200

    def test_nav_links_for_seekers_only(self, client, seeker):
        client.force_login(seeker)
        html = client.get(reverse("home")).content.decode()
        assert f'href="{reverse("my_applications")}">My applications' in html
        assert f'href="{reverse("saved_jobs")}">Saved jobs' in html
        client.force_login(MembershipFactory().user)
        assert "My applications" not in client.get(reverse("home")).content.decode()


class TestMyApplication:
    def test_shows_my_application(self, client, seeker):
        application = ApplicationFactory(applicant=seeker, cover_letter="Dear team,\nhello")
        client.force_login(seeker)
        response = client.get(reverse("my_application", args=[application.pk]))
        html = response.content.decode()
        assert application.job.title in html
        assert "Dear team,<br>hello" in html
        assert reverse("application_resume", args=[application.pk]) in html
        assert_no_store(response)

    @pytest.mark.parametrize("who", ["another seeker", "employer of the job", "staff"])
    def test_is_404_for_anyone_else(self, client, who):
        application = ApplicationFactory()
        user = {
            "another seeker": SeekerFactory,
            "employer of the job": lambda: MembershipFactory(company=application.job.company).user,
            "staff": StaffFactory,
        }[who]()
        client.force_login(user)
        assert client.get(reverse("my_application", args=[application.pk])).status_code == 404
        assert client.head(reverse("my_application", args=[application.pk])).status_code == 404

    def test_missing_is_404(self, client, seeker):
        client.force_login(seeker)
        assert client.get(reverse("my_application", args=[999999])).status_code == 404


class TestStoredXss:
    def test_cover_letter_and_title_are_inert_on_me_pages(self, client, seeker):
        application = ApplicationFactory(
            applicant=seeker, cover_letter=XSS, job=JobFactory(title=XSS)
        )
        client.force_login(seeker)
        for url in [reverse("my_applications"), reverse("my_application", args=[application.pk])]:
            html = client.get(url).content.decode()
            assert "<script>alert" not in html
            assert "<img src=x" not in html
            assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html

    def test_withdraw_fragment_is_escaped_too(self, client, seeker):
        application = ApplicationFactory(applicant=seeker, job=JobFactory(title=XSS))
        client.force_login(seeker)
        url = reverse("withdraw_application", args=[application.pk])
        html = client.post(url, **HTMX).content.decode()
        assert "<script>alert" not in html
        assert "&lt;script&gt;" in html


class TestWithdraw:
    @pytest.mark.parametrize("status", OPEN)
    def test_model_allows_while_undecided(self, status):
        application = ApplicationFactory(status=status)
        application.withdraw()
        application.refresh_from_db()
        assert application.status == "withdrawn"

    @pytest.mark.parametrize("status", DECIDED)
    def test_model_refuses_once_decided(self, status):
        application = ApplicationFactory(status=status)
        with pytest.raises(InvalidTransition):
            application.withdraw()
        application.refresh_from_db()
        assert application.status == status

    def test_model_does_not_overwrite_a_decision_made_meanwhile(self):
        application = ApplicationFactory(status="reviewing")
        Application.objects.filter(pk=application.pk).update(status="hired")
        with pytest.raises(InvalidTransition):
            application.withdraw()  # the instance still says "reviewing"
        application.refresh_from_db()
        assert application.status == "hired"

    @pytest.mark.parametrize("status", OPEN)
    def test_view_withdraws_and_redirects(self, client, seeker, status):
        application = ApplicationFactory(applicant=seeker, status=status)
        client.force_login(seeker)
        url = reverse("withdraw_application", args=[application.pk])
        response = client.post(url, follow=True)
        assert response.redirect_chain == [(reverse("my_application", args=[application.pk]), 302)]
        assert "You withdrew your application" in response.content.decode()
        application.refresh_from_db()
        assert application.status == "withdrawn"

    @pytest.mark.parametrize("status", DECIDED)
    def test_view_refuses_once_decided(self, client, seeker, status):
        application = ApplicationFactory(applicant=seeker, status=status)
        client.force_login(seeker)
        url = reverse("withdraw_application", args=[application.pk])
        response = client.post(url, follow=True)
        assert response.status_code == 200
        assert "cannot be withdrawn" in response.content.decode()
        application.refresh_from_db()
        assert application.status == status

    def test_htmx_gets_the_row(self, client, seeker):
        application = ApplicationFactory(applicant=seeker)
        client.force_login(seeker)
        url = reverse("withdraw_application", args=[application.pk])
        response = client.post(url, **HTMX)
        html = response.content.decode()
        assert html.lstrip().startswith(f'<tr id="application-{application.pk}">')
        assert "Withdrawn" in html
        assert url not in html  # no second withdraw button
        assert_no_store(response)

    def test_htmx_refusal_shows_the_reason_in_the_row(self, client, seeker):
        application = ApplicationFactory(applicant=seeker, status="rejected")
        client.force_login(seeker)
        url = reverse("withdraw_application", args=[application.pk])
        html = client.post(url, **HTMX).content.decode()
        assert "cannot be withdrawn" in html
        assert "<html" not in html

    def test_redirects_to_a_safe_next_only(self, client, seeker):
        first, second = ApplicationFactory.create_batch(2, applicant=seeker)
        client.force_login(seeker)
        ok = client.post(
            reverse("withdraw_application", args=[first.pk]), {"next": reverse("my_applications")}
        )
        assert ok["Location"] == reverse("my_applications")
        evil = client.post(
            reverse("withdraw_application", args=[second.pk]), {"next": "//evil.example/"}
        )
        assert evil["Location"] == reverse("my_application", args=[second.pk])

    @pytest.mark.parametrize("who", ["another seeker", "employer of the job"])
    def test_someone_elses_application_is_404(self, client, who):
        application = ApplicationFactory()
        user = (
            SeekerFactory()
            if who == "another seeker"
            else MembershipFactory(company=application.job.company).user
        )
        client.force_login(user)
        url = reverse("withdraw_application", args=[application.pk])
        assert client.post(url).status_code == 404
        assert client.post(url, **HTMX).status_code == 404
        application.refresh_from_db()
        assert application.status == "submitted"

    def test_get_is_refused(self, client, seeker):
        application = ApplicationFactory(applicant=seeker)
        client.force_login(seeker)
        url = reverse("withdraw_application", args=[application.pk])
        assert client.get(url).status_code == 405
        application.refresh_from_db()
        assert application.status == "submitted"


class TestConfirmWithdraw:
    """Withdrawing is final: no page withdraws in one click, also without JavaScript."""

    def confirm_url(self, application):
        return reverse("confirm_withdraw_application", args=[application.pk])

    @pytest.mark.parametrize("method", ["get", "head"])
    def test_owner_gets_the_question_and_nothing_changes(self, client, seeker, method):
        application = ApplicationFactory(applicant=seeker, status="interviewing")
        client.force_login(seeker)
        response = getattr(client, method)(self.confirm_url(application))
        assert response.status_code == 200
        assert_no_store(response)
        if method == "get":
            html = response.content.decode()
            assert "Are you sure" in html
            assert "this cannot be undone" in html
            action = reverse("withdraw_application", args=[application.pk])
            assert f'<form method="post" action="{action}"' in html
            assert 'name="csrfmiddlewaretoken"' in html
        application.refresh_from_db()
        assert application.status == "interviewing"
        assert not application.events.exists()

    def test_confirming_withdraws(self, client, seeker):
        application = ApplicationFactory(applicant=seeker)
        client.force_login(seeker)
        page = client.get(self.confirm_url(application), {"next": reverse("my_applications")})
        assert f'name="next" value="{reverse("my_applications")}"' in page.content.decode()
        url = reverse("withdraw_application", args=[application.pk])
        response = client.post(url, {"next": reverse("my_applications")})
        assert response["Location"] == reverse("my_applications")
        application.refresh_from_db()
        assert application.status == "withdrawn"

    def test_from_the_job_page_and_back_without_javascript(self, client, seeker):
        application = ApplicationFactory(applicant=seeker)
        job_url = application.job.get_absolute_url()
        client.force_login(seeker)
        job_page = client.get(job_url).content.decode()
        assert f'<input type="hidden" name="next" value="{job_url}">' in job_page
        confirm = client.get(self.confirm_url(application), {"next": job_url}).content.decode()
        assert f'name="next" value="{job_url}"' in confirm
        url = reverse("withdraw_application", args=[application.pk])
        response = client.post(url, {"next": job_url}, follow=True)
        assert response.redirect_chain == [(job_url, 302)]
        html = response.content.decode()
        assert "You withdrew your application on" in html
        assert f'hx-post="{reverse("apply_to_job", args=[application.job_id])}"' in html

    def test_next_must_be_on_this_site(self, client, seeker):
        application = ApplicationFactory(applicant=seeker)
        client.force_login(seeker)
        html = client.get(self.confirm_url(application), {"next": "//evil.example/"}).text
        assert "evil.example" not in html
        assert f'name="next" value="{reverse("my_application", args=[application.pk])}"' in html

    @pytest.mark.parametrize("status", DECIDED)
    def test_decided_applications_get_no_form(self, client, seeker, status):
        application = ApplicationFactory(applicant=seeker, status=status)
        client.force_login(seeker)
        html = client.get(self.confirm_url(application)).content.decode()
        assert "can no longer be withdrawn" in html
        assert reverse("withdraw_application", args=[application.pk]) not in html

    @pytest.mark.parametrize("who", ["another seeker", "employer of the job", "staff"])
    def test_someone_elses_is_404_like_a_missing_one(self, client, who):
        application = ApplicationFactory()
        user = {
            "another seeker": SeekerFactory,
            "employer of the job": lambda: MembershipFactory(company=application.job.company).user,
            "staff": StaffFactory,
        }[who]()
        client.force_login(user)
        missing = reverse("confirm_withdraw_application", args=[application.pk + 1000])
        assert client.get(self.confirm_url(application)).status_code == 404
        assert client.get(missing).status_code == 404
        assert client.head(self.confirm_url(application)).status_code == 404

    def test_anonymous_goes_to_login(self, client):
        application = ApplicationFactory()
        response = client.get(self.confirm_url(application))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login") + "?next=")

    def test_post_is_refused(self, client, seeker):
        application = ApplicationFactory(applicant=seeker)
        client.force_login(seeker)
        assert client.post(self.confirm_url(application)).status_code == 405
        application.refresh_from_db()
        assert application.status == "submitted"

    def test_no_page_posts_a_withdrawal_without_asking(self, client, seeker):
        """Every Withdraw control leads to the confirm page without JavaScript; the
        list's also asks with hx-confirm before htmx posts."""
        application = ApplicationFactory(applicant=seeker)
        client.force_login(seeker)
        withdraw = reverse("withdraw_application", args=[application.pk])
        confirm = self.confirm_url(application)
        pages = {
            "list": client.get(reverse("my_applications")).content.decode(),
            "detail": client.get(reverse("my_application", args=[application.pk])).text,
            "job": client.get(application.job.get_absolute_url()).content.decode(),
        }
        for name, html in pages.items():
            assert f'action="{withdraw}"' not in html, name
            assert f'<form method="get" action="{confirm}"' in html, name
        assert f'hx-post="{withdraw}"' in pages["list"]
        assert "hx-confirm=" in pages["list"]


class TestAppliedAgain:
    """After withdrawing and applying again, both applications are listed sensibly."""

    @pytest.fixture
    def pair(self, seeker):
        old = ApplicationFactory(applicant=seeker, job=JobFactory(title="Data Engineer"))
        old.withdraw()
        new = ApplicationFactory(applicant=seeker, job=old.job)
        return old, new

    def test_list_shows_both_and_links_the_withdrawn_one_to_the_new(self, client, seeker, pair):
        old, new = pair
        client.force_login(seeker)
        response = client.get(reverse("my_applications"))
        assert [a.pk for a in response.context["page"]] == [new.pk, old.pk]
        html = response.content.decode()
        old_row = html.split(f'id="application-{old.pk}"')[1].split("</tr>")[0]
        new_row = html.split(f'id="application-{new.pk}"')[1].split("</tr>")[0]
        assert "Withdrawn" in old_row
        assert f'href="{reverse("my_application", args=[new.pk])}">You applied again' in old_row
        assert reverse("confirm_withdraw_application", args=[old.pk]) not in old_row
        assert "Submitted" in new_row
        assert reverse("confirm_withdraw_application", args=[new.pk]) in new_row

    def test_withdrawn_detail_points_to_the_new_one(self, client, seeker, pair):
        old, new = pair
        client.force_login(seeker)
        html = client.get(reverse("my_application", args=[old.pk])).content.decode()
        assert "You applied again on" in html
        assert reverse("my_application", args=[new.pk]) in html
        assert reverse("confirm_withdraw_application", args=[old.pk]) not in html

    def test_withdrawn_detail_offers_to_apply_again_while_open(self, client, seeker):
        old = ApplicationFactory(applicant=seeker)
        old.withdraw()
        client.force_login(seeker)
        html = client.get(reverse("my_application", args=[old.pk])).content.decode()
        assert "You can apply again" in html

    def test_job_page_shows_the_active_one_with_its_status(self, client, seeker, pair):
        _, new = pair
        new.move_to("interviewing", by=MembershipFactory(company=new.job.company).user)
        client.force_login(seeker)
        html = client.get(new.job.get_absolute_url()).content.decode()
        assert "Applied on" in html
        assert "Interviewing" in html
        assert "You withdrew" not in html
        assert reverse("my_application", args=[new.pk]) in html


class TestProfile:
    def test_get_shows_an_empty_form_and_creates_nothing(self, client, seeker):
        client.force_login(seeker)
        response = client.get(reverse("my_profile"))
        assert response.status_code == 200
        assert 'enctype="multipart/form-data"' in response.content.decode()
        assert not SeekerProfile.objects.exists()
        assert_no_store(response)

    def test_saves_fields_and_a_validated_resume(self, client, settings, seeker):
        client.force_login(seeker)
        data = {
            "headline": "Backend developer",
            "location": "Lisbon",
            "website": "https://ada.example",
            "linkedin_url": "https://www.linkedin.com/in/ada",
            "github_url": "https://github.com/ada",
            "resume": resume_files.good_docx(name="Ada Lovelace.docx"),
            "user": SeekerFactory().pk,  # not a form field: ignored
        }
        response = client.post(reverse("my_profile"), data, follow=True)
        assert "Your profile was saved." in response.content.decode()
        profile = SeekerProfile.objects.get()
        assert profile.user == seeker
        assert profile.headline == "Backend developer"
        assert profile.resume.name.startswith("resumes/") and profile.resume.name.endswith(".docx")
        assert "Ada" not in profile.resume.name
        assert len(stored_files(settings)) == 1
        assert reverse("profile_resume") in response.content.decode()

    @pytest.mark.parametrize("kind", sorted(resume_files.DISGUISED))
    def test_disguised_resumes_are_refused_and_nothing_is_stored(self, client, settings, kind):
        profile = SeekerProfileFactory(resume="")
        client.force_login(profile.user)
        response = client.post(
            reverse("my_profile"),
            {"headline": "Changed", "resume": resume_files.disguised(kind)},
        )
        assert response.status_code == 200
        assert 'class="invalid-feedback' in response.content.decode()
        profile.refresh_from_db()
        assert profile.headline == "Backend developer"
        assert not profile.resume
        assert stored_files(settings) == []

    def test_replacing_the_resume_deletes_the_old_file(
        self, client, settings, django_capture_on_commit_callbacks
    ):
        profile = SeekerProfileFactory()
        old = Path(settings.MEDIA_ROOT) / profile.resume.name
        assert old.exists()
        client.force_login(profile.user)
        with django_capture_on_commit_callbacks(execute=True):  # the old file goes on commit
            client.post(reverse("my_profile"), {"resume": resume_files.good_pdf()})
        profile.refresh_from_db()
        assert not old.exists()
        assert stored_files(settings) == [Path(settings.MEDIA_ROOT) / profile.resume.name]

    def test_removing_the_resume(self, client, settings, django_capture_on_commit_callbacks):
        profile = SeekerProfileFactory()
        client.force_login(profile.user)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("my_profile"), {"headline": "x", "remove_resume": "on"})
        profile.refresh_from_db()
        assert not profile.resume
        assert stored_files(settings) == []

    def test_applications_keep_their_copy_when_the_profile_resume_goes(self, client, settings):
        profile = SeekerProfileFactory(resume__data=resume_files.pdf_bytes())
        job = JobFactory()
        client.force_login(profile.user)
        client.post(reverse("apply_to_job", args=[job.pk]), {"resume_source": "profile"})
        client.post(reverse("my_profile"), {"remove_resume": "on"})
        application = Application.objects.get()
        assert (Path(settings.MEDIA_ROOT) / application.resume.name).exists()

    @pytest.mark.parametrize(
        "url", ["javascript:alert(1)", "ftp://example.com/", "data:text/html,hi", "example"]
    )
    def test_links_must_be_http_or_https(self, client, seeker, url):
        client.force_login(seeker)
        response = client.post(reverse("my_profile"), {"website": url, "github_url": url})
        assert "Enter a web address starting with http:// or https://." in response.text
        assert not SeekerProfile.objects.exists()

    def test_put_is_refused(self, client, seeker):
        client.force_login(seeker)
        assert client.put(reverse("my_profile")).status_code == 405
