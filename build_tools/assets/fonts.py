"""Board fonts: which shipped Noto font draws each character, and which characters none can."""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont
from fontTools.unicodedata import script
from PIL import ImageFont, features

from build_tools.resources import FONTS


@dataclass(frozen=True)
class Family:
    name: str
    regular: str
    bold: str | None  # None: bold text (titles) is drawn with the regular file
    shaped: bool = False  # stacked vowels and subscripts are only right after shaping


FAMILIES = {
    family.name: family
    for family in (
        Family("latin", "NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
        Family("khmer", "NotoSansKhmer-Regular.ttf", "NotoSansKhmer-Bold.ttf", shaped=True),
        Family("lao", "NotoSansLao-Regular.ttf", "NotoSansLao-Bold.ttf", shaped=True),
        Family("thai", "NotoSansThai-Regular.ttf", "NotoSansThai-Bold.ttf", shaped=True),
        # Full CJK fonts, regular only: a bold face would add 17 MB for titles alone.
        Family("sc", "NotoSansSC-Regular.ttf", None),
        Family("kr", "NotoSansKR-Regular.ttf", None),
    )
}
# The font a script asks for (ISO 15924 codes from fontTools.unicodedata.script). Anything
# else (Latin, Vietnamese, Cyrillic, Greek, symbols) starts with Noto Sans.
SCRIPT_FAMILY = {
    "Khmr": "khmer",
    "Laoo": "lao",
    "Thai": "thai",
    "Hani": "sc",
    "Hira": "sc",
    "Kana": "sc",
    "Bopo": "sc",
    "Hang": "kr",
}
# Who draws a character its script's font lacks (a "·" in a Khmer name): the first that has it.
FALLBACK = ("latin", "sc", "kr", "khmer", "lao", "thai")
COMMON, INHERITED = "Zyyy", "Zinh"
ZWSP = "\u200b"
# Without Raqm, Pillow places Khmer, Lao and Thai marks one after the other instead of
# stacking them: text that a reader of those scripts would call broken.
RAQM = features.check("raqm")


class ShapingUnavailable(RuntimeError):
    """A board needs complex-script shaping, and this Pillow has no Raqm."""


@dataclass(frozen=True)
class Run:
    """A stretch of text drawn with one font."""

    text: str
    family: str


@cache
def _cmap(path: str) -> frozenset[int]:
    # lazy: only the cmap table is read, even from the 10 MB Chinese font.
    return frozenset(TTFont(path, lazy=True).getBestCmap())


@cache
def _coverage(folder: str, family: str) -> frozenset[int]:
    entry = FAMILIES[family]
    names = [name for name in (entry.regular, entry.bold) if name]
    return frozenset.intersection(*(_cmap(str(Path(folder) / name)) for name in names))


def script_of(char: str) -> str:
    """The ISO 15924 script code of `char`: "Latn", "Khmr", "Hani"; "Zyyy" for common."""
    return str(script(char))


def ignorable(char: str) -> bool:
    """Characters that print as nothing: spaces, and format marks like zero-width space."""
    return char.isspace() or unicodedata.category(char) == "Cf"


def describe(chars: list[str]) -> str:
    """`"ឞ" (U+179E)`, one per character: the code point identifies invisible ones."""
    return ", ".join(f'"{c}" (U+{ord(c):04X})' for c in chars)


@dataclass
class Fonts:
    """The shipped fonts, opened once per size."""

    folder: Path = FONTS
    _cache: dict[tuple[str, int], ImageFont.FreeTypeFont] = field(default_factory=dict)

    def file_for(self, family: str, bold: bool = False) -> Path:
        entry = FAMILIES[family]
        return self.folder / ((entry.bold if bold else None) or entry.regular)

    def get(self, family: str, size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
        path = self.file_for(family, bold)
        key = (str(path), size)
        if key not in self._cache:
            if FAMILIES[family].shaped and not RAQM:
                raise ShapingUnavailable(
                    f"{family.capitalize()} text needs Pillow with Raqm to be printed correctly "
                    "(install libfribidi, e.g. `apt install libfribidi0`, then check "
                    "`python -c \"from PIL import features; print(features.check('raqm'))\"`)"
                )
            engine = ImageFont.Layout.RAQM if RAQM else ImageFont.Layout.BASIC
            self._cache[key] = ImageFont.truetype(str(path), size, layout_engine=engine)
        return self._cache[key]

    def covers(self, family: str, char: str) -> bool:
        """Whether both weights of `family` have `char` (titles are bold, the rest regular)."""
        return ord(char) in _coverage(str(self.folder), family)

    def runs(self, text: str) -> list[Run]:
        """Split `text` by script into runs, each with the font that draws it.

        Per script, not per language: a Vietnamese board may carry a Khmer or Chinese name.
        Punctuation, digits and spaces take the font of the letters before them, except
        after Chinese or Korean, whose fonts draw Latin punctuation an em wide (" · " between
        two names); combining marks always stay with their base letter, to be shaped with it.
        """
        runs: list[Run] = []
        current: str | None = None  # the previous character's family
        letters = "latin"  # the family of the last letter: the script the text is in
        for char in unicodedata.normalize("NFC", text):
            code = script_of(char)
            if current is not None and (
                code == INHERITED or unicodedata.category(char).startswith("M")
            ):
                family = current
            elif code in (COMMON, INHERITED):
                family = letters
                if family in ("sc", "kr") and self.covers("latin", char):
                    family = "latin"
                if not self.covers(family, char):
                    family = self._fallback(char, family)
            else:
                family = SCRIPT_FAMILY.get(code, "latin")
                if code == "Hani" and letters == "kr":
                    family = "kr"  # Hanja in a Korean name, in the Korean font's style
                if not self.covers(family, char):
                    family = self._fallback(char, family)
                letters = family
            if runs and runs[-1].family == family:
                runs[-1] = Run(runs[-1].text + char, family)
            else:
                runs.append(Run(char, family))
            current = family
        return runs

    def _fallback(self, char: str, otherwise: str = "latin") -> str:
        return next((name for name in FALLBACK if self.covers(name, char)), otherwise)

    def missing(self, text: str) -> list[str]:
        """The characters of `text` that would print as empty boxes, in order, once each."""
        found: dict[str, None] = {}
        for run in self.runs(text):
            for char in run.text:
                if not ignorable(char) and not self.covers(run.family, char):
                    found[char] = None
        return list(found)

    def digest(self) -> str:
        hasher = hashlib.sha256()
        for name in sorted({f for e in FAMILIES.values() for f in (e.regular, e.bold) if f}):
            hasher.update((self.folder / name).read_bytes())
        return hasher.hexdigest()


def missing_glyphs(text: str) -> list[str]:
    """The characters of `text` no shipped font can print (a board would show boxes)."""
    return _shipped().missing(text)


@lru_cache(maxsize=1)
def _shipped() -> Fonts:
    return Fonts(FONTS)
