"""Printable boards for relic sites and wifi points (A4/A5, PNG and PDF at 300 dpi)."""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw

from build_tools.assemble.landing import short_url
from build_tools.assets import qr
from build_tools.assets.board_text import INK, Line, draw_row, fit, one_row, row_of, scaled
from build_tools.assets.fonts import Fonts
from build_tools.assets.wifi_payload import join_payload
from build_tools.model.catalog import Catalog
from build_tools.model.codes import ShortLink, short_links
from build_tools.model.site import SiteConfig
from build_tools.render.i18n import load_translations
from build_tools.render.labels import board_texts
from build_tools.resources import CITY_LOGO

DPI = 300
SIZES_MM = {"a4": (210, 297), "a5": (148, 210)}
MIN_RELIC_QR_MM = 100  # scans from about 1 m
CACHE_VERSION = "board-3"
RED = (140, 29, 24)
CREAM = (255, 248, 231)


def mm(value: float) -> int:
    return round(value / 25.4 * DPI)


@dataclass(frozen=True)
class Board:
    """Everything a board shows; its hash decides whether it must be drawn again."""

    name: str  # file stem, e.g. "relic-chua-vinh-trang-a4"
    paper: str
    title: tuple[Line, ...]
    codes: tuple[tuple[str, str], ...]  # (payload, caption) pairs, drawn side by side
    notes: tuple[Line, ...]
    footer: str
    qr_min_mm: float

    def key(self, fonts_digest: str, logo_digest: str) -> str:
        data = json.dumps([CACHE_VERSION, fonts_digest, logo_digest, repr(self)])
        return hashlib.sha256(data.encode()).hexdigest()


def draw_board(board: Board, fonts: Fonts, logo: Image.Image | None) -> Image.Image:
    width_mm, height_mm = SIZES_MM[board.paper]
    width, height = mm(width_mm), mm(height_mm)
    scale = width / mm(210)
    margin = mm(12)
    page = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(page)
    inner = width - 2 * margin

    # Header band: the city's name (and logo).
    band = mm(26) if board.paper == "a4" else mm(20)
    draw.rectangle([0, 0, width, band], fill=RED)
    x = margin
    if logo is not None:
        mark = logo.copy()
        mark.thumbnail((band - mm(6), band - mm(6)))
        page.paste(mark, (x, (band - mark.height) // 2), mark if mark.mode == "RGBA" else None)
        x += mark.width + mm(4)
    header = one_row(draw, fonts, board.footer, int(70 * scale), width - margin - x)
    draw_row(draw, header, (x, band // 2), CREAM, "lm")

    # QR codes side by side. A lone code's symbol (quiet zone excluded) is at least
    # qr_min_mm wide; its white quiet zone may reach into the page margin.
    gap = mm(8)
    count = len(board.codes)
    modules = max((qr.info(p).modules for p, _ in board.codes if p), default=41)
    if count == 1:
        symbol = max(mm(board.qr_min_mm), int(inner * 0.55) * (modules - 8) // modules)
        box = -(-symbol // (modules - 2 * qr.QUIET_ZONE))  # ceiling: never smaller
    else:
        box = (inner - gap * (count - 1)) // count // modules
    qr_width = box * modules
    caption_size = int(44 * scale)
    # The quiet zone (4 modules) already keeps text off the code: a small gap is enough.
    codes_height = mm(2) + qr_width + int(caption_size * 1.6) + mm(4)

    # The codes keep their size; the texts shrink until all of them fit above the bottom
    # margin (five languages of "scan for the guide" did not fit on A5): the notes first,
    # the names only once the notes are down to three quarters.
    top, bottom = band + mm(8), height - mm(6)
    factor = 1.0
    while True:
        title_factor = min(1.0, factor / 0.75)
        title = [fit(draw, scaled(line, title_factor), fonts, inner) for line in board.title]
        notes = [fit(draw, scaled(line, factor), fonts, inner) for line in board.notes]
        title_height = sum(sum(r.step(1.25, fonts) for r in rows) + mm(2) for rows in title)
        notes_height = sum(r.step(1.3, fonts) for rows in notes for r in rows)
        if top + title_height + codes_height + notes_height <= bottom or factor < 0.4:
            break
        factor *= 0.9

    y = top
    for line, rows in zip(board.title, title, strict=True):
        for row in rows:
            draw_row(draw, row, (width // 2, y), line.color, "ma")
            y += row.step(1.25, fonts)
        y += mm(2)

    y += mm(2)
    left = (width - (qr_width * count + gap * (count - 1))) // 2
    for index, (payload, caption) in enumerate(board.codes):
        x = left + index * (qr_width + gap)
        if payload:
            page.paste(qr.image(payload, qr_width).convert("RGB"), (x, y))
        else:
            pad = qr.QUIET_ZONE * box
            draw.rectangle(
                [x + pad, y + pad, x + qr_width - pad, y + qr_width - pad], outline=RED, width=mm(1)
            )
        label = one_row(draw, fonts, caption, caption_size, qr_width if count > 1 else inner)
        draw_row(draw, label, (x + qr_width // 2, y + qr_width), INK, "ma")
    y += qr_width + int(caption_size * 1.6) + mm(4)

    for line, rows in zip(board.notes, notes, strict=True):
        for row in rows:
            draw_row(draw, row, (width // 2, y), line.color, "ma")
            y += row.step(1.3, fonts)
    return page


@dataclass
class SignageReport:
    rendered: int = 0
    reused: int = 0
    files: list[Path] = field(default_factory=list)
    qr_versions: dict[str, int] = field(default_factory=dict)


Printed = tuple[tuple[str, ...], str]  # (field path in the YAML file, text)


def printed_fields(kind: str, record: Any) -> Iterator[Printed]:
    """What `boards_for` prints of a record: checked for glyphs before any board is drawn."""
    if kind not in ("relic", "wifi"):
        return
    for lang, text in record.name.items():
        yield ("name", lang), text
    if kind == "wifi":
        yield ("ssid",), record.ssid
        if record.public_password:
            yield ("password",), record.public_password


def printed_site_fields(site: SiteConfig) -> Iterator[Printed]:
    """What every board prints of the site settings: the city in its header, the short URL."""
    for lang in dict.fromkeys((site.default_language, "en")):
        if lang in site.city:
            yield ("city", lang), site.city[lang]
    yield ("base_url",), str(site.base_url)


def shared_site_fields(site: SiteConfig) -> Iterator[Printed]:
    """What the share images (assets/share.py, drawn by render/page_meta.py) print of the
    site settings: the site's name and the city, in whichever language a page picks."""
    for field_name in ("site_name", "city"):
        texts: dict[str, str] = getattr(site, field_name)
        for lang, text in texts.items():
            yield (field_name, lang), text


def pair(default: str, english: str | None) -> str:
    """`default · English`, or one of them when they are the same (Hòa Thành in both)."""
    return " · ".join(dict.fromkeys(text for text in (default, english) if text))


def boards_for(catalog: Catalog, link: ShortLink, words: dict[str, dict[str, str]]) -> list[Board]:
    site = catalog.site
    default = site.default_language
    record = link.record
    names = record.name
    city = pair(site.city[default], site.city.get("en"))
    url = short_url(site, link.code)
    scan_size = {"a4": 62, "a5": 44}
    display_url = url.split("://", 1)[-1]
    english = "en" if "en" in words else default
    # Each distinct text once: a language without its own catalog prints English again.
    scan_texts = list(dict.fromkeys(words[code]["scan"] for code in site.codes))
    # The name in every other language, so a visitor finds the one they can read.
    others: list[str] = []
    for code in site.codes:
        text = names.get(code)
        if text and text not in (names[default], names.get("en"), *others):
            others.append(text)
    boards = []
    for paper in SIZES_MM:
        size = 1 if paper == "a4" else 0.7
        scan = tuple(Line(text, scan_size[paper]) for text in scan_texts)
        title = [Line(names[default], int(120 * size), bold=True, color=RED)]
        if names.get("en") and names["en"] != names[default]:
            title.append(Line(names["en"], int(70 * size)))
        if others:
            title.append(Line(" · ".join(others), int(60 * size)))
        codes: tuple[tuple[str, str], ...]
        if link.kind == "relic":
            codes = ((url, display_url),)
            notes = scan
            minimum = MIN_RELIC_QR_MM
        else:
            payload = join_payload(record)
            ssid_line = Line(f"Wi-Fi: {record.ssid}", int(80 * size), bold=True)
            title.append(ssid_line)
            join_caption = pair(words[default]["join"], words[english]["join"])
            guide_caption = pair(words[default]["guide"], words[english]["guide"])
            codes = ((payload or "", join_caption), (url, guide_caption))
            extra = []
            if payload is None:
                extra.append(Line(pair(words[default]["ask"], words[english]["ask"]), 44))
            elif record.public_password:
                extra.append(
                    Line(
                        f"{words[english]['password']}: {record.public_password}",
                        50,
                        bold=True,
                    )
                )
            notes = (*extra, *scan)
            minimum = 0
        boards.append(
            Board(
                f"{link.kind}-{record.id}-{paper}", paper, tuple(title), codes, notes, city, minimum
            )
        )
    return boards


def render_signage(root: Path, catalog: Catalog, out: Path) -> SignageReport:
    """Draw every board that changed since the last run; write PNG and PDF for each."""
    fonts = Fonts()
    logo_path = root / CITY_LOGO
    logo = Image.open(logo_path).convert("RGBA") if logo_path.exists() else None
    logo_digest = hashlib.sha256(logo_path.read_bytes()).hexdigest() if logo else ""
    words = {
        code: board_texts(load_translations(root, code).ugettext) for code in catalog.site.codes
    }
    manifest_path = out / "manifest.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
    report = SignageReport()
    fonts_digest = fonts.digest()
    stamp = _stamp()
    out.mkdir(parents=True, exist_ok=True)
    links = [link for link in short_links(catalog) if link.kind in ("relic", "wifi")]
    for link in links:
        report.qr_versions[link.code] = qr.info(short_url(catalog.site, link.code)).version
        for board in boards_for(catalog, link, words):
            key = board.key(fonts_digest, logo_digest)
            png, pdf = out / f"{board.name}.png", out / f"{board.name}.pdf"
            report.files += [png, pdf]
            if manifest.get(board.name) == key and png.exists() and pdf.exists():
                report.reused += 1
                continue
            page = draw_board(board, fonts, logo)
            page.save(png, dpi=(DPI, DPI), optimize=False, compress_level=9)
            page.save(
                pdf,
                "PDF",
                resolution=float(DPI),
                creationDate=stamp,
                modDate=stamp,
                title=board.name,
                producer="heritage-portal",
            )
            manifest[board.name] = key
            report.rendered += 1
    sheet = out / "contact-sheet.pdf"
    pages = contact_sheet(catalog, links, fonts)
    pages[0].save(
        sheet,
        "PDF",
        resolution=150.0,
        save_all=True,
        append_images=pages[1:],
        creationDate=stamp,
        modDate=stamp,
        title="QR codes",
        producer="heritage-portal",
    )
    report.files.append(sheet)
    manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    return report


def _stamp() -> time.struct_time:
    # Fixed dates keep unchanged boards byte-identical between runs.
    return time.gmtime(int(os.environ.get("SOURCE_DATE_EPOCH", "0") or 0))


def contact_sheet(catalog: Catalog, links: list[ShortLink], fonts: Fonts) -> list[Image.Image]:
    """A4 pages at 150 dpi listing every code with its name, for staff to check before printing."""
    width, height = round(210 / 25.4 * 150), round(297 / 25.4 * 150)
    row_height, margin, thumb = 150, 60, 123  # 3 px per module for a version 4 code
    per_page = (height - 2 * margin) // row_height
    default = catalog.site.default_language
    pages = []
    for start in range(0, len(links), per_page):
        page = Image.new("RGB", (width, height), "white")
        draw = ImageDraw.Draw(page)
        for row, link in enumerate(links[start : start + per_page]):
            y = margin + row * row_height
            url = short_url(catalog.site, link.code)
            page.paste(
                qr.image(url, thumb).convert("RGB"),
                (margin, y),
            )
            x = margin + thumb + 30
            texts: list[tuple[str, int, int, bool, tuple[int, int, int]]] = [
                (f"{link.code}  ·  {link.kind}", 10, 30, True, RED),
                (link.record.name[default], 50, 28, False, INK),
                (url, 88, 22, False, INK),
            ]
            for text, dy, size, bold, color in texts:
                draw_row(draw, row_of(draw, fonts, text, size, bold), (x, y + dy), color, "la")
        pages.append(page)
    return pages
