"""What a record page says about itself to link previews and search engines: canonical URL,
share image, JSON-LD and breadcrumbs (a part of LanguageRenderer)."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from typing import Any

from build_tools.assets.media import MediaLibrary
from build_tools.assets.share import Card, ShareImage, ShareImages
from build_tools.model.catalog import Catalog
from build_tools.model.event import Event, Venue
from build_tools.model.relic import Relic
from build_tools.render import labels
from build_tools.render.paths import page_url
from build_tools.render.practical import feedback_links, hours_view
from build_tools.render.social import (
    JsonObject,
    breadcrumbs,
    event_ld,
    json_ld,
    og_locale,
    place_ld,
    postal_address,
    product_ld,
    relic_ld,
)

# What YAML does not take as is in a double-quoted scalar: characters outside its printable
# set (controls, U+FFFE, U+FFFF, surrogates) and the line breaks it folds (U+0085, U+2028,
# U+2029). JSON is YAML; written as \u escapes they parse back to the same text.
_NOT_YAML = re.compile(
    "[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029]"
)


def front_json(value: object) -> str:
    """`value` as one line of JSON that YAML front matter reads back exactly."""
    text = json.dumps(value, ensure_ascii=False)
    return _NOT_YAML.sub(lambda found: f"\\u{ord(found.group(0)):04x}", text)


class RecordMeta:
    """Methods of LanguageRenderer about sharing and structured data."""

    catalog: Catalog
    lang: str
    today: dt.date
    media: MediaLibrary
    share: ShareImages | None
    _site_share: ShareImage | None
    relics: dict[str, Relic]
    _: Callable[[str], str]  # the language's gettext

    def plain_text(self, value: dict[str, str] | None) -> str:
        raise NotImplementedError

    def photos(self, kind: str, record: Any) -> list[tuple[Any, Any]]:
        raise NotImplementedError

    def venue_name(self, venue: Venue) -> dict[str, str] | None:
        raise NotImplementedError

    def absolute(self, path: str) -> str:
        """The canonical URL of the page at `path` (relative to the language root)."""
        return f"{self.catalog.site.base_url}{self.lang}/{page_url(path)}"

    def site_url(self, path: str) -> str:
        """The absolute URL of a file under the site root (media/, share/), encoded."""
        from build_tools.assets.media import media_href

        return f"{self.catalog.site.base_url}{media_href(path)}"

    def site_share(self) -> ShareImage | None:
        """The card of the home page and the lists: one per language."""
        if self.share is None:
            return None
        if self._site_share is None:
            site = self.catalog.site
            name = self.plain_text(site.site_name)
            city = self.plain_text(site.city)
            host = site.base_url.split("//", 1)[-1].rstrip("/")
            self._site_share = self.share.card(Card(city, name, host), f"{name} — {city}")
        return self._site_share

    def record_share(self, kind: str, record: Any, kind_label: str) -> ShareImage | None:
        """The record's first photo, cropped; or, when it has none, the site's card.

        A typographic card per record and language cost 600 s and 56 MB at 1,000 relics in
        five languages: a record without a photo shares the site's card instead.
        """
        if self.share is None:
            return None
        photos = self.photos(kind, record)
        if photos:
            item, photo = photos[0]
            variant = self.media.files.get(photo.largest.jpeg)
            if variant is not None:
                return self.share.photo(variant, self.plain_text(item.alt))
        return self.site_share()

    def photo_url(self, kind: str, record: Any) -> str | None:
        photos = self.photos(kind, record)
        return self.site_url(photos[0][1].largest.jpeg) if photos else None

    def crumbs(self, list_path: str, list_title: str, path: str, name: str) -> JsonObject:
        home = self.plain_text(self.catalog.site.site_name)
        return breadcrumbs(
            [
                (home, self.absolute("index.md")),
                (list_title, self.absolute(list_path)),
                (name, self.absolute(path)),
            ]
        )

    def relic_meta(self, relic: Any, path: str) -> dict[str, Any]:
        name, summary = self.plain_text(relic.name), self.plain_text(relic.summary)
        kind = labels.relic_category(relic.category, self._)
        data = relic_ld(
            relic,
            self.catalog.site,
            name,
            summary,
            self.absolute(path),
            self.photo_url("relics", relic),
        )
        crumbs = self.crumbs("relics/index.md", self._("Relic sites"), path, name)
        site = self.catalog.site
        return {
            "share": self.record_share("relics", relic, kind),
            "jsonld": [data, crumbs],
            "hours": hours_view(relic.visiting.opening_hours, self.lang, site.timezone, self._),
            "feedback": feedback_links(site.feedback, name, self.absolute(path), self._),
        }

    def event_meta(self, event: Event, path: str) -> dict[str, Any]:
        name, summary = self.plain_text(event.name), self.plain_text(event.summary)
        venue = event.venue
        address: JsonObject | None = None
        if venue.relic is not None:
            relic = self.relics[venue.relic]
            address = postal_address(
                relic.address, relic.ward, relic.province or self.catalog.site.province
            )
        elif venue.address:
            address = postal_address(venue.address)
        point = self.catalog.venue_point(venue)
        place = place_ld(
            self.plain_text(self.venue_name(venue)) or name,
            address,
            (point.lat, point.lon) if point else None,
        )
        data = event_ld(
            event,
            self.today,
            name,
            summary,
            self.absolute(path),
            self.photo_url("events", event),
            place,
            self.plain_text(event.organiser) or None,
        )
        crumbs = self.crumbs("events/index.md", self._("Events"), path, name)
        share = self.record_share("events", event, self._("Event"))
        feedback = feedback_links(self.catalog.site.feedback, name, self.absolute(path), self._)
        return {"share": share, "jsonld": [data, crumbs], "feedback": feedback}

    def product_meta(self, product: Any, path: str) -> dict[str, Any]:
        name, summary = self.plain_text(product.name), self.plain_text(product.summary)
        data = product_ld(
            product, name, summary, self.absolute(path), self.photo_url("products", product)
        )
        crumbs = self.crumbs("products/index.md", self._("OCOP products"), path, name)
        share = self.record_share("products", product, self._("OCOP product"))
        feedback = feedback_links(self.catalog.site.feedback, name, self.absolute(path), self._)
        return {"share": share, "jsonld": [data, crumbs], "feedback": feedback}

    def front_matter(self, share: ShareImage | None, jsonld: list[JsonObject] | None) -> list[str]:
        """Extra front matter keys, read by main.html for Open Graph and JSON-LD."""
        site = self.catalog.site
        social: dict[str, Any] = {
            "locale": og_locale(self.lang),
            "alternates": [og_locale(code) for code in site.codes if code != self.lang],
        }
        share = share or self.site_share()
        if share is not None:
            social.update(
                image=self.site_url(share.path),
                width=share.width,
                height=share.height,
                alt=share.alt,
            )
        # JSON is YAML; the JSON-LD is a string, escaped for HTML, printed as is.
        lines = [f"portal_social: {front_json(social)}"]
        if jsonld:
            lines.append(f"portal_jsonld: {front_json(json_ld(jsonld))}")
        return lines
