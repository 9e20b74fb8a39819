"""The export's content: data.json, README.txt and the files, for one person only."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from board.privacy import exports
from board.privacy.models import DataExport
from board.tests.factories import JobFactory, MembershipFactory, SeekerFactory
from board.tests.privacy.people import resume_bytes, seeker_with_everything

pytestmark = pytest.mark.django_db


def build_for(user, capture):
    with capture(execute=True):
        export = exports.request_export(user)
    export.refresh_from_db()
    assert export.status == DataExport.Status.READY
    return export


def open_zip(export):
    with export.archive.open("rb") as handle:
        return zipfile.ZipFile(io.BytesIO(handle.read()))


def read(export):
    archive = open_zip(export)
    return archive, json.loads(archive.read("data.json"))


class TestSeekerExport:
    def test_everything_we_hold_is_in_it_with_the_original_files(
        self, django_capture_on_commit_callbacks, mailoutbox
    ):
        seeker, member = seeker_with_everything("ada", applications=2)
        export = build_for(seeker, django_capture_on_commit_callbacks)
        archive, data = read(export)

        assert data["format"] == "nexus-jobs-data-export" and data["version"] == 1
        account = data["account"]
        assert account["email"] == "ada@example.com"
        assert (account["first_name"], account["last_name"], account["role"]) == (
            "Ada",
            "Lovelace",
            "seeker",
        )
        assert account["date_joined"] == seeker.date_joined.isoformat()
        assert account["email_addresses"] == [
            {"email": "ada@example.com", "verified": True, "primary": True}
        ]
        profile = data["seeker_profile"]
        assert profile["headline"] == "ada headline"
        assert archive.read(profile["resume_file"]) == resume_bytes("ada-profile")

        first, second = data["applications"]
        assert first["job"]["title"] == "Engineer ada 0"
        assert first["job"]["url"].endswith(f"/jobs/{first['job']['id']}-engineer-ada-0/")
        assert first["cover_letter"] == "Dear team, ada letter 0"
        assert first["status"] == "reviewing"
        assert archive.read(first["resume_file"]) == resume_bytes("ada-application-0")
        assert archive.read(second["resume_file"]) == resume_bytes("ada-application-1")
        assert first["resume_file"].startswith(f"files/applications/{first['id']}-engineer-ada-0/")
        assert first["screening_answers"] == [
            {
                "question": "Do you have a work permit?",
                "kind": "yes_no",
                "answer": "yes",
                "knocked_out": False,
            }
        ]
        assert [(e["from_status"], e["to_status"], e["by"]) for e in first["timeline"]] == [
            ("submitted", "reviewing", "company"),
            ("reviewing", "rejected", "company"),
        ]
        assert first["timeline"][1]["reason"] == ""  # not shared with the applicant
        [message] = first["messages"]
        assert message["subject"] == "About your application ada 0"
        assert message["from"] == member.company.name
        assert data["saved_jobs"][0]["job"]["title"] == "Saved ada"
        [alert] = data["job_alerts"]
        assert (alert["query"], alert["frequency"], alert["is_active"]) == ("q=ada", "daily", True)
        [report] = data["job_reports"]
        assert (report["job"]["title"], report["details"]) == ("Reported ada", "ada scam")
        kinds = [n["kind"] for n in data["notifications"]]
        assert kinds.count("application_received") == 2
        assert data["company_memberships"] == [] and data["jobs_posted"] == []
        readme = archive.read("README.txt").decode()
        assert "ratings" in readme and "private notes" in readme
        assert "seeker_profile" in readme and "screening_answers" in readme

    def test_employers_ratings_notes_and_unshared_reasons_are_left_out(
        self, django_capture_on_commit_callbacks
    ):
        seeker, _ = seeker_with_everything("ada")
        archive = open_zip(build_for(seeker, django_capture_on_commit_callbacks))
        everything = b"".join(archive.read(name) for name in archive.namelist())
        assert b"SECRET-RATING" not in everything
        assert b"SECRET-NOTE" not in everything
        assert b"private reason" not in everything

    def test_a_shared_reason_is_included(self, django_capture_on_commit_callbacks):
        seeker, _ = seeker_with_everything("ada")
        event = seeker.applications.get().events.get(to_status="rejected")
        event.reason_shared = True
        event.save()
        _, data = read(build_for(seeker, django_capture_on_commit_callbacks))
        reason = data["applications"][0]["timeline"][1]["reason"]
        assert reason == "Skills do not match the role: private reason ada"

    def test_nothing_of_another_similar_person_is_included(
        self, django_capture_on_commit_callbacks
    ):
        ada, member = seeker_with_everything("ada")
        seeker_with_everything("bob", company=member.company)  # same company, same kinds of rows
        archive, data = read(build_for(ada, django_capture_on_commit_callbacks))
        everything = b"".join(archive.read(name) for name in archive.namelist())
        assert b"bob" not in everything.lower()
        assert len(data["applications"]) == 1
        assert len(data["notifications"]) == 1
        assert len([n for n in archive.namelist() if n.startswith("files/")]) == 2

    def test_a_file_already_deleted_is_listed_not_fatal(self, django_capture_on_commit_callbacks):
        seeker, _ = seeker_with_everything("ada")
        application = seeker.applications.get()
        default_storage.delete(application.resume.name)
        archive, data = read(build_for(seeker, django_capture_on_commit_callbacks))
        missing = archive.read("files/MISSING.txt").decode()
        assert data["applications"][0]["resume_file"] in missing

    def test_how_the_account_signs_in_without_any_secret(self, django_capture_on_commit_callbacks):
        from allauth.mfa.models import Authenticator
        from allauth.usersessions.models import UserSession

        from board.accounts.device_models import KnownDevice

        seeker, other = SeekerFactory(), SeekerFactory()
        for person in (seeker, other):
            Authenticator.objects.create(
                user=person, type="webauthn", data={"name": f"Key of {person.pk}", "credential": {}}
            )
            Authenticator.objects.create(
                user=person, type="totp", data={"secret": "JBSWY3DPEHPK3PXP"}
            )
            UserSession.objects.create(
                user=person, ip=f"203.0.113.{person.pk % 250}", session_key=f"key{person.pk}",
                user_agent="Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0",
            )  # fmt: skip
            KnownDevice.objects.create(
                user=person,
                fingerprint=f"f{person.pk}",
                browser="Firefox",
                system="Linux",
                label="Firefox on Linux",
            )
        archive, data = read(build_for(seeker, django_capture_on_commit_callbacks))
        security = data["security"]
        assert [(f["type"], f["name"]) for f in security["second_factors"]] == [
            ("webauthn", f"Key of {seeker.pk}"),
            ("totp", ""),
        ]
        assert [s["ip"] for s in security["sessions"]] == [f"203.0.113.{seeker.pk % 250}"]
        assert security["sessions"][0]["user_agent"].startswith("Mozilla/5.0 (X11; Linux")
        assert [(d["device"], d["browser"], d["system"]) for d in security["known_devices"]] == [
            ("Firefox on Linux", "Firefox", "Linux")
        ]
        everything = "\n".join(
            archive.read(name).decode(errors="replace") for name in archive.namelist()
        )
        assert "JBSWY3DPEHPK3PXP" not in everything and f"Key of {other.pk}" not in everything


class TestEmployerExport:
    def test_memberships_and_the_jobs_they_posted_not_the_companys_applicants(
        self, django_capture_on_commit_callbacks
    ):
        membership = MembershipFactory(role="recruiter")
        employer = membership.user
        JobFactory(company=membership.company, posted_by=employer, title="Posted by me")
        JobFactory(company=membership.company, title="Posted by a colleague")
        seeker_with_everything("applicant", company=membership.company)
        archive, data = read(build_for(employer, django_capture_on_commit_callbacks))
        assert data["account"]["role"] == "employer"
        [company] = data["company_memberships"]
        assert company["company"]["name"] == membership.company.name
        assert company["role"] == "recruiter"
        assert [job["title"] for job in data["jobs_posted"]] == ["Posted by me"]
        assert data["jobs_posted"][0]["status"] == "published"
        assert data["applications"] == [] and data["seeker_profile"] is None
        everything = b"".join(archive.read(name) for name in archive.namelist())
        assert b"applicant@example.com" not in everything
        assert b"colleague" not in everything


class TestRequesting:
    def test_the_task_runs_after_the_commit_and_emails_the_link(
        self, django_capture_on_commit_callbacks, mailoutbox
    ):
        seeker = SeekerFactory()
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            export = exports.request_export(seeker)
        assert export.status == DataExport.Status.PENDING and not mailoutbox
        with django_capture_on_commit_callbacks(execute=True):
            for callback in callbacks:
                callback()
        export.refresh_from_db()
        assert export.status == DataExport.Status.READY
        assert export.expires > timezone.now() + timedelta(hours=71)
        [mail] = mailoutbox
        assert mail.to == [seeker.email]
        assert exports.download_link(export).split("/download/")[0] in mail.body
        assert export.archive.name.startswith("exports/") and export.size > 0

    def test_no_second_export_while_one_is_pending(self):
        seeker = SeekerFactory()
        exports.request_export(seeker)
        with pytest.raises(exports.ExportRefused, match="being prepared"):
            exports.request_export(seeker)
        assert DataExport.objects.count() == 1

    def test_a_build_lost_for_an_hour_no_longer_blocks(self):
        seeker = SeekerFactory()
        lost = exports.request_export(seeker)  # its task never ran
        DataExport.objects.update(created=timezone.now() - timedelta(minutes=61))
        again = exports.request_export(seeker)
        lost.refresh_from_db()
        assert lost.status == DataExport.Status.FAILED
        assert again.status == DataExport.Status.PENDING
        assert exports.build_export(lost.pk) is None  # a late task leaves it alone

    def test_the_database_allows_one_pending_export_per_person(self):
        from django.db import IntegrityError, transaction

        seeker = SeekerFactory()
        exports.request_export(seeker)
        with pytest.raises(IntegrityError), transaction.atomic():
            DataExport.objects.create(user=seeker, expires=timezone.now())

    def test_one_export_an_hour(self, django_capture_on_commit_callbacks):
        seeker = SeekerFactory()
        build_for(seeker, django_capture_on_commit_callbacks)
        with pytest.raises(exports.ExportRefused, match="less than an hour ago"):
            exports.request_export(seeker)
        DataExport.objects.update(created=timezone.now() - timedelta(minutes=61))
        assert exports.request_export(seeker).status == DataExport.Status.PENDING

    def test_a_failed_build_is_marked_and_does_not_block_a_retry(self, monkeypatch):
        seeker = SeekerFactory()
        export = exports.request_export(seeker)

        def broken(user):
            raise RuntimeError("disk full")

        monkeypatch.setattr(exports, "personal_data", broken)
        exports.build_export(export.pk)
        export.refresh_from_db()
        assert export.status == DataExport.Status.FAILED and not export.archive
        assert exports.request_export(seeker).status == DataExport.Status.PENDING


class TestExpiry:
    def test_cleanup_deletes_expired_files_and_rows_only(self, django_capture_on_commit_callbacks):
        old = build_for(SeekerFactory(), django_capture_on_commit_callbacks)
        fresh = build_for(SeekerFactory(), django_capture_on_commit_callbacks)
        DataExport.objects.filter(pk=old.pk).update(expires=timezone.now() - timedelta(minutes=1))
        assert default_storage.exists(old.archive.name)
        with django_capture_on_commit_callbacks(execute=True):  # files go after the commit
            assert exports.delete_expired() == 1
        assert not default_storage.exists(old.archive.name)
        assert list(DataExport.objects.all()) == [fresh]
        assert default_storage.exists(fresh.archive.name)

    def test_the_command_and_the_beat_task_do_it(
        self, django_capture_on_commit_callbacks, settings
    ):
        from django.core.management import call_command

        from board.privacy.tasks import delete_expired_exports

        old = build_for(SeekerFactory(), django_capture_on_commit_callbacks)
        DataExport.objects.update(expires=timezone.now())
        out = io.StringIO()
        with django_capture_on_commit_callbacks(execute=True):  # files go after the commit
            call_command("delete_expired_exports", stdout=out)
        assert "1 expired data export deleted" in out.getvalue()
        assert not default_storage.exists(old.archive.name)
        assert delete_expired_exports() == 0
        entry = settings.CELERY_BEAT_SCHEDULE["expired-data-exports"]
        assert entry["task"] == delete_expired_exports.name


class TestScale:
    def test_the_queries_do_not_grow_with_the_number_of_applications(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from board.privacy.collect import personal_data

        few, _ = seeker_with_everything("few", applications=1)
        many, _ = seeker_with_everything("many", applications=12)
        with CaptureQueriesContext(connection) as for_few:
            data, files = personal_data(few)
        assert len(data["applications"]) == 1 and len(files) == 2
        with CaptureQueriesContext(connection) as for_many:
            data, files = personal_data(many)
        assert len(data["applications"]) == 12 and len(files) == 13
        assert len(for_many) == len(for_few)
        # account, addresses, profile, applications + 3 prefetches, saved jobs, alerts,
        # reports, memberships, jobs posted, notifications, exports, second factors,
        # sessions, known devices
        assert len(for_few) <= 18


def test_erasing_a_persons_exports_removes_their_files_too(django_capture_on_commit_callbacks):
    mine = build_for(SeekerFactory(), django_capture_on_commit_callbacks)
    theirs = build_for(SeekerFactory(), django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=False) as waiting:
        assert exports.delete_exports_of(mine.user) == 1
    assert default_storage.exists(mine.archive.name)  # until the rows' deletion commits
    waiting[0]()
    assert not default_storage.exists(mine.archive.name)
    assert list(DataExport.objects.all()) == [theirs]
