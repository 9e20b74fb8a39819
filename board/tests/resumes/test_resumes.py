"""Résumé content checks (board/resumes/checks.py, resume_pdf.py, resume_docx.py): hostile files are
refused, each with a message that says what is wrong and what to do; ordinary résumés pass.

Every hostile file is built in board/tests/resume_files.py (hostile_files()).
"""

import time

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from board.applications.models import Application
from board.resumes.checks import DOCX, PDF, resume_kind
from board.tests import resume_files
from board.tests.factories import JobFactory, SeekerFactory

HOSTILE = sorted(resume_files.hostile_files())


def refusal(upload):
    with pytest.raises(ValidationError) as refused:
        resume_kind(upload)
    return refused.value


@pytest.mark.parametrize("kind", HOSTILE)
def test_hostile_files_are_refused_with_a_reason_and_what_to_do(kind):
    _, data, code = resume_files.hostile_files()[kind]
    assert len(data) <= 5 * 1024 * 1024  # under the size limit: the content is what is refused
    error = refusal(resume_files.hostile(kind))
    assert error.code == code
    message = error.messages[0]
    assert "PDF" in message  # every refusal says how to get an acceptable file
    assert any(word in message for word in ("Export", "export", "Save", "Remove"))


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (resume_files.pdf_bytes(), PDF),
        (resume_files.pdf_bytes(pages=3), PDF),
        (resume_files.libreoffice_like_pdf_bytes(), PDF),
        (resume_files.pdf_bytes() + b"\r\n\r\n", PDF),  # a few blank bytes after %%EOF
        (resume_files.docx_bytes(), DOCX),
        (resume_files.docx_with_pictures_bytes(), DOCX),
    ],
    ids=["pypdf", "pypdf-3-pages", "libreoffice-like", "blank-tail", "docx", "docx-pictures"],
)
def test_ordinary_resumes_are_accepted(data, kind):
    assert resume_kind(resume_files.upload(data)) == kind


def test_the_zip_bomb_is_refused_quickly():
    # The declared sizes give it away before anything is unpacked; headers that lie are
    # found by unpacking at most what they declare, not the 2 GB.
    for lying in (False, True):
        upload = resume_files.upload(resume_files.zip_bomb_bytes(lying), name="cv.docx")
        started = time.monotonic()
        refusal(upload)
        assert time.monotonic() - started < 2


def test_a_pdf_with_too_many_objects_is_refused(monkeypatch):
    from board.resumes import pdf as resume_pdf

    monkeypatch.setattr(resume_pdf, "MAX_OBJECTS", 5)
    assert refusal(resume_files.good_pdf()).code == "too_complex"


@pytest.mark.django_db
class TestUploadPaths:
    """The same refusals through the application form, the profile and the API."""

    KINDS = ["pdf_open_action_js", "pdf_zip_after", "docx_macro_other_name", "docx_zip_bomb"]

    @pytest.mark.parametrize("kind", KINDS)
    def test_apply_shows_the_reason_and_stores_nothing(self, client, settings, kind):
        seeker, job = SeekerFactory(), JobFactory()
        client.force_login(seeker)
        upload = resume_files.hostile(kind)
        html = client.post(reverse("apply_to_job", args=[job.pk]), {"resume": upload}).text
        expected = refusal(resume_files.hostile(kind)).messages[0]
        assert expected.replace("“", "&ldquo;")[:40] in html or expected[:40] in html
        assert not Application.objects.exists()
        assert not [path for path in settings.MEDIA_ROOT.glob("**/*") if path.is_file()]
