"""Maps use only the site's own scripts; open data files round-trip to the catalogue."""

from __future__ import annotations

import csv
import gzip
import json
import re
from pathlib import Path

import icalendar

from build_tools.assemble.minify import minify_page
from build_tools.assets.opendata import columns, open_data
from build_tools.assets.places import places
from build_tools.load.project import load_catalog
from tests.conftest import REPO, SUITE_TODAY
from tests.html_query import parse

CATALOG = load_catalog(REPO)


def test_map_pages_load_only_same_origin_files(sample_site: Path) -> None:
    for lang in CATALOG.site.codes:
        for name in ("overview.html", "mini.html"):
            path = sample_site / lang / "maps" / name
            page = path.read_text("utf-8")
            tree = parse(page)
            refs = [script.attrs["src"] for script in tree.find_all("script", attrs={"src": None})]
            refs += [link.attrs["href"] for link in tree.find_all("link", rel="stylesheet")]
            assert refs, path
            for ref in refs:
                assert "//" not in ref, (path, ref)
                assert (path.parent / ref).resolve().is_file(), (path, ref)
            assert "jquery" not in page.lower() and "bootstrap" not in page.lower()
            assert "font-awesome" not in page.lower() and "fontawesome" not in page.lower()


def test_map_pages_have_no_inline_script_or_style(sample_site: Path) -> None:
    # A Content-Security-Policy of script-src 'self' must not break either map.
    for lang in CATALOG.site.codes:
        for name in ("overview.html", "mini.html"):
            page = (sample_site / lang / "maps" / name).read_text("utf-8")
            tree = parse(page)
            for script in tree.find_all("script"):
                assert "src" in script.attrs or script.attrs.get("type") == "application/json", (
                    lang, name)
                assert "src" not in script.attrs or script.text() == "", (lang, name)
            assert not tree.find_all("style") and not tree.find_all(attrs={"style": None})
            assert not [e.attrs for e in tree.iter() if any(a.startswith("on") for a in e.attrs)]


def test_overview_page_is_the_same_for_every_catalogue(sample_site: Path) -> None:
    from build_tools.assets.maps import overview_html

    for lang in CATALOG.site.codes:
        page = (sample_site / lang / "maps" / "overview.html").read_text("utf-8")
        # The build minifies every page and adds its security policy; apart from that, not
        # one byte: the policy's two tags, written as the minifier writes them, come out.
        policy_tags = re.compile(
            r'<meta content="[^"]*" http-equiv=Content-Security-Policy>'
            r"<meta content=strict-origin-when-cross-origin name=referrer>"
        )
        assert len(policy_tags.findall(page)) == 1
        assert policy_tags.sub("", page) == minify_page(overview_html(lang))
        assert parse(page).find("html").attrs["lang"] == lang


def test_places_json_has_every_point_by_layer(sample_site: Path) -> None:
    data = json.loads((sample_site / "en" / "maps" / "places.json").read_text("utf-8"))
    counts: dict[str, int] = {}
    for point in data["points"]:
        counts[point["layer"]] = counts.get(point["layer"], 0) + 1
    # Events that are over as of the suite's day are not on the map.
    current = [e for e in CATALOG.events if not e.is_over(SUITE_TODAY)]
    assert 0 < len(current) < len(CATALOG.events)
    expected = {"relics": len(CATALOG.relics), "wifi": len(CATALOG.wifi),
                "events": len(current)}
    sales = sum(1 for p in places(CATALOG) if p.layer == "sales")
    if sales:
        expected["sales"] = sales
    assert counts == expected
    labels = {layer["id"]: layer["label"] for layer in data["layers"]}
    assert labels == {"relics": "Relic sites", "sales": "OCOP points of sale",
                      "wifi": "Wifi points", "events": "Event venues"}
    vinh_trang = next(p for p in data["points"] if p["name"] == "Vinh Trang Pagoda")
    assert vinh_trang["layer"] == "relics"
    assert vinh_trang["url"] == "../relics/chua-vinh-trang/"
    target = sample_site / "en" / "maps" / vinh_trang["url"] / "index.html"
    assert target.resolve().is_file()
    assert data["strings"] == {
        "locate": "Show my position", "open": "Open the page", "title": "Map",
        "no_tiles": "The map background cannot be loaded (no connection?). The overview "
                    "drawn further down this page works without one."}
    assert data["tiles"] == {
        "url": CATALOG.site.map.tiles,
        "attribution": '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
                       " contributors",
        "minZoom": CATALOG.site.map.min_zoom,
        "maxZoom": CATALOG.site.map.max_zoom,
    }
    assert data["zoom"] == CATALOG.site.map.zoom
    vi = json.loads((sample_site / "vi" / "maps" / "places.json").read_text("utf-8"))
    assert any(p["name"] == "Chùa Vĩnh Tràng" for p in vi["points"])


def test_layer_colours_in_the_map_stylesheet_match_the_svg_overview() -> None:
    from build_tools.assets.places import COLORS

    css = (REPO / "build_tools/theme/assets/stylesheets/portal-map.css").read_text("utf-8")
    found = dict(re.findall(r"\.portal-layer--([a-z]+) \{ background-color: (#[0-9a-f]{6}); \}",
                            css))
    assert found == COLORS


def test_map_html_is_deterministic_and_small(sample_site: Path, tmp_path: Path) -> None:
    from build_tools.assemble.pipeline import build_site

    build_site(REPO, tmp_path / "again", work=tmp_path / "work")
    for rel in ("en/maps/overview.html", "en/maps/places.json", "data/catalog.json.gz",
                "data/events.ics", "data/relics.csv", "vi/map/index.html"):
        assert (sample_site / rel).read_bytes() == (tmp_path / "again" / rel).read_bytes(), rel
    page = (sample_site / "en" / "maps" / "overview.html").read_bytes()
    assert len(page) < 1500  # a fixed shell: its size never grows with the catalogue
    data = (sample_site / "en" / "maps" / "places.json").read_bytes()
    assert len(data) / len(places(CATALOG)) < 300  # bytes per marker, labels included


def test_geojson_is_lon_lat_and_round_trips() -> None:
    files = open_data(CATALOG)
    relics = json.loads(files["relics.geojson"])
    assert relics["type"] == "FeatureCollection"
    by_id = {f["properties"]["id"]: f for f in relics["features"]}
    assert set(by_id) == {r.id for r in CATALOG.relics}
    for relic in CATALOG.relics:
        geometry = by_id[relic.id]["geometry"]
        assert geometry == {"type": "Point",
                            "coordinates": [relic.coordinates.lon, relic.coordinates.lat]}


def test_csv_read_back_equals_the_catalogue(sample_site: Path) -> None:
    for kind, cols in columns(CATALOG).items():
        raw = (sample_site / "data" / f"{kind}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
        with (sample_site / "data" / f"{kind}.csv").open(encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
        expected = [{c.name: str(c.get(r)) for c in cols} for r in getattr(CATALOG, kind)]
        assert rows == expected, kind


def test_calendar_parses_back_with_correct_times(sample_site: Path) -> None:
    calendar = icalendar.Calendar.from_ical((sample_site / "data" / "events.ics").read_bytes())
    found = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert len(found) == len(CATALOG.events)
    for event in CATALOG.events:
        item = found[f"{event.id}@heritage.mytho.example"]
        assert item.decoded("dtstart") == event.start
        assert item.decoded("dtend") == event.end
        assert str(item.decoded("dtstart").tzinfo) == "Asia/Ho_Chi_Minh"
        single = icalendar.Calendar.from_ical(
            (sample_site / "data" / "events" / f"{event.id}.ics").read_bytes())
        assert [str(e["uid"]) for e in single.walk("VEVENT")] == [str(item["uid"])]


def test_private_wifi_passwords_are_not_in_open_data() -> None:
    files = open_data(CATALOG)
    catalog = json.loads(gzip.decompress(files["catalog.json.gz"]))
    for point, record in zip(CATALOG.wifi, catalog["wifi"], strict=True):
        assert ("password" in record) == point.password_public
    assert catalog["licence"] == "CC BY 4.0"


def test_open_data_page_lists_every_file(sample_site: Path) -> None:
    files = [name for name in open_data(CATALOG) if "/" not in name]
    for lang in CATALOG.site.codes:
        page = (sample_site / lang / "open-data" / "index.html").read_text("utf-8")
        hrefs = {a.attrs.get("href") for a in parse(page).find_all("a")}
        for name in files:
            assert f"../../data/{name}" in hrefs, (lang, name)
        assert "creativecommons.org/licenses/by/4.0/" in page
