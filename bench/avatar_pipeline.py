"""Avatar pipeline: a 12-megapixel JPEG through `POST /profile` against the naive Pillow pipeline.

The naive pipeline is what tutorials do: `load()`, `ImageOps.exif_transpose`,
`thumbnail`, save, for each stored size (512 and 128 px WebP). Formwork's is the
whole request (multipart parsing, CSRF, the form, decoding once with JPEG draft
mode at the scale the largest size needs, both sizes, the database commit).
Both run on the same bytes, in alternating rounds, in one run; medians are printed,
with the floor (decoding at draft scale alone), the resampling table that chose
`RESAMPLING` and the WebP effort table that chose `WEBP_METHOD`.

    .venv/bin/python bench/avatar_pipeline.py [--rounds 7]
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from PIL import Image  # noqa: E402
from PIL import ImageOps  # noqa: E402

SIZES = (512, 128)


def noisy_photo(width: int = 4000, height: int = 3000) -> bytes:
    """A 12 MP JPEG with camera-like noise, so entropy decoding costs what a real photo's does."""
    noise = Image.frombytes("RGB", (width, height), os.urandom(width * height * 3))
    scene = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    out = io.BytesIO()
    Image.blend(noise, scene, 0.6).save(out, format="JPEG", quality=90)
    return out.getvalue()


def naive(data: bytes) -> None:
    """load, exif_transpose, thumbnail, save: once per size."""
    image = Image.open(io.BytesIO(data))
    image.load()
    image = ImageOps.exif_transpose(image)
    for size in SIZES:
        image.thumbnail((size, size))
        image.save(io.BytesIO(), format="WEBP", quality=85)


def draft_decode(data: bytes) -> Image.Image:
    """The JPEG decoded at the scale the largest size needs (the floor's work)."""
    image = Image.open(io.BytesIO(data))
    image.draft("RGB", (SIZES[0], SIZES[0]))
    image.load()
    return image


def timed(job) -> float:
    start = time.perf_counter()
    job()
    return time.perf_counter() - start


def formwork_client(work: str):
    """A signed-in test client of a Formwork app on a throw-away instance."""
    os.environ["APP_CONFIG"] = "testing"
    from app import create_app
    from extensions import db
    from models import User

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{work}/bench.db",
            "UPLOAD_ROOT": f"{work}/uploads",
            "LOG_DIR": f"{work}/logs",
            "SESSION_FILE_DIR": f"{work}/sessions",
            "HOUSEKEEPING": False,
        }
    )
    with app.app_context():
        db.create_all()
        user = User(username="bench", email="bench@example.com", first_name="Bench", last_name="Mark")
        user.street, user.city, user.postal_code, user.country = "1 Main St", "Leeds", "LS1 1AA", "GB"
        user.set_password("Bench-pass-1!")
        db.session.add(user)
        db.session.commit()
    client = app.test_client()
    from tests.page_reading import form_values

    client.post(
        "/login", data={**form_values(client.get("/login")), "username": "bench", "password": "Bench-pass-1!"}
    )
    values = form_values(client.get("/profile"), action="")
    return client, values


def multipart_body(values: dict, data: bytes) -> tuple[bytes, str]:
    """The request body a browser would send, encoded once (the client's work is not timed)."""
    from werkzeug.test import EnvironBuilder

    builder = EnvironBuilder(method="POST", data={**values, "avatar": (io.BytesIO(data), "photo.jpg")})
    environ = builder.get_environ()
    return environ["wsgi.input"].read(), environ["CONTENT_TYPE"]


def post_profile(client, body: tuple[bytes, str]) -> None:
    response = client.post("/profile", data=body[0], content_type=body[1])
    assert response.status_code == 302, response.status_code


def structured_scene(width: int = 1000, height: int = 750) -> bytes:
    """A photo-like scene (edges, gradients, a little grain) where WebP effort shows in the file size."""
    from PIL import ImageFilter

    fractal = Image.effect_mandelbrot((width, height), (-2.2, -1.2, 1.0, 1.2), 200).filter(
        ImageFilter.GaussianBlur(1)
    )
    gradient = Image.linear_gradient("L").resize((width, height))
    scene = Image.merge("RGB", (fractal, gradient, fractal.transpose(Image.Transpose.FLIP_LEFT_RIGHT)))
    grain = Image.frombytes("RGB", (width, height), os.urandom(width * height * 3))
    out = io.BytesIO()
    Image.blend(scene, grain, 0.08).save(out, format="JPEG", quality=90)
    return out.getvalue()


def webp_table(data: bytes) -> list[tuple[int, float, int]]:
    """(method, ms to encode both sizes, bytes of the 512 px file) for WebP methods 0 to 6."""
    from uploads.images import avatar_images

    images = avatar_images(io.BytesIO(data))
    rows = []
    for method in range(7):
        best, size = float("inf"), 0
        for _ in range(5):
            outs = [io.BytesIO() for _ in images]
            start = time.perf_counter()
            for image, out in zip(images, outs, strict=True):
                image.save(out, format="WEBP", quality=85, method=method)
            best = min(best, time.perf_counter() - start)
            size = len(outs[0].getvalue())
        rows.append((method, best * 1000, size))
    return rows


def psnr(image: Image.Image, reference: Image.Image) -> float:
    """Peak signal-to-noise ratio of `image` against `reference`, in dB (higher is closer)."""
    import math

    from PIL import ImageChops
    from PIL import ImageStat

    mse = sum(rms * rms for rms in ImageStat.Stat(ImageChops.difference(image, reference)).rms) / 3
    return 10 * math.log10(255**2 / mse) if mse else float("inf")


def resampling_table(data: bytes) -> list[tuple[str, float, float]]:
    """(filter, ms from the draft decode to 512 px, dB of the stored WebP) for the filters that
    could make the largest size; the reference is a Lanczos resize of the full decode."""
    from uploads.images import WEBP_METHOD

    full = Image.open(io.BytesIO(data))
    full.load()
    decoded = draft_decode(data)
    target = decoded.copy()
    target.thumbnail((SIZES[0], SIZES[0]))
    reference = full.resize(target.size, Image.Resampling.LANCZOS, reducing_gap=None)
    rows = []
    for name in ("BILINEAR", "HAMMING", "BICUBIC", "LANCZOS"):
        resampling = Image.Resampling[name]
        best = float("inf")
        for _ in range(5):
            image = decoded.copy()
            start = time.perf_counter()
            image.thumbnail((SIZES[0], SIZES[0]), resampling)
            best = min(best, time.perf_counter() - start)
        out = io.BytesIO()
        image.save(out, format="WEBP", quality=85, method=WEBP_METHOD)
        stored = Image.open(io.BytesIO(out.getvalue())).convert("RGB")
        rows.append((name, best * 1000, psnr(stored, reference)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    data = noisy_photo()
    print(f"photo: 4000x3000 JPEG, {len(data) / 1e6:.1f} MB")
    with tempfile.TemporaryDirectory() as work:
        client, values = formwork_client(work)
        body = multipart_body(values, data)
        post_profile(client, body)  # warm up: imports, first render
        naive(data)
        times = {"naive": [], "formwork": [], "floor": []}
        for _ in range(args.rounds):
            times["naive"].append(timed(lambda: naive(data)))
            times["formwork"].append(timed(lambda: post_profile(client, body)))
            times["floor"].append(timed(lambda: draft_decode(data)))
        medians = {name: statistics.median(values) * 1000 for name, values in times.items()}
        bests = {name: min(values) * 1000 for name, values in times.items()}
        print(f"naive pipeline (load, exif_transpose, thumbnail, save x2): {medians['naive']:.1f} ms")
        print(f"Formwork POST /profile to both stored sizes:              {medians['formwork']:.1f} ms")
        print(f"floor: JPEG decode at draft scale alone:                   {medians['floor']:.1f} ms")
        print(f"ratio Formwork / naive: {medians['formwork'] / medians['naive']:.2f} (target <= 0.55)")
        print(f"ratio floor / naive:    {medians['floor'] / medians['naive']:.2f}")
        print(
            f"best of {args.rounds} (noise only adds time): naive {bests['naive']:.1f} ms, "
            f"Formwork {bests['formwork']:.1f} ms, ratio {bests['formwork'] / bests['naive']:.2f}, "
            f"floor ratio {bests['floor'] / bests['naive']:.2f}"
        )
        print("resampling to 512 px, on a 4000x3000 structured scene: filter, ms, dB of the stored WebP")
        for name, ms, db in resampling_table(structured_scene(4000, 3000)):
            print(f"  {name:8s} {ms:5.1f} ms  {db:5.2f} dB")
        for label, photo in (("the noisy photo", data), ("a structured scene", structured_scene())):
            print(f"WebP effort on {label} (both sizes): method, ms, bytes of the 512 px file")
            for method, ms, size in webp_table(photo):
                print(f"  method {method}: {ms:5.1f} ms  {size:6d} bytes")


if __name__ == "__main__":
    main()
