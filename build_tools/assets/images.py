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
    files: dict[str, bytes] = field(default_factory=dict)  # site path → content


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
            stats.files[name] = cached.read_bytes()
        variants.append(Variant(target, out_height, names["webp"], names["jpeg"]))
    return Photo(site_path, tuple(variants))


def _upright_size(image: Image.Image) -> tuple[int, int]:
    orientation = image.getexif().get(0x0112, 1)
    width, height = image.size
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)


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
