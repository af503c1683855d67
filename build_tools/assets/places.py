"""Every point of the catalog that goes on a map, by layer, with the page it links to."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from build_tools.model.catalog import Catalog

LAYERS = ("relics", "sales", "wifi", "events")
COLORS = {"relics": "#8c1d18", "sales": "#3f6b2a", "wifi": "#1f5f8b", "events": "#b8571b"}


@dataclass(frozen=True)
class Place:
    layer: str
    record_id: str
    name: dict[str, str]
    lat: float
    lon: float
    page: str  # Markdown path of the page it links to, e.g. "relics/chua-vinh-trang.md"
    detail: dict[str, str] | None = None  # e.g. the product a shop sells


def places(catalog: Catalog, today: dt.date | None = None) -> list[Place]:
    """Every point; with `today`, events that are over are left out (nobody goes there)."""
    found: list[Place] = []
    for relic in catalog.relics:
        point = relic.coordinates
        found.append(
            Place("relics", relic.id, relic.name, point.lat, point.lon, f"relics/{relic.id}.md")
        )
    for product in catalog.products:
        for shop in product.where_to_buy:
            if shop.coordinates is not None:
                found.append(
                    Place(
                        "sales",
                        product.id,
                        shop.name,
                        shop.coordinates.lat,
                        shop.coordinates.lon,
                        f"products/{product.id}.md",
                        product.name,
                    )
                )
    for hotspot in catalog.wifi:
        page = f"relics/{hotspot.serves.relic}.md" if hotspot.serves.relic else "wifi/index.md"
        spot = hotspot.coordinates
        found.append(Place("wifi", hotspot.id, hotspot.name, spot.lat, spot.lon, page))
    for event in catalog.events:
        if today is not None and event.is_over(today):
            continue
        where = catalog.venue_point(event.venue)
        if where is not None:
            found.append(
                Place("events", event.id, event.name, where.lat, where.lon, f"events/{event.id}.md")
            )
    return found
