"""What tourists see: no staff notes, events that are over say so, yearly festivals come back."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from build_tools.assemble.pipeline import build_site
from tests.conftest import Project
from tests.html_query import parse

STAFF_NOTE = "cần cán bộ kiểm tra tại thực địa"  # a note the sample keeps for staff


def test_staff_notes_are_never_published(sample_site: Path) -> None:
    """The staff pages are public pages too: notes and internal sources stay out of every
    published file (the local preview shows them, see below)."""
    pages = list(sample_site.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        assert STAFF_NOTE not in page.read_text("utf-8"), page.relative_to(sample_site)
    catalog = gzip.decompress((sample_site / "data/catalog.json.gz").read_bytes()).decode()
    assert STAFF_NOTE not in catalog and '"notes"' not in catalog
    relic = (sample_site / "vi/relics/chua-vinh-trang/index.html").read_text("utf-8")
    assert "portal-status" not in relic  # no digitization status for visitors


def test_staff_notes_show_in_the_local_preview_only(project: Project, tmp_path: Path) -> None:
    project.relic("chua-a", extra="""\
        notes: ["Cổng phụ cần sửa năm 2027"]
        sources:
          - {title: "Hồ sơ nội bộ 2019", internal: true}
    """)
    build_site(project.root, tmp_path / "preview", work=tmp_path / "work", preview=True)
    build_site(project.root, tmp_path / "site", work=tmp_path / "work")
    register = "vi/staff/digitization/index.html"
    shown = (tmp_path / "preview" / register).read_text("utf-8")
    assert "Cổng phụ cần sửa năm 2027" in shown and "Hồ sơ nội bộ 2019" in shown
    for page in (tmp_path / "site").rglob("*"):
        if page.is_file() and page.suffix in (".html", ".json", ".csv", ".xml", ".js"):
            text = page.read_text("utf-8", errors="replace")
            assert "Cổng phụ cần sửa năm 2027" not in text and "Hồ sơ nội bộ" not in text, page


EVENT = """\
id: {id}
name: {{vi: "Lễ hội {id}", en: "Festival {id}"}}
start: {start}
end: {end}
venue: {{relic: chua-a}}
summary: {{vi: Tóm tắt.}}
description: {{vi: Mô tả.}}
organiser: {{vi: UBND phường, en: Ward People's Committee}}
"""


def test_events_that_are_over_and_yearly_editions(project: Project, tmp_path: Path) -> None:
    # The suite's "today" is 2026-11-21 (SOURCE_DATE_EPOCH in conftest).
    project.relic("chua-a")
    project.write("content/events/qua.yaml",
                  EVENT.format(id="qua", start="2024-12-27 17:00", end="2024-12-31 21:00"))
    project.write("content/events/hang-nam.yaml",
                  EVENT.format(id="hang-nam", start="2025-12-27 17:00", end="2025-12-31 21:00")
                  + "recurrence: yearly\nnext: {start: 2026-12-27 17:00, end: 2026-12-31 21:00}\n")
    project.write("content/events/hang-nam-chua-bao.yaml",
                  EVENT.format(id="hang-nam-chua-bao", start="2025-01-02 08:00",
                               end="2025-01-02 17:00") + "recurrence: yearly\n")
    site = tmp_path / "site"
    build_site(project.root, site, work=tmp_path / "work")

    over = (site / "en/events/qua/index.html").read_text("utf-8")
    assert "This event is over." in over and "Add to calendar" not in over
    assert "Ward People&#39;s Committee" in over or "Ward People's Committee" in over
    waiting = (site / "en/events/hang-nam-chua-bao/index.html").read_text("utf-8")
    assert "the dates of the next edition have not been announced yet" in waiting
    coming = (site / "en/events/hang-nam/index.html").read_text("utf-8")
    assert "Next edition" in coming and "Add to calendar" in coming and "2026" in coming
    assert "This event is over." not in coming

    listing = parse((site / "en/events/index.html").read_text("utf-8")).find("article")
    upcoming = listing.text_until(listing.find(id="archive"))
    assert "Festival hang-nam" in upcoming
    assert "Festival qua" not in upcoming and "Festival hang-nam-chua-bao" not in upcoming
    points = json.loads((site / "en/maps/places.json").read_text("utf-8"))["points"]
    on_map = {p["name"] for p in points if p["layer"] == "events"}
    assert on_map == {"Festival hang-nam"}
    near_me = (site / "en/map/index.html").read_text("utf-8")
    assert "Festival qua" not in near_me
