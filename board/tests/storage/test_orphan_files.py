"""The orphan sweep on a real bucket (SeaweedFS): listed with storage.listdir, dated with
get_modified_time (the object's LastModified), deleted with storage.delete. An object's
date cannot be set back, so the sweep is run as if a day had passed (`now`)."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from board.core.stored_files import ORPHAN_GRACE, sweep_orphans
from board.tests.factories import ApplicationFactory, CompanyFactory, SeekerProfileFactory

pytestmark = pytest.mark.django_db

A_DAY_LATER = ORPHAN_GRACE + timedelta(minutes=5)


def test_old_orphans_are_deleted_from_the_bucket_referenced_and_fresh_ones_kept(bucket):
    application = ApplicationFactory()
    profile = SeekerProfileFactory()
    company = CompanyFactory()
    company.logo.save("0a1b.webp", ContentFile(b"RIFF"), save=True)
    with pytest.raises(RuntimeError), transaction.atomic():
        lost = ApplicationFactory().resume.name  # stored, then the row is rolled back
        raise RuntimeError("the process died before the commit")
    lost_logo = default_storage.save("logos/lost.webp", ContentFile(b"RIFF"))
    referenced = {application.resume.name, profile.resume.name, company.logo.name}
    assert set(bucket.keys()) == referenced | {lost, lost_logo}

    # Now: the orphans may be uploads in flight.
    assert sweep_orphans() == {"resumes": 0, "logos": 0}
    assert set(bucket.keys()) == referenced | {lost, lost_logo}

    # A day later: the orphans go, every file a row names stays.
    later = timezone.now() + A_DAY_LATER
    assert sweep_orphans(now=later, dry_run=True) == {"resumes": 1, "logos": 1}
    assert set(bucket.keys()) == referenced | {lost, lost_logo}
    assert sweep_orphans(now=later) == {"resumes": 1, "logos": 1}
    assert set(bucket.keys()) == referenced


def test_an_empty_bucket_is_nothing_to_do(bucket):
    assert sweep_orphans(now=timezone.now() + A_DAY_LATER) == {"resumes": 0, "logos": 0}
