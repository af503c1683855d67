"""Rows of mixed-script text on boards: breaks where each script allows, one baseline for
runs in different fonts, shrinking to fit."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace

from PIL import ImageDraw, ImageFont

from build_tools.assets.fonts import ZWSP, Fonts, script_of

INK = (25, 25, 25)
MIN_TEXT_PX = 16  # a text still too wide at this size is drawn anyway, clipped by the page
# Chinese and Japanese may break between any two characters, except before closing or
# after opening punctuation; Khmer, Lao and Thai only at spaces and zero-width spaces.
WIDE_SCRIPTS = {"Hani", "Hira", "Kana", "Bopo"}
CLOSING = set("，。、：；！？）」』】》〉・ー…,.;:!?)]}%")
OPENING = set("（「『【《〈([{")


def nfc(text: str) -> str:
    # Decomposed input ("a" + combining marks) would draw stacked or missing accents.
    return unicodedata.normalize("NFC", text)


@dataclass(frozen=True)
class Line:
    text: str
    size: int  # pixels
    bold: bool = False
    color: tuple[int, int, int] = INK


def units(text: str) -> list[str]:
    """`text` cut where a line may break; the pieces join back into `text`."""
    pieces: list[str] = []
    current = ""
    for char in text:
        if current and _breaks(current[-1], char):
            pieces.append(current)
            current = ""
        current += char
    if current:
        pieces.append(current)
    return pieces if text else [""]


def _breaks(before: str, after: str) -> bool:
    if before.isspace() or before == ZWSP:
        return not after.isspace()
    if after.isspace() or after in CLOSING or before in OPENING:
        return False
    return script_of(before) in WIDE_SCRIPTS or script_of(after) in WIDE_SCRIPTS


@dataclass(frozen=True)
class Row:
    """One printed row: runs of text, each with its font, on a shared baseline."""

    runs: tuple[tuple[str, ImageFont.FreeTypeFont, float], ...]  # text, font, advance
    size: int
    ascent: int
    descent: int

    @property
    def width(self) -> float:
        return sum(advance for _, _, advance in self.runs)

    def step(self, factor: float, fonts: Fonts) -> int:
        """Distance to the next row: `factor` × size, plus what a tall script (Lao, Chinese)
        needs beyond Latin's height, so its marks never touch the next row."""
        ascent, descent = fonts.get("latin", self.size).getmetrics()
        return int(self.size * factor) + max(0, self.ascent + self.descent - ascent - descent)


def row_of(draw: ImageDraw.ImageDraw, fonts: Fonts, text: str, size: int, bold: bool) -> Row:
    runs = []
    for run in fonts.runs(nfc(text).replace(ZWSP, "")):
        font = fonts.get(run.family, size, bold)
        runs.append((run.text, font, draw.textlength(run.text, font=font)))
    metrics = [font.getmetrics() for _, font, _ in runs] or [fonts.get("latin", size).getmetrics()]
    return Row(tuple(runs), size, max(m[0] for m in metrics), max(m[1] for m in metrics))


def draw_row(
    draw: ImageDraw.ImageDraw,
    row: Row,
    xy: tuple[float, float],
    fill: tuple[int, int, int],
    anchor: str,
) -> None:
    """Draw `row` at `xy` like Pillow's anchors: "ma" centred below `xy`, "la" from its left,
    "lm" vertically centred; each run on the same baseline, whatever its font."""
    x, y = xy
    if anchor[0] == "m":
        x -= row.width / 2
    baseline = y + row.ascent if anchor[1] == "a" else y + (row.ascent - row.descent) / 2
    for text, font, advance in row.runs:
        draw.text((x, baseline), text, font=font, fill=fill, anchor="ls")
        x += advance


def fit(draw: ImageDraw.ImageDraw, line: Line, fonts: Fonts, width: int) -> list[Row]:
    """Wrap `line` into at most two rows that fit `width`, shrinking the font if needed.

    Rows break only where the script allows (spaces; between Chinese characters; zero-width
    spaces in Khmer, Lao and Thai), never inside a word.
    """
    size = line.size
    pieces = units(nfc(line.text))
    while True:
        rows: list[Row] = []
        current = ""
        for unit in pieces:
            candidate = current + unit
            if current and row_of(draw, fonts, candidate.strip(), size, line.bold).width > width:
                rows.append(row_of(draw, fonts, current.strip(), size, line.bold))
                current = unit
            else:
                current = candidate
        rows.append(row_of(draw, fonts, current.strip(), size, line.bold))
        fits = len(rows) <= 2 and all(row.width <= width for row in rows)
        if fits or size <= MIN_TEXT_PX:
            return rows
        size = max(MIN_TEXT_PX, int(size * 0.9))


def one_row(draw: ImageDraw.ImageDraw, fonts: Fonts, text: str, size: int, width: float) -> Row:
    """`text` in bold on one row no wider than `width`, shrunk if needed (header, captions)."""
    row = row_of(draw, fonts, text, size, bold=True)
    while row.width > width and size > MIN_TEXT_PX:
        size = max(MIN_TEXT_PX, int(size * 0.9))
        row = row_of(draw, fonts, text, size, bold=True)
    return row


def scaled(line: Line, factor: float) -> Line:
    return replace(line, size=max(MIN_TEXT_PX, int(line.size * factor)))
