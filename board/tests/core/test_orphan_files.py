"""Uploads left without their row (a crash or a rollback between storing the file and
committing the row) are deleted a day later; referenced and recent files never are.
On the local disk here; the same on S3 in board/tests/storage/test_orphan_files.py."""

import os
import time
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from board.core.stored_files import ORPHAN_GRACE, sweep_orphans
from board.tests.factories import (
    ApplicationFactory,
    CompanyFactory,
    JobFactory,
    SeekerFactory,
    SeekerProfileFactory,
)

pytestmark = pytest.mark.django_db


def store(name, hours_old=0):
    """A file saved in the storage `hours_old` hours ago; its stored name."""
    saved = default_storage.save(name, ContentFile(b"%PDF-1.4\n%%EOF\n"))
    age(saved, hours_old)
    return saved


def age(name, hours):
    """Set a file's modification time `hours` back: the disk's equivalent of waiting."""
    then = time.time() - hours * 3600
    os.utime(default_storage.path(name), (then, then))


def test_an_old_orphan_goes_a_fresh_one_and_every_referenced_file_stay():
    application = ApplicationFactory()
    profile = SeekerProfileFactory()
    logo = CompanyFactory()
    logo.logo.save("0f0e.webp", ContentFile(b"RIFF"), save=True)
    for name in (application.resume.name, profile.resume.name, logo.logo.name):
        age(name, 48)  # referenced, however old
    old_orphan = store("resumes/old-orphan.pdf", hours_old=25)
    fresh_orphan = store("resumes/fresh-orphan.pdf", hours_old=23)
    old_logo = store("logos/old-orphan.webp", hours_old=25)
    old_export = store("exports/old.zip", hours_old=25)  # not a folder the sweep looks at

    assert sweep_orphans() == {"resumes": 1, "logos": 1}

    assert not default_storage.exists(old_orphan)
    assert not default_storage.exists(old_logo)
    for kept in (
        fresh_orphan,
        old_export,
        application.resume.name,
        profile.resume.name,
        logo.logo.name,
    ):
        assert default_storage.exists(kept), kept
    assert sweep_orphans() == {"resumes": 0, "logos": 0}  # nothing more to do


def test_the_file_of_a_rolled_back_application_is_swept_a_day_later():
    job, seeker = JobFactory(), SeekerFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        stored = ApplicationFactory(job=job, applicant=seeker).resume.name
        raise RuntimeError("the process died before the commit")
    assert default_storage.exists(stored)  # the gap: a file without its row

    assert sweep_orphans() == {"resumes": 0, "logos": 0}  # perhaps still in flight
    later = timezone.now() + ORPHAN_GRACE + timedelta(minutes=1)
    assert sweep_orphans(now=later) == {"resumes": 1, "logos": 0}
    assert not default_storage.exists(stored)


def test_nothing_uploaded_yet_is_nothing_to_do():
    assert sweep_orphans() == {"resumes": 0, "logos": 0}


def test_the_command_and_its_dry_run(capsys):
    orphan = store("resumes/orphan.pdf", hours_old=30)
    call_command("sweep_orphan_files", "--dry-run")
    assert capsys.readouterr().out == "resumes: 1 would be deleted, logos: 0 would be deleted.\n"
    assert default_storage.exists(orphan)
    call_command("sweep_orphan_files")
    assert capsys.readouterr().out == "resumes: 1 deleted, logos: 0 deleted.\n"
    assert not default_storage.exists(orphan)


def test_beat_runs_the_task_daily(settings):
    from board.core.tasks import sweep_orphan_files

    entry = settings.CELERY_BEAT_SCHEDULE["orphan-files"]
    assert entry["task"] == sweep_orphan_files.name == "board.core.tasks.sweep_orphan_files"
    assert len(entry["schedule"].hour) == 1 and len(entry["schedule"].minute) == 1
    orphan = store("logos/orphan.webp", hours_old=30)
    assert sweep_orphan_files.delay().get() == {"resumes": 0, "logos": 1}  # eager in tests
    assert not default_storage.exists(orphan)
