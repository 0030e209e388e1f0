"""The avatar image pipeline: open safely with Pillow, normalise, strip metadata, re-encode."""

import io
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
# Stored avatar sizes (pixels, largest first): the page shows them through `srcset`.
AVATAR_SIZES = (512, 128)
# WebP effort, chosen by measurement (bench/avatar_pipeline.py): 2 is the smallest file of the
# fast methods (0 to 2), in about a third of the time of 4, for files about 5 % larger.
WEBP_METHOD = 2
# The resampling filter, chosen by measurement (bench/avatar_pipeline.py prints the table):
# from the draft decode to 512 px, Hamming takes about 3.1 ms where bicubic (thumbnail's
# default) takes 5.0 and Lanczos 6.9, and its stored WebP is about a tenth of a dB from
# bicubic's (PSNR against a Lanczos resize of the full decode: 38.01 against 38.14), where
# the encoder's own loss at quality 85 puts every filter near 38 dB.
RESAMPLING = Image.Resampling.HAMMING


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


def avatar_images(stream: IO[bytes], sizes: tuple[int, ...] = AVATAR_SIZES) -> list[Image.Image]:
    """Every avatar size (largest first) from one decode, upright and without metadata.

    `draft` lets the JPEG decoder scale down while decoding, to the smallest scale
    that still covers the largest size: far cheaper than decoding 12 megapixels.
    Each smaller size is made from the one before it.
    """
    sizes = tuple(sorted(sizes, reverse=True))
    image = decode_for(open_image(stream), sizes[0])
    made: list[Image.Image] = []
    for size in sizes:
        image = image.copy() if made else image
        image.thumbnail((size, size), RESAMPLING)
        # A fresh image carries no EXIF/GPS/ICC metadata from the upload.
        made.append(without_metadata(image))
    return made


def avatar_webps(stream: IO[bytes], sizes: tuple[int, ...] = AVATAR_SIZES) -> list[bytes]:
    """Every avatar size (largest first) as WebP bytes."""
    return [webp_bytes(image) for image in avatar_images(stream, sizes)]


def decode_for(image: Image.Image, size: int) -> Image.Image:
    """Decode `image` at the scale `size` needs, turned upright, in RGB (or RGBA when it has alpha)."""
    try:
        if image.format == "JPEG":
            image.draft("RGB", (size, size))
        image.seek(0)
        image.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ImageRejected("The image file is damaged and cannot be read.") from None
    image = upright(image)
    mode = "RGBA" if "A" in image.getbands() or "transparency" in image.info else "RGB"
    return image if image.mode == mode else image.convert(mode)


def without_metadata(image: Image.Image) -> Image.Image:
    """The same pixels in a new image: nothing of the upload's `info` (EXIF, GPS, ICC) comes along."""
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


def webp_bytes(image: Image.Image) -> bytes:
    """Encoded as WebP (small, and understood by every current browser), in memory: Pillow's WebP
    encoder makes the whole file before writing it, and an avatar is a few kilobytes."""
    out = io.BytesIO()
    image.save(out, format="WEBP", quality=85, method=WEBP_METHOD)
    return out.getvalue()
