"""Maps: the folium overview map per language, the mini map, and a tile-free SVG overview."""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from typing import Any

import folium
import nh3
from branca.element import Element, MacroElement
from folium.plugins import MarkerCluster
from jinja2 import Template
from jinja2.utils import htmlsafe_json_dumps

from build_tools.assets.places import COLORS, LAYERS, Place
from build_tools.model.site import SiteConfig

VENDOR = "vendor"
LEAFLET = f"{VENDOR}/leaflet-1.9.4"
CLUSTER = f"{VENDOR}/leaflet.markercluster-1.5.3"


def layer_labels(_: Callable[[str], str]) -> dict[str, str]:
    return {
        "relics": _("Relic sites"),
        "sales": _("OCOP points of sale"),
        "wifi": _("Wifi points"),
        "events": _("Event venues"),
    }


def tile_options(site: SiteConfig) -> dict[str, Any]:
    settings = site.map
    return {
        "attribution": nh3.clean(
            settings.attribution, tags={"a"}, attributes={"a": {"href"}}, link_rel=None
        ),
        "minZoom": settings.min_zoom,
        "maxZoom": settings.max_zoom,
        # CORS responses can be cached by the service worker without the opaque-response
        # quota penalty; the referrer policy is what the OSM tile policy asks for.
        "crossOrigin": True,
        "referrerPolicy": "strict-origin-when-cross-origin",
    }


class _Popup(MacroElement):
    """A popup bound with Leaflet alone (folium's Popup needs jQuery)."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "{{ this._parent.get_name() }}.bindPopup({{ this.content|tojson }});"
        "{% endmacro %}"
    )

    def __init__(self, content: str) -> None:
        super().__init__()
        self._name = "Popup"
        self.content = content


class _Controls(MacroElement):
    """Legend and a "locate me" button, as plain Leaflet controls."""

    _template = Template("""{% macro script(this, kwargs) %}
(function (map) {
  var legend = L.control({position: "bottomleft"});
  legend.onAdd = function () {
    var div = L.DomUtil.create("div", "portal-legend");
    div.innerHTML = {{ this.legend|tojson }};
    return div;
  };
  legend.addTo(map);
  var locate = L.control({position: "topleft"});
  locate.onAdd = function () {
    var button = L.DomUtil.create("button", "portal-locate");
    button.type = "button";
    button.title = {{ this.locate|tojson }};
    button.setAttribute("aria-label", {{ this.locate|tojson }});
    button.textContent = "◎";
    L.DomEvent.on(button, "click", function (event) {
      L.DomEvent.stop(event);
      map.locate({setView: true, maxZoom: 16});
    });
    return button;
  };
  locate.addTo(map);
  var here = null;
  map.on("locationfound", function (event) {
    if (here) { map.removeLayer(here); }
    here = L.circle(event.latlng, {radius: event.accuracy, color: "#1f5f8b"}).addTo(map);
  });
})({{ this._parent.get_name() }});
{% endmacro %}""")

    def __init__(self, legend: str, locate: str) -> None:
        super().__init__()
        self._name = "Controls"
        self.legend = legend
        self.locate = locate


STYLE = """<style>
.portal-pin { width: 14px; height: 14px; border-radius: 50%; border: 2px solid #fff;
  box-shadow: 0 0 2px rgba(0,0,0,.6); }
.portal-legend { background: #fff; padding: 6px 8px; font: 12px/1.5 system-ui, sans-serif;
  border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,.3); }
.portal-legend i { display: inline-block; width: 10px; height: 10px; border-radius: 50%;
  margin-right: 6px; }
.portal-locate { width: 34px; height: 34px; font-size: 20px; background: #fff; border: 2px solid
  rgba(0,0,0,.2); border-radius: 4px; cursor: pointer; }
.leaflet-popup-content { font: 14px/1.4 system-ui, sans-serif; }
</style>"""


def _deterministic_ids(element: Any, counter: list[int]) -> None:
    """folium names every object with a random UUID; number them so builds are reproducible."""
    counter[0] += 1
    element._id = f"{counter[0]:04d}"
    for child in element._children.values():
        _deterministic_ids(child, counter)


def overview_html(
    site: SiteConfig,
    lang: str,
    items: list[Place],
    link: Callable[[str], str],
    text: Callable[[dict[str, str] | None], str],
    _: Callable[[str], str],
    root: str,
) -> str:
    """The interactive map of one language; `root` is the relative path to the site root."""
    labels = layer_labels(_)
    open_page = html.escape(_("Open the page"))
    lat = sum(p.lat for p in items) / len(items) if items else 10.36
    lon = sum(p.lon for p in items) / len(items) if items else 106.36
    fmap = folium.Map(
        location=[lat, lon],
        zoom_start=site.map.zoom,
        tiles=None,
        control_scale=True,
        prefer_canvas=False,
    )
    fmap.default_js = [("leaflet", f"{root}{LEAFLET}/leaflet.js")]
    fmap.default_css = [("leaflet_css", f"{root}{LEAFLET}/leaflet.css")]
    options = tile_options(site)
    folium.TileLayer(
        tiles=site.map.tiles,
        name="tiles",
        control=False,
        attr=options.pop("attribution"),
        min_zoom=options.pop("minZoom"),
        max_zoom=options.pop("maxZoom"),
        **options,
    ).add_to(fmap)
    for layer in LAYERS:
        members = [p for p in items if p.layer == layer]
        if not members:
            continue
        cluster = MarkerCluster(name=labels[layer], options={"maxClusterRadius": 40})
        cluster.default_js = [("markerclusterjs", f"{root}{CLUSTER}/leaflet.markercluster.js")]
        cluster.default_css = [
            ("markerclustercss", f"{root}{CLUSTER}/MarkerCluster.css"),
            ("markerclusterdefaultcss", f"{root}{CLUSTER}/MarkerCluster.Default.css"),
        ]
        for place in members:
            icon = folium.DivIcon(
                html=f'<div class="portal-pin" style="background:{COLORS[layer]}"></div>',
                icon_size=(14, 14),
                icon_anchor=(7, 7),
                class_name="portal-pin-wrap",
            )
            marker = folium.Marker([place.lat, place.lon], icon=icon)
            detail = f"<br>{html.escape(text(place.detail))}" if place.detail else ""
            content = (
                f"<strong>{html.escape(text(place.name))}</strong><br>"
                f"<small>{html.escape(labels[layer])}</small>{detail}<br>"
                f'<a href="{html.escape(link(place.page))}" target="_parent">'
                f"{open_page}</a>"
            )
            marker.add_child(_Popup(content))
            marker.add_to(cluster)
        cluster.add_to(fmap)
    folium.LayerControl(collapsed=False).add_to(fmap)
    legend = "".join(
        f'<div><i style="background:{COLORS[layer]}"></i>{html.escape(labels[layer])}</div>'
        for layer in LAYERS
    )
    fmap.add_child(_Controls(legend, _("Show my position")))
    document: Any = fmap.get_root()
    document.header.add_child(Element(STYLE))
    _deterministic_ids(document, [0])
    rendered: str = document.render()
    return rendered.replace("<html>", f'<html lang="{lang}">', 1)


MINI_HTML = """<!doctype html>
<html>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Map</title>
<link rel="stylesheet" href="../../LEAFLET/leaflet.css">
<style>html, body, #map { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="map"></div>
<script src="../../LEAFLET/leaflet.js"></script>
<script>
/* One mini map per language for every record page: the point comes in the address,
   #lat,lon,zoom, so the file is cached once and works for every record. */
(function () {
  var parts = location.hash.slice(1).split(",").map(Number);
  var lat = parts[0], lon = parts[1], zoom = parts[2] || 16;
  if (!isFinite(lat) || !isFinite(lon)) return;
  var map = L.map("map", {scrollWheelZoom: false}).setView([lat, lon], zoom);
  L.tileLayer(TILES, OPTIONS).addTo(map);
  L.circleMarker([lat, lon], {radius: 9, color: "#fff", weight: 2, fillColor: "#8c1d18",
    fillOpacity: 1}).addTo(map);
})();
</script>
</body>
</html>
"""


def mini_html(site: SiteConfig) -> str:
    return (
        MINI_HTML.replace("LEAFLET", LEAFLET)
        .replace("TILES", htmlsafe_json_dumps(site.map.tiles))
        .replace("OPTIONS", htmlsafe_json_dumps(tile_options(site), sort_keys=True))
    )


def overview_svg(
    items: list[Place],
    text: Callable[[dict[str, str] | None], str],
    link: Callable[[str], str],
    labels: dict[str, str],
) -> str:
    """Every place drawn from its coordinates alone: useful with no tiles and no network."""
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
        f'<svg class="portal-overview" viewBox="0 0 {width} {height}" role="img" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<rect width="{width}" height="{height}" fill="#f6f1e7"/>',
        f'<g class="portal-scale"><line x1="{pad}" y1="{height - 15}" x2="{pad + km:.1f}" '
        f'y2="{height - 15}" stroke="#333" stroke-width="3"/>'
        f'<text x="{pad}" y="{height - 22}" font-size="12">1 km</text></g>',
        f'<text x="{width - 30}" y="30" font-size="18" text-anchor="middle">N ↑</text>',
    ]
    for layer in LAYERS:
        for place in (p for p in items if p.layer == layer):
            x, y = xy(place)
            name = html.escape(text(place.name))
            parts.append(
                f'<a href="{html.escape(link(place.page))}"><circle cx="{x}" cy="{y}" r="7" '
                f'fill="{COLORS[layer]}" stroke="#fff" stroke-width="2">'
                f"<title>{name} — {html.escape(labels[layer])}</title></circle>"
                + (
                    f'<text x="{x + 10}" y="{y + 4}" font-size="12">{name}</text>'
                    if layer == "relics"
                    else ""
                )
                + "</a>"
            )
    parts.append("</svg>")
    return "".join(parts)
