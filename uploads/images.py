"""The avatar image pipeline: open safely with Pillow, normalise, strip metadata, re-encode."""

import warnings
from typing import IO

from PIL import Image
from PIL import ImageOps
from PIL import UnidentifiedImageError

# Only these decoders are ever tried on user bytes.
IMAGE_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
IMAGE_EXTENSIONS = ("jpg", "jpeg", "png", "webp", "gif")
# 40 megapixels covers any phone camera; more is refused before decoding.
MAX_PIXELS = 40_000_000
AVATAR_SIZE = 512


class ImageRejected(ValueError):
    """The upload is not an image Formwork accepts; the message says why, for the user."""


def open_image(stream: IO[bytes]) -> Image.Image:
    """Open an upload as one of IMAGE_FORMATS, refusing non-images and decompression bombs."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(stream, formats=IMAGE_FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageRejected(
            f"The image is too large: at most {MAX_PIXELS // 1_000_000} megapixels."
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ImageRejected("The file is not a JPEG, PNG, WebP or GIF image.") from None
    if image.width * image.height > MAX_PIXELS:
        raise ImageRejected(f"The image is too large: at most {MAX_PIXELS // 1_000_000} megapixels.")
    return image


def avatar_from_upload(stream: IO[bytes], size: int = AVATAR_SIZE) -> Image.Image:
    """Decode, apply the EXIF orientation, drop metadata and fit within `size` pixels.

    `draft` lets the JPEG decoder scale down while decoding, which is far cheaper
    than decoding 12 megapixels and shrinking afterwards.
    """
    image = open_image(stream)
    try:
        if image.format == "JPEG":
            image.draft("RGB", (size, size))
        image.seek(0)
        image.load()
        image = ImageOps.exif_transpose(image)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ImageRejected("The image file is damaged and cannot be read.") from None
    image = image.convert("RGBA" if "A" in image.getbands() or "transparency" in image.info else "RGB")
    image.thumbnail((size, size), Image.Resampling.LANCZOS)
    # A fresh image carries no EXIF/GPS/ICC metadata from the upload.
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    return clean


def save_webp(image: Image.Image, fp: IO[bytes]) -> None:
    """Encode as WebP: small, and understood by every current browser."""
    image.save(fp, format="WEBP", quality=85, method=4)
