"""Company logos: accepted only as PNG, JPEG or WebP, and always re-encoded.

Re-encoding through Pillow drops metadata (EXIF, GPS) and anything hidden in
the file that is not pixels, and bounds the stored size.
"""

import io
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from board.scanning.uploads import checked

ALLOWED_FORMATS = {"PNG", "JPEG", "WEBP"}
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_SOURCE_PIXELS = 25_000_000  # refuse decompression bombs before decoding
LOGO_BOX = (400, 400)


def reencode_logo(uploaded):
    """Validate an uploaded logo and return a clean WebP as a ContentFile.

    The upload is virus-scanned before Pillow decodes it; the verdict travels
    with the WebP as `scan_status`, for the company row that stores it.
    """
    if uploaded.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The logo must be 2 MB or smaller."), code="too_large")
    scan_status = checked(uploaded)
    try:
        uploaded.seek(0)
        with Image.open(uploaded) as image:
            if image.format not in ALLOWED_FORMATS:
                raise ValidationError(_("Upload a PNG, JPEG or WebP image."), code="format")
            if image.width * image.height > MAX_SOURCE_PIXELS:
                raise ValidationError(_("The image has too many pixels."), code="too_large")
            image.load()
            image = image.convert("RGBA")
            image.thumbnail(LOGO_BOX)
            out = io.BytesIO()
            image.save(out, format="WEBP", quality=85)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ValidationError(_("That file is not an image we can read."), code="invalid") from exc
    logo = ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.webp")
    logo.scan_status = scan_status
    return logo
