"""Open data: GeoJSON, CSV (UTF-8 with BOM for Excel), one JSON catalogue, KML, GPX, iCalendar.

Pure functions of the catalog: the same content gives byte-identical files.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import gzip
import io
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import icalendar

from build_tools.assets.media import MediaLibrary
from build_tools.model.catalog import Catalog
from build_tools.model.event import Event
from build_tools.model.kinds import KINDS

DATA_DIR = "data"


@dataclass(frozen=True)
class Column:
    name: str
    get: Callable[[Any], Any]


def _text_in(code: str) -> Callable[[Any], Any]:
    return lambda record: record.name.get(code, "")


def _names(catalog: Catalog) -> list[Column]:
    return [Column(f"name_{code}", _text_in(code)) for code in catalog.site.codes]


def _url(catalog: Catalog, section: str) -> Column:
    base = catalog.site.base_url
    default = catalog.site.default_language
    return Column("url", lambda r: f"{base}{default}/{section}/{r.id}/")


def columns(catalog: Catalog) -> dict[str, list[Column]]:
    """The flat fields of each record type, as in the CSV files (and listed on the page)."""
    default = catalog.site.default_language

    def event_point(e: Event, axis: str) -> Any:
        point = catalog.venue_point(e.venue)
        return getattr(point, axis) if point else ""

    return {
        "relics": [
            Column("id", lambda r: r.id),
            Column("code", lambda r: catalog.code("relic", r)),
            *_names(catalog),
            Column("category", lambda r: r.category),
            Column("designation", lambda r: r.designation.level),
            Column("address", lambda r: r.address),
            Column("ward", lambda r: r.ward or ""),
            Column("province", lambda r: r.province or catalog.site.province or ""),
            Column("former_ward", lambda r: r.former.ward or "" if r.former else ""),
            Column("former_district", lambda r: r.former.district or "" if r.former else ""),
            Column("former_province", lambda r: r.former.province or "" if r.former else ""),
            Column("lat", lambda r: r.coordinates.lat),
            Column("lon", lambda r: r.coordinates.lon),
            Column("digitization", lambda r: r.digitization.status),
            _url(catalog, "relics"),
        ],
        "products": [
            Column("id", lambda r: r.id),
            Column("code", lambda r: catalog.code("product", r)),
            *_names(catalog),
            Column("stars", lambda r: r.stars),
            Column("category", lambda r: r.category),
            Column("producer", lambda r: r.producer.name),
            Column("commune", lambda r: r.producer.commune),
            Column("price_min_vnd", lambda r: r.price.min if r.price else ""),
            Column("price_max_vnd", lambda r: r.price.max if r.price and r.price.max else ""),
            Column("shop_url", lambda r: r.shop_url or ""),
            _url(catalog, "products"),
        ],
        "events": [
            Column("id", lambda r: r.id),
            Column("code", lambda r: catalog.code("event", r)),
            *_names(catalog),
            Column("start", lambda r: r.start.isoformat()),
            Column("end", lambda r: r.end.isoformat()),
            Column("venue_relic", lambda r: r.venue.relic or ""),
            Column("lat", lambda r: event_point(r, "lat")),
            Column("lon", lambda r: event_point(r, "lon")),
            Column("organiser", lambda r: r.organiser[default] if r.organiser else ""),
            _url(catalog, "events"),
        ],
        "wifi": [
            Column("id", lambda r: r.id),
            Column("code", lambda r: catalog.code("wifi", r)),
            *_names(catalog),
            Column("ssid", lambda r: r.ssid),
            Column("security", lambda r: r.security),
            # Published only where the record allows it.
            Column("password", lambda r: r.public_password or ""),
            Column("serves_relic", lambda r: r.serves.relic or ""),
            Column("lat", lambda r: r.coordinates.lat),
            Column("lon", lambda r: r.coordinates.lon),
        ],
    }


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """A text cell that Excel or LibreOffice would run as a formula gets a leading `'`
    (OWASP's advice for CSV injection); numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _csv(rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows([spreadsheet_safe(cell) for cell in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _json(value: Any, compact: bool = False) -> bytes:
    """Sorted keys, UTF-8; `compact`: without indentation, for the largest file (every
    record's texts in every language: the line breaks cost 3 % there and help nobody)."""
    layout: dict[str, Any] = {"separators": (",", ":")} if compact else {"indent": 1}
    return (json.dumps(value, ensure_ascii=False, sort_keys=True, **layout) + "\n").encode()


def _sales_geojson(catalog: Catalog) -> bytes:
    """OCOP products where they are sold: one point per shop with coordinates."""
    default = catalog.site.default_language
    features = [
        {
            "type": "Feature",
            "geometry": {
                "type": "Point",
                "coordinates": [shop.coordinates.lon, shop.coordinates.lat],
            },
            "properties": {
                "product": product.id,
                "shop": shop.name[default],
                "address": shop.address or "",
                "name": product.name[default],
            },
        }
        for product in catalog.products
        for shop in product.where_to_buy
        if shop.coordinates is not None
    ]
    return _json({"type": "FeatureCollection", "features": features})


def _geojson(catalog: Catalog, kind: str, cols: list[Column]) -> bytes:
    if kind == "products":
        return _sales_geojson(catalog)
    features = []
    for record in getattr(catalog, kind):
        props = {c.name: c.get(record) for c in cols if c.name not in ("lat", "lon")}
        lat = next(c.get(record) for c in cols if c.name == "lat")
        lon = next(c.get(record) for c in cols if c.name == "lon")
        if lat == "" or lon == "":
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lon, lat]},  # RFC 7946: lon, lat
                "properties": props,
            }
        )
    return _json({"type": "FeatureCollection", "features": features})


def _record_json(catalog: Catalog, kind: str, record: Any) -> dict[str, Any]:
    data: dict[str, Any] = record.model_dump(mode="json", exclude_none=True)
    # Notes and internal sources are for staff; open data is for everyone.
    data.pop("notes", None)
    if "sources" in data:
        data["sources"] = [s for s in data["sources"] if not s.pop("internal", False)]
    if kind == "wifi" and not record.password_public:
        data.pop("password", None)
    data["code"] = catalog.code(next(k.name for k in KINDS if k.collection == kind), record)
    return data


def _kml(catalog: Catalog) -> bytes:
    default = catalog.site.default_language
    marks = "".join(
        f"<Placemark><name>{escape(r.name[default])}</name>"
        # KML viewers read descriptions as HTML: escape once for HTML, once for XML.
        f"<description>{escape(escape(r.summary[default]))}</description>"
        f"<Point><coordinates>{r.coordinates.lon},{r.coordinates.lat}</coordinates></Point>"
        f"</Placemark>\n"
        for r in catalog.relics
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<kml xmlns="http://www.opengis.net/kml/2.2"><Document>\n'
        f"<name>{escape(catalog.site.site_name[default])}</name>\n{marks}</Document></kml>\n"
    ).encode()


def _gpx(catalog: Catalog) -> bytes:
    default = catalog.site.default_language
    points = "".join(
        f"<wpt lat={quoteattr(str(r.coordinates.lat))} lon={quoteattr(str(r.coordinates.lon))}>"
        f"<name>{escape(r.name[default])}</name></wpt>\n"
        for r in catalog.relics
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<gpx version="1.1" creator="heritage-portal" xmlns="http://www.topografix.com/GPX/1/1">\n'
        f"{points}</gpx>\n"
    ).encode()


def _stamp(event: Event) -> dt.datetime:
    # DTSTAMP is required; a build-time clock would make every build differ.
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return event.start.astimezone(dt.UTC)


@functools.lru_cache(maxsize=16)
def _timezone(tzid: str) -> icalendar.Timezone | None:
    """A VTIMEZONE, made once per zone: icalendar derives it from every offset change from
    1970 to 2038 (30 ms), and each event has a calendar of its own."""
    try:
        return icalendar.Timezone.from_tzid(tzid)
    except ValueError:
        return None


def _add_timezones(calendar: icalendar.Calendar) -> None:
    """Calendar.add_missing_timezones, with the zones made once (and in a fixed order)."""
    position = len(calendar.timezones)
    for tzid in sorted(calendar.get_missing_tzids()):
        timezone = _timezone(tzid)
        if timezone is not None:
            calendar.subcomponents.insert(position, timezone)
            position += 1


def _calendar(catalog: Catalog, events: list[Event]) -> bytes:
    from urllib.parse import urlsplit

    host = urlsplit(str(catalog.site.base_url)).hostname or "heritage-portal"
    default = catalog.site.default_language
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//heritage-portal//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", catalog.site.site_name[default])
    for event in sorted(events, key=lambda e: (e.start, e.id)):
        item = icalendar.Event()
        item.add("uid", f"{event.id}@{host}")  # stable: the id, not the title
        item.add("dtstamp", _stamp(event))
        item.add("dtstart", event.start)
        item.add("dtend", event.end)
        item.add("summary", event.name[default])
        item.add("description", event.summary[default])
        item.add("url", f"{catalog.site.base_url}{default}/events/{event.id}/")
        if event.venue.relic:
            relic = catalog.relic(event.venue.relic)
            units = relic.units(catalog.site.province)
            item.add(
                "location", ", ".join(p for p in (relic.name[default], relic.address, units) if p)
            )
        elif event.venue.name:
            item.add("location", event.venue.name[default])
        calendar.add_component(item)
    _add_timezones(calendar)
    return bytes(calendar.to_ical())


def register_rows(catalog: Catalog, media: MediaLibrary | None = None) -> list[dict[str, Any]]:
    """The digitization register: per relic, what has been recorded so far."""
    from build_tools.model.coverage import translated_share

    rows = []
    for relic in catalog.relics:
        designation = relic.designation
        rows.append(
            {
                "id": relic.id,
                "name": relic.name[catalog.site.default_language],
                "designation_complete": designation.level != "unknown"
                and designation.decision is not None
                and designation.date is not None,
                "photos": len(relic.media),
                "audio_languages": " ".join(sorted(relic.audio)),
                "translated_percent": translated_share(relic, catalog.site.codes),
                "tour_360": relic.digitization.tour_360 or "",
                "documents": relic.digitization.documents,
                "status": relic.digitization.status,
            }
        )
    return rows


def open_data(catalog: Catalog, media: MediaLibrary | None = None) -> dict[str, bytes]:
    """Every open data file: path under site/data/ → bytes."""
    files: dict[str, bytes] = {}
    register = register_rows(catalog, media)
    files["digitization.csv"] = _csv(
        [list(register[0]) if register else [], *([*row.values()] for row in register)]
    )
    cols = columns(catalog)
    everything: dict[str, Any] = {
        "licence": catalog.site.data_licence,
        "licence_url": str(catalog.site.data_licence_url),
        "source": str(catalog.site.base_url),
    }
    for kind, kind_cols in cols.items():
        records = getattr(catalog, kind)
        files[f"{kind}.csv"] = _csv(
            [[c.name for c in kind_cols], *([c.get(r) for c in kind_cols] for r in records)]
        )
        files[f"{kind}.geojson"] = _geojson(catalog, kind, kind_cols)
        everything[kind] = [_record_json(catalog, kind, r) for r in records]
    # Compressed: the whole catalogue in every language is the largest file of the site
    # (≈ 18 KB a relic in five languages; ≈ 1.7 KB gzip). mtime=0: the same bytes each build.
    files["catalog.json.gz"] = gzip.compress(_json(everything, compact=True), 9, mtime=0)
    files["relics.kml"] = _kml(catalog)
    files["relics.gpx"] = _gpx(catalog)
    files["events.ics"] = _calendar(catalog, list(catalog.events))
    for event in catalog.events:
        files[f"events/{event.id}.ics"] = _calendar(catalog, [event])
    return dict(sorted(files.items()))
