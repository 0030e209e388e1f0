"""The avatar image pipeline: open safely with Pillow, normalise, strip metadata, re-encode."""

import warnings
from typing import IO

from PIL import Image
from PIL import UnidentifiedImageError

# Only these decoders are ever tried on user bytes.
IMAGE_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
IMAGE_EXTENSIONS = ("jpg", "jpeg", "png", "webp", "gif")
# 40 megapixels covers any phone camera; more is refused before decoding. JPEG decodes
# scaled down (draft), the others in full: 16 megapixels keeps them under about 64 MB.
MAX_PIXELS = 40_000_000
MAX_FULL_DECODE_PIXELS = 16_000_000
AVATAR_SIZE = 512


# EXIF orientation -> the transpose that makes the picture upright (as ImageOps.exif_transpose).
ORIENTATION_TAG = 0x0112
UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


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
    if image.format != "JPEG" and image.width * image.height > MAX_FULL_DECODE_PIXELS:
        raise ImageRejected(
            f"The image is too large: at most {MAX_FULL_DECODE_PIXELS // 1_000_000} megapixels"
            f" for a {image.format} (a JPEG may have {MAX_PIXELS // 1_000_000})."
        )
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
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ImageRejected("The image file is damaged and cannot be read.") from None
    image = upright(image)
    image = image.convert("RGBA" if "A" in image.getbands() or "transparency" in image.info else "RGB")
    image.thumbnail((size, size), Image.Resampling.LANCZOS)
    # A fresh image carries no EXIF/GPS/ICC metadata from the upload.
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    return clean


def orientation(image: Image.Image) -> int:
    """The EXIF orientation (1 to 8), or 1 when the EXIF data cannot be read."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Pillow warns about each corrupt tag it skips
            return int(image.getexif().get(ORIENTATION_TAG, 1))
    except Exception:  # Pillow's EXIF parser raises TypeError, struct.error... on malformed tags
        return 1


def upright(image: Image.Image) -> Image.Image:
    """The picture turned as its EXIF orientation says.

    Not ImageOps.exif_transpose: it also rewrites the EXIF block, and raises on a
    malformed tag that has nothing to do with orientation. The EXIF is dropped
    anyway, so only the turn is needed.
    """
    method = UPRIGHT.get(orientation(image))
    return image.transpose(method) if method is not None else image


def save_webp(image: Image.Image, fp: IO[bytes]) -> None:
    """Encode as WebP: small, and understood by every current browser."""
    image.save(fp, format="WEBP", quality=85, method=4)
