"""Photo variants: WebP and JPEG at a few widths, upright, with no metadata, cached by hash."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageOps

WIDTHS = (480, 960, 1600)
WEBP_QUALITY = 80
JPEG_QUALITY = 82
CACHE_VERSION = "img-1"  # bump when the encoding settings change
MEDIA_URL = "media"  # under the site root, shared by every language


@dataclass(frozen=True)
class Variant:
    width: int
    height: int
    webp: str  # path under the site root
    jpeg: str


@dataclass(frozen=True)
class Photo:
    """An original and its variants; width/height are those of the largest variant."""

    source: str
    variants: tuple[Variant, ...]

    @property
    def largest(self) -> Variant:
        return self.variants[-1]


@dataclass
class ImageStats:
    encoded: int = 0
    reused: int = 0
    # site path → file to copy there; variants stream to disk, so memory does not grow
    # with the number of photos.
    files: dict[str, Path] = field(default_factory=dict)


def _encode(image: Image.Image, fmt: str) -> bytes:
    buffer = io.BytesIO()
    if fmt == "webp":
        image.save(buffer, "WEBP", quality=WEBP_QUALITY, method=4)
    else:
        # No exif= argument: nothing of the original's metadata (GPS, camera owner) survives.
        image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return buffer.getvalue()


def process(original: Path, site_path: str, cache: Path, stats: ImageStats) -> Photo:
    """Make (or reuse) the variants of one original; `site_path` is e.g. media/relics/x/a."""
    data = original.read_bytes()
    key = hashlib.sha256(
        data + f"|{CACHE_VERSION}|{WIDTHS}|{WEBP_QUALITY}|{JPEG_QUALITY}".encode()
    ).hexdigest()
    upright: Image.Image | None = None
    variants = []
    with Image.open(io.BytesIO(data)) as probe:
        width, height = _upright_size(probe)
    widths = [w for w in WIDTHS if w < width] + [min(width, WIDTHS[-1])]
    for target in sorted(set(widths)):
        out_height = round(height * target / width)
        names = {
            fmt: f"{site_path}-{target}.{ext}" for fmt, ext in (("webp", "webp"), ("jpeg", "jpg"))
        }
        for fmt, name in names.items():
            cached = cache / f"{key}-{target}.{fmt}"
            if cached.exists():
                stats.reused += 1
            else:
                if upright is None:
                    with Image.open(io.BytesIO(data)) as opened:
                        upright = ImageOps.exif_transpose(opened).convert("RGB")
                resized = upright.resize((target, out_height), Image.Resampling.LANCZOS)
                cache.mkdir(parents=True, exist_ok=True)
                cached.write_bytes(_encode(resized, fmt))
                stats.encoded += 1
            stats.files[name] = cached  # copied into the site later: no bytes held here
        variants.append(Variant(target, out_height, names["webp"], names["jpeg"]))
    return Photo(site_path, tuple(variants))


def _upright_size(image: Image.Image) -> tuple[int, int]:
    orientation = image.getexif().get(0x0112, 1)
    width, height = image.size
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)


MIN_SIDE = 16  # an icon, not a photo (and with MAX_RATIO no variant side shrinks to 0)
MAX_RATIO = 20  # a 360° panorama is about 6:1
MAX_PIXELS = 60_000_000  # below Pillow's decompression-bomb limit; ~2 s and 240 MB to decode
FORMATS = {"JPEG", "PNG", "WEBP", "MPO"}  # MPO: phones' JPEG with a depth image


def photo_problem(original: Path) -> tuple[str, str] | None:
    """(problem, fix) when the build could not make variants of `original`.

    Decodes the image (JPEG at 1/8 scale, which is fast) so a truncated or corrupt file is
    refused by `portal check` rather than crashing `portal build`.
    """
    fix = "export it again as JPEG, PNG or WebP"
    try:
        width, height = _header_size(original)
        if min(width, height) < MIN_SIDE or max(width, height) > MAX_RATIO * min(width, height):
            return (
                f"the image is {width}×{height} px: a strip, not a photo",
                f"crop or export it at least {MIN_SIDE} px on each side, no more than "
                f"{MAX_RATIO} times as long as it is high",
            )
        if width * height > MAX_PIXELS:
            return (
                f"the image has {width * height / 1e6:.0f} million pixels "
                f"({width}×{height}), more than the {MAX_PIXELS // 1_000_000} million "
                "the site accepts",
                "resize it to about 4000 px on the long side before adding it",
            )
        with Image.open(original) as image:
            if image.format not in FORMATS:
                return f"{image.format} images are not published", fix
            image.draft("RGB", (max(1, width // 8), max(1, height // 8)))
            image.load()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
        reason = (
            "it is cut off: an incomplete copy or download"
            if "truncated" in str(error)
            else str(error)
        )
        return f"the file is not a photo that can be read ({reason})", fix
    return None


def _header_size(original: Path) -> tuple[int, int]:
    """The size written in the file's header, read without decoding any pixel (Pillow's
    own bomb check would refuse to tell us how big the image claims to be)."""
    saved = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None
    try:
        with Image.open(original) as image:
            return image.size
    finally:
        Image.MAX_IMAGE_PIXELS = saved


def size_advice(original: Path) -> tuple[str, str] | None:
    """(problem, fix) when an original is too small to look sharp or needlessly large."""
    with Image.open(original) as image:
        width, height = _upright_size(image)
    megabytes = original.stat().st_size / 1_000_000
    if max(width, height) < 1200:
        return (
            f"the photo is only {width}×{height} px and will look blurry",
            "use the camera's original, at least 1600 px on the long side",
        )
    if megabytes > 15 or max(width, height) > 8000:
        return (
            f"the photo is {megabytes:.0f} MB ({width}×{height} px)",
            "resize it to about 4000 px on the long side before adding it; "
            "the site makes its own small copies",
        )
    return None
