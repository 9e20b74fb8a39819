"""manage.py copy_media_to_storage: a board moving from the local disk to S3."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from board.tests.factories import ApplicationFactory, MembershipFactory
from board.tests.storage.test_s3_flows import body, signed_in

pytestmark = pytest.mark.django_db


def on_disk(settings, name, data):
    path = Path(settings.MEDIA_ROOT) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def copy(*args):
    out = io.StringIO()
    call_command("copy_media_to_storage", *args, stdout=out)
    return out.getvalue()


def test_files_keep_their_names_and_rows_find_them_in_the_bucket(bucket, settings):
    on_disk(settings, "resumes/0a1b.pdf", b"%PDF-1.7 one")
    on_disk(settings, "logos/2c3d.webp", b"RIFF logo")
    on_disk(settings, "exports/4e5f.zip", b"PK zip")
    assert "3 files would be copied" in copy("--dry-run")
    assert bucket.keys() == []

    assert "3 files copied, 0 already there" in copy()
    assert bucket.keys() == ["exports/4e5f.zip", "logos/2c3d.webp", "resumes/0a1b.pdf"]
    assert bucket.read("resumes/0a1b.pdf") == b"%PDF-1.7 one"
    # Again, after the switch, with one more file written meanwhile: only that one.
    on_disk(settings, "resumes/6a7b.pdf", b"%PDF-1.7 two")
    assert "1 files copied, 3 already there" in copy()

    application = ApplicationFactory(resume="resumes/6a7b.pdf")
    owner = MembershipFactory(company=application.job.company).user
    response = signed_in(owner).get(reverse("application_resume", args=[application.pk]))
    assert body(response) == b"%PDF-1.7 two"


def test_a_different_file_in_the_bucket_is_not_overwritten(bucket, settings):
    on_disk(settings, "resumes/0a1b.pdf", b"%PDF-1.7 one")
    copy()
    on_disk(settings, "resumes/0a1b.pdf", b"%PDF-1.7 changed, longer")
    with pytest.raises(CommandError, match="differ"):
        copy()
    assert bucket.read("resumes/0a1b.pdf") == b"%PDF-1.7 one"


def test_refused_without_a_bucket(settings):
    with pytest.raises(CommandError, match="S3_BUCKET is not set"):
        copy()
