"""What search engines and chat apps read: schema.org JSON-LD and Open Graph front matter."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from babel.core import get_global

from build_tools.model.event import Event
from build_tools.model.hours import DAY_MINUTES, OpeningHours, clock, week
from build_tools.model.product import Product
from build_tools.model.relic import Relic
from build_tools.model.site import SiteConfig

SCHEMA = "https://schema.org"
WORSHIP = {"pagoda", "temple", "church", "communal-house"}
JsonObject = dict[str, Any]


def og_locale(code: str) -> str:
    """`vi` → `vi_VN`, `zh` → `zh_CN`: Open Graph wants language_TERRITORY."""
    likely: str = get_global("likely_subtags").get(code.replace("-", "_"), code)
    parts = likely.split("_")
    return f"{parts[0]}_{parts[-1]}" if len(parts) > 1 else parts[0]


def json_ld(data: JsonObject | list[JsonObject]) -> str:
    """JSON that is safe inside `<script>`: no `<`, `>` or `&` can end or open a tag."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def geo(lat: float, lon: float) -> JsonObject:
    return {"@type": "GeoCoordinates", "latitude": round(lat, 6), "longitude": round(lon, 6)}


def postal_address(
    street: str | None, ward: str | None = None, province: str | None = None
) -> JsonObject:
    address: JsonObject = {"@type": "PostalAddress"}
    if street:
        address["streetAddress"] = street
    if ward:
        address["addressLocality"] = ward
    if province:
        address["addressRegion"] = province
    address["addressCountry"] = "VN"
    return address


def relic_types(category: str) -> list[str]:
    if category in WORSHIP:
        return ["TouristAttraction", "PlaceOfWorship"]
    if category == "museum":
        return ["TouristAttraction", "Museum"]
    return ["TouristAttraction", "LandmarksOrHistoricalBuildings"]


def relic_ld(
    relic: Relic, site: SiteConfig, name: str, summary: str, url: str, image: str | None
) -> JsonObject:
    # isAccessibleForFree is left out: the fee is free text, and a guess would be wrong.
    data: JsonObject = {
        "@context": SCHEMA,
        "@type": relic_types(relic.category),
        "name": name,
        "description": summary,
        "url": url,
        "geo": geo(relic.coordinates.lat, relic.coordinates.lon),
        "address": postal_address(relic.address, relic.ward, relic.province or site.province),
    }
    if image:
        data["image"] = image
    hours = opening_hours_ld(relic.visiting.opening_hours)
    if hours:
        data["openingHoursSpecification"] = hours
    return data


DAYS_LD = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def opening_hours_ld(entries: tuple[OpeningHours, ...]) -> list[JsonObject]:
    """One OpeningHoursSpecification per period and the days that share it, Monday first.
    Closing after midnight keeps its clock time (schema.org reads 02:00 after 18:00 as the
    next day); the end of a day is 23:59, as search engines ask for "open 24 hours"."""
    by_period: dict[tuple[int, int], list[int]] = {}
    for day, periods in enumerate(week(entries)):
        for period in periods:
            by_period.setdefault(period, []).append(day)
    return [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": [f"{SCHEMA}/{DAYS_LD[day]}" for day in days],
            "opens": clock(opens),
            "closes": "23:59" if closes == DAY_MINUTES else clock(closes),
        }
        for (opens, closes), days in sorted(by_period.items(), key=lambda item: item[1][0])
    ]


def _moment(value: dt.datetime) -> str:
    return value.isoformat(timespec="minutes")  # aware: carries +07:00


def event_ld(
    event: Event,
    today: dt.date,
    name: str,
    summary: str,
    url: str,
    image: str | None,
    place: JsonObject,
    organiser: str | None,
) -> JsonObject:
    start, end = event.edition(today)
    data: JsonObject = {
        "@context": SCHEMA,
        "@type": "Event",
        "name": name,
        "description": summary,
        "url": url,
        "startDate": _moment(start),
        "endDate": _moment(end),
        "eventStatus": f"{SCHEMA}/EventScheduled",
        "eventAttendanceMode": f"{SCHEMA}/OfflineEventAttendanceMode",
        "location": place,
    }
    if image:
        data["image"] = image
    if organiser:
        data["organizer"] = {"@type": "Organization", "name": organiser}
    return data


def place_ld(
    name: str, address: JsonObject | None, point: tuple[float, float] | None
) -> JsonObject:
    place: JsonObject = {"@type": "Place", "name": name}
    if address:
        place["address"] = address
    if point:
        place["geo"] = geo(*point)
    return place


def product_ld(
    product: Product, name: str, summary: str, url: str, image: str | None
) -> JsonObject:
    producer = {"@type": "Organization", "name": product.producer.name}
    data: JsonObject = {
        "@context": SCHEMA,
        "@type": "Product",
        "name": name,
        "description": summary,
        "url": url,
        "brand": producer,
        "manufacturer": producer,
    }
    if image:
        data["image"] = image
    price = product.price
    if price is not None:  # no price known: no offer (search engines would reject a guess)
        if price.max is not None and price.max != price.min:
            data["offers"] = {
                "@type": "AggregateOffer",
                "priceCurrency": "VND",
                "lowPrice": price.min,
                "highPrice": price.max,
                "url": url,
            }
        else:
            data["offers"] = {
                "@type": "Offer",
                "priceCurrency": "VND",
                "price": price.min,
                "url": url,
            }
    return data


def breadcrumbs(items: list[tuple[str, str]]) -> JsonObject:
    """(name, absolute URL) from the home page down to this page."""
    return {
        "@context": SCHEMA,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": name, "item": url}
            for i, (name, url) in enumerate(items, start=1)
        ],
    }
