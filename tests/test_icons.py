"""Icons drawn once per language: pages refer to a sprite, and every icon still shows."""

from __future__ import annotations

import json
import re
from pathlib import Path

from build_tools.assemble.icons import SPRITE, hoist, icon_id, read_sprite
from tests.conftest import launch_chromium, serve_directory

SEARCH = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M9.5 3A6.5 6.5 0 0 '
    "1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 "
    '0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3"/></svg>'
)
_USE = re.compile(r"<use href=\"?([^\"\s>#]+)#(i[0-9a-f]+)")


def test_an_icon_becomes_a_reference_that_keeps_its_own_tag() -> None:
    page = f'<label class="md-icon" aria-hidden="true">{SEARCH}</label>'
    out, moved = hoist(page, "../assets/images/icons.svg")
    ident = next(iter(moved))
    assert out == (
        '<label class="md-icon" aria-hidden="true"><svg viewBox="0 0 24 24">'
        f'<use href="../assets/images/icons.svg#{ident}"/></svg></label>'
    )
    assert moved[ident].startswith('<path d="M9.5 3A6.5')
    assert hoist(out, "../assets/images/icons.svg") == (out, {})  # nothing left to move


def test_what_a_reference_would_change_stays_inline() -> None:
    shapes = '<path d="M0 0h24v24H0z M1 1h22v22H1z M2 2h20v20H2z M3 3h18v18H3z"/>'
    assert icon_id(shapes) is not None
    for keep in (
        f"<title>Bản đồ</title>{shapes}",  # a name a screen reader reads
        f'<text x="1">5</text>{shapes}',  # words
        shapes.replace("<path ", '<path id="a" '),  # a target of links or styles
        shapes.replace("<path ", '<path fill="url(#g)" '),  # a gradient of this page
        f'<a href="../x/">{shapes}</a>',  # a link
        f"<circle r='2'>{shapes}",  # not XML
    ):
        assert icon_id(keep) is None, keep
    for raw in (f"<script>var icon = '{SEARCH}';</script>", f"<!-- {SEARCH} -->"):
        assert hoist(raw, "icons.svg") == (raw, {})


def test_pages_refer_only_to_icons_in_their_language_sprite(sample_site: Path) -> None:
    for lang in ("vi", "en", "zh"):
        base = sample_site / lang
        sprite = read_sprite(base / SPRITE)
        assert len(sprite) >= 10
        references = 0
        for page in base.rglob("*.html"):
            html = page.read_text("utf-8")
            if page.name == "404.html":
                assert "<use " not in html  # served at any depth: its icons stay inline
                continue
            for href, ident in _USE.findall(html):
                references += 1
                assert (page.parent / href).resolve() == (base / SPRITE).resolve(), page
                assert ident in sprite, (page, ident)
            # Nothing a sprite could hold is left inline.
            assert all(
                icon_id(shapes) is None
                for shapes in re.findall(r"<svg\b[^>]*>(.*?)</svg>", html, re.S)
            ), page
        assert references > 200, lang  # ≈ 400 in the sample


def test_the_sprite_is_kept_for_offline_reading(sample_site: Path) -> None:
    for lang in ("vi", "ko"):
        core = json.loads((sample_site / "pwa" / f"core-{lang}.json").read_text("utf-8"))
        assert any(f"{lang}/{SPRITE}" in json.dumps(entry) for entry in core), lang


def test_every_icon_is_drawn_in_the_browser(sample_site: Path) -> None:
    """A reference to a missing or unreadable sprite draws nothing: an empty box."""
    pages = ("vi/relics/chua-vinh-trang/", "en/", "zh/events/", "vi/map/")
    with serve_directory(sample_site) as base, launch_chromium() as browser:
        page = browser.new_page(viewport={"width": 390, "height": 844})
        for path in pages:
            page.goto(base + path)
            page.wait_for_load_state("load")
            boxes = page.evaluate(
                """() => [...document.querySelectorAll('svg > use')]
                    .filter(use => use.parentNode.getBoundingClientRect().width > 0)
                    .map(use => [use.getAttribute('href'), use.getBBox().width])"""
            )
            assert len(boxes) >= 5, path
            empty = [href for href, width in boxes if not width > 0]
            assert not empty, (path, empty)
