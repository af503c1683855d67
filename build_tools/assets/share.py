"""Share images (Open Graph / Twitter cards), 1200×630, cached under a hash of their inputs.

A record with a photo gets its largest variant cropped to 1200×630 (JPEG, no text: one file
for every language). A record without one gets a typographic card — kind, name, city — in the
page's language, drawn with the board fonts so any script prints; identical texts give
identical keys, so languages that share a text share a file. Lists and the home page use
one card per language with the site's name. Files go to `share/` at the site root (not in
the offline bundles: a visitor never needs them on the phone).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageOps

from build_tools.assets.board_text import Line, draw_row, fit, one_row
from build_tools.assets.fonts import Fonts
from build_tools.resources import FONTS

WIDTH, HEIGHT = 1200, 630
SHARE_DIR = "share"  # under the site root
CACHE_VERSION = "share-2"  # bump when the design changes
JPEG_QUALITY = 82
BACKGROUND = (140, 29, 24)  # the theme colour, #8c1d18
BAND = (110, 22, 18)
WHITE = (255, 255, 255)
PALE = (245, 222, 200)
MARGIN = 80


@dataclass(frozen=True)
class ShareImage:
    path: str  # under the site root, e.g. share/3f2a….png
    width: int
    height: int
    alt: str


@dataclass(frozen=True)
class Card:
    """A typographic card's texts (already in the page's language)."""

    kind: str
    name: str
    footer: str


@dataclass
class ShareStats:
    drawn: int = 0
    reused: int = 0
    files: dict[str, Path] = field(default_factory=dict)  # site path → cached file


@lru_cache(maxsize=1)
def _fonts_digest() -> str:
    return Fonts(FONTS).digest()


class ShareImages:
    """Draws (or reuses) share images; every call returns the image's site path and size."""

    def __init__(self, cache: Path, stats: ShareStats | None = None) -> None:
        self.cache = cache
        self.stats = stats or ShareStats()
        self._fonts: Fonts | None = None

    def _key(self, *parts: str) -> str:
        return hashlib.sha256(json.dumps([CACHE_VERSION, *parts]).encode()).hexdigest()

    def _stored(self, key: str, ext: str) -> tuple[str, Path]:
        name = f"{SHARE_DIR}/{key[:20]}.{ext}"
        return name, self.cache / f"{key}.{ext}"

    def photo(self, variant: Path, alt: str) -> ShareImage:
        """`variant`: a cached photo variant, whose name is already a hash of its content."""
        key = self._key("photo", variant.name, str(JPEG_QUALITY))
        name, cached = self._stored(key, "jpg")
        if cached.exists():
            self.stats.reused += 1
        else:
            with Image.open(variant) as opened:
                image = ImageOps.fit(
                    opened.convert("RGB"), (WIDTH, HEIGHT), Image.Resampling.LANCZOS
                )
            buffer = io.BytesIO()
            image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
            self._write(cached, buffer.getvalue())
        self.stats.files[name] = cached
        return ShareImage(name, WIDTH, HEIGHT, alt)

    def card(self, card: Card, alt: str) -> ShareImage:
        key = self._key("card", _fonts_digest(), card.kind, card.name, card.footer)
        name, cached = self._stored(key, "png")
        if cached.exists():
            self.stats.reused += 1
        else:
            buffer = io.BytesIO()
            draw_card(card, self._get_fonts()).save(buffer, "PNG", optimize=True)
            self._write(cached, buffer.getvalue())
        self.stats.files[name] = cached
        return ShareImage(name, WIDTH, HEIGHT, alt)

    def _get_fonts(self) -> Fonts:
        if self._fonts is None:
            self._fonts = Fonts(FONTS)
        return self._fonts

    def _write(self, cached: Path, data: bytes) -> None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        # Two languages' children may draw the same photo's image at once: whole files only.
        partial = cached.with_name(f".{cached.name}.{os.getpid()}")
        partial.write_bytes(data)
        os.replace(partial, cached)
        self.stats.drawn += 1


def draw_card(card: Card, fonts: Fonts) -> Image.Image:
    """Kind above, the name large in the middle, the city and site in a band below."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    inner = WIDTH - 2 * MARGIN
    band_top = HEIGHT - 130
    draw.rectangle((0, band_top, WIDTH, HEIGHT), fill=BAND)
    draw.rectangle((MARGIN, 150, MARGIN + 120, 158), fill=PALE)
    if card.kind:
        draw_row(draw, one_row(draw, fonts, card.kind.upper(), 40, inner), (MARGIN, 90), PALE, "la")
    rows = fit(draw, Line(card.name, 88, bold=True), fonts, inner)
    steps = [row.step(1.2, fonts) for row in rows]
    y = 170 + (band_top - 170 - (sum(steps[:-1]) + rows[-1].ascent + rows[-1].descent)) / 2
    for row, step in zip(rows, steps, strict=True):
        draw_row(draw, row, (MARGIN, y), WHITE, "la")
        y += step
    if card.footer:
        footer = one_row(draw, fonts, card.footer, 40, inner)
        draw_row(draw, footer, (MARGIN, band_top + 65), WHITE, "lm")
    # Flat colours and anti-aliased text: a palette of 64 keeps the PNG several times smaller.
    return image.quantize(colors=64, method=Image.Quantize.MEDIANCUT)
