"""Maps: the overview map's fixed page and data file, the mini map, and a tile-free SVG overview.

No content ever becomes template or script source: both map pages are fixed HTML that load our
own scripts (site_config/overrides/assets/javascripts/portal-map.js, portal-minimap.js), and
every name, label and setting reaches them as JSON data, inserted in the page as text.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Callable
from typing import Any

import nh3
from jinja2.utils import htmlsafe_json_dumps

from build_tools.assets.places import COLORS, LAYERS, Place
from build_tools.model.site import SiteConfig

DATA_FILE = "places.json"  # next to overview.html, in each language's maps/ folder
# The same pattern as Language.code: the one value that enters the page itself.
LANG_CODE = re.compile(r"[a-z]{2,3}(-[A-Za-z]{2,4})?")
COORDINATE_DIGITS = 6  # about 0.1 m: more only adds bytes to the JSON
# The tile-free overview draws each place up to this many; beyond, places close together
# on the drawing are gathered in cells of SVG_CELL pixels (20 × 14 on its 800 × 560).
SVG_DETAIL_LIMIT = 150
SVG_CELL = 40


def layer_labels(_: Callable[[str], str]) -> dict[str, str]:
    return {
        "relics": _("Relic sites"),
        "sales": _("OCOP points of sale"),
        "wifi": _("Wifi points"),
        "events": _("Event venues"),
    }


def tile_settings(site: SiteConfig) -> dict[str, Any]:
    """What both map scripts need to draw tiles; policy options (CORS, referrer) live in them."""
    settings = site.map
    return {
        "url": settings.tiles,
        # Leaflet writes the attribution as HTML: keep only links, whatever site.yaml says.
        "attribution": nh3.clean(
            settings.attribution, tags={"a"}, attributes={"a": {"href"}}, link_rel=None
        ),
        "minZoom": settings.min_zoom,
        "maxZoom": settings.max_zoom,
    }


OVERVIEW_HTML = """<!doctype html>
<html lang="LANG">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Map</title>
<link rel="stylesheet" href="../../vendor/leaflet-1.9.4/leaflet.css">
<link rel="stylesheet" href="../../vendor/leaflet.markercluster-1.5.3/MarkerCluster.css">
<link rel="stylesheet" href="../assets/stylesheets/portal-map.css">
</head>
<body>
<div id="map" class="portal-map"></div>
<script src="../../vendor/leaflet-1.9.4/leaflet.js"></script>
<script src="../../vendor/leaflet.markercluster-1.5.3/leaflet.markercluster.js"></script>
<script src="../assets/javascripts/portal-map.js"></script>
</body>
</html>
"""


def _checked(lang: str) -> str:
    if not LANG_CODE.fullmatch(lang):
        raise ValueError(f"not a language code: {lang!r}")
    return lang


def overview_html(lang: str) -> str:
    """The overview map's page: the same bytes for every catalogue, only `lang` differs."""
    return OVERVIEW_HTML.replace("LANG", _checked(lang), 1)


def overview_data(
    site: SiteConfig,
    items: list[Place],
    link: Callable[[str], str],
    text: Callable[[dict[str, str] | None], str],
    _: Callable[[str], str],
) -> str:
    """places.json: every point, label and setting the overview map script draws.

    `link` gives a record page's URL relative to maps/ (where the map page and this file are).
    """
    labels = layer_labels(_)
    points: list[dict[str, Any]] = []
    for layer in LAYERS:
        for place in (p for p in items if p.layer == layer):
            point: dict[str, Any] = {
                "layer": layer,
                "lat": round(place.lat, COORDINATE_DIGITS),
                "lon": round(place.lon, COORDINATE_DIGITS),
                "name": text(place.name),
                "url": link(place.page),
            }
            if place.detail:
                point["detail"] = text(place.detail)
            points.append(point)
    data = {
        "layers": [{"id": layer, "label": labels[layer]} for layer in LAYERS],
        "points": points,
        "strings": {
            "locate": _("Show my position"),
            "open": _("Open the page"),
            "no_tiles": _(
                "The map background cannot be loaded (no connection?). The overview drawn "
                "further down this page works without one."
            ),
            "title": _("Map"),
        },
        "tiles": tile_settings(site),
        "zoom": site.map.zoom,
    }
    return _json(data)


def _json(data: Any) -> str:
    # Compact, sorted (deterministic builds) and readable UTF-8. "<", ">" and "&" only occur
    # inside JSON strings, so escaping them changes nothing for JSON.parse, and the file stays
    # inert even if a host ever served it as HTML.
    raw = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return raw.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"


MINI_HTML = """<!doctype html>
<html lang="LANG">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Map</title>
<link rel="stylesheet" href="../../vendor/leaflet-1.9.4/leaflet.css">
<link rel="stylesheet" href="../assets/stylesheets/portal-map.css">
</head>
<body>
<div id="map" class="portal-map"></div>
<script type="application/json" id="portal-tiles">TILES</script>
<script src="../../vendor/leaflet-1.9.4/leaflet.js"></script>
<script src="../assets/javascripts/portal-minimap.js"></script>
</body>
</html>
"""


def mini_html(site: SiteConfig, lang: str) -> str:
    """One mini map per language for every record page: the point comes in the address.

    The tile settings ride along as an inert JSON block (never run, so no script hash is
    needed for it), saving record pages a request for the whole places.json.
    """
    tiles = htmlsafe_json_dumps(tile_settings(site), sort_keys=True)
    return MINI_HTML.replace("LANG", _checked(lang), 1).replace("TILES", tiles, 1)


def overview_svg(
    items: list[Place],
    text: Callable[[dict[str, str] | None], str],
    link: Callable[[str], str],
    labels: dict[str, str],
    title: str = "Map",
    count_label: Callable[[int], str] = lambda n: f"{n}",
) -> str:
    """Every place drawn from its coordinates alone: useful with no tiles and no network.

    A group of links, not an image (an image's content is not read out, and links inside
    one are "nested interactive"): each point is a link named by its <title>. Beyond
    SVG_DETAIL_LIMIT places, the places of one cell of a SVG_CELL grid are drawn as one
    disc with their number (`count_label(n)` names it), and names are left out: the
    drawing stays within the grid's few hundred cells whatever the catalogue.
    """
    if not items:
        return ""
    width, height, pad = 800, 560, 40
    lats = [p.lat for p in items]
    lons = [p.lon for p in items]
    mid = math.cos(math.radians(sum(lats) / len(lats)))
    span_x = max((max(lons) - min(lons)) * mid, 1e-4)
    span_y = max(max(lats) - min(lats), 1e-4)
    scale = min((width - 2 * pad) / span_x, (height - 2 * pad) / span_y)

    def xy(place: Place) -> tuple[float, float]:
        x = pad + (place.lon - min(lons)) * mid * scale
        y = height - pad - (place.lat - min(lats)) * scale
        return round(x, 1), round(y, 1)

    km = 1000 / 111320 * scale  # pixels per kilometre
    parts = [
        f'<svg class="portal-overview" viewBox="0 0 {width} {height}" role="group" '
        f'aria-label="{html.escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f'<rect width="{width}" height="{height}" fill="#f6f1e7"/>',
        f'<g class="portal-scale"><line x1="{pad}" y1="{height - 15}" x2="{pad + km:.1f}" '
        f'y2="{height - 15}" stroke="#333" stroke-width="3"/>'
        f'<text x="{pad}" y="{height - 22}" font-size="12">1 km</text></g>',
        f'<text x="{width - 30}" y="30" font-size="18" text-anchor="middle">N ↑</text>',
    ]
    detailed = len(items) <= SVG_DETAIL_LIMIT
    cells: dict[tuple[int, int], list[tuple[Place, float, float]]] = {}
    for layer in LAYERS:
        for place in (p for p in items if p.layer == layer):
            x, y = xy(place)
            cell = (0, len(cells)) if detailed else (int(x // SVG_CELL), int(y // SVG_CELL))
            cells.setdefault(cell, []).append((place, x, y))
    for group in cells.values():
        if len(group) > 1:
            parts.append(_cluster(group, count_label))
            continue
        place, x, y = group[0]
        name = html.escape(text(place.name))
        parts.append(
            f'<a href="{html.escape(link(place.page))}"><circle cx="{x}" cy="{y}" r="7" '
            f'fill="{COLORS[place.layer]}" stroke="#fff" stroke-width="2">'
            f"<title>{name} — {html.escape(labels[place.layer])}</title></circle>"
            + (
                f'<text x="{x + 10}" y="{y + 4}" font-size="12">{name}</text>'
                if place.layer == "relics" and detailed
                else ""
            )
            + "</a>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _cluster(group: list[tuple[Place, float, float]], count_label: Callable[[int], str]) -> str:
    """Nearby places as one disc with their number, in the colour of their most common layer."""
    count = len(group)
    x = round(sum(x for _p, x, _y in group) / count, 1)
    y = round(sum(y for _p, _x, y in group) / count, 1)
    layers = [place.layer for place, _x, _y in group]
    color = COLORS[max(LAYERS, key=layers.count)]
    radius = round(min(9 + 2.5 * math.log2(count), 18), 1)
    return (
        f'<g class="portal-overview__group"><title>{html.escape(count_label(count))}</title>'
        f'<circle cx="{x}" cy="{y}" r="{radius}" fill="{color}" stroke="#fff" stroke-width="2"/>'
        f'<text x="{x}" y="{y + 4}" font-size="11" text-anchor="middle" fill="#fff">{count}</text>'
        "</g>"
    )
