import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from board.companies.logos import reencode_logo


def _image_file(fmt, size=(800, 600), name="logo", **save_args):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format=fmt, **save_args)
    return SimpleUploadedFile(f"{name}.{fmt.lower()}", buffer.getvalue())


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP"])
def test_accepted_formats_come_out_as_bounded_webp(fmt):
    result = reencode_logo(_image_file(fmt))
    with Image.open(result) as image:
        assert image.format == "WEBP"
        assert max(image.size) <= 400
    assert result.name.endswith(".webp") and "logo" not in result.name


def test_metadata_is_stripped():
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # camera maker
    result = reencode_logo(_image_file("JPEG", exif=exif.tobytes()))
    with Image.open(result) as image:
        assert not image.getexif()
    assert b"SecretCam" not in result.read()


@pytest.mark.parametrize(
    "content",
    [
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b"<html><script>alert(1)</script></html>",
        b"",
        b"GIF89a" + b"\x00" * 100,
    ],
)
def test_non_images_and_other_formats_are_refused(content):
    with pytest.raises(ValidationError):
        reencode_logo(SimpleUploadedFile("logo.png", content))


def test_gif_is_refused_even_though_pillow_reads_it():
    with pytest.raises(ValidationError, match="PNG, JPEG or WebP"):
        reencode_logo(_image_file("GIF"))


def test_oversized_upload_is_refused():
    big = SimpleUploadedFile("logo.png", b"\x89PNG" + b"\x00" * (2 * 1024 * 1024 + 1))
    with pytest.raises(ValidationError, match="2 MB"):
        reencode_logo(big)
