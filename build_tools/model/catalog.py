"""The Catalog: every validated record, ids unique and references resolved."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar, cast

from build_tools.load.issues import Issue
from build_tools.model.event import Event, Venue
from build_tools.model.fields import Coordinates
from build_tools.model.page import Page
from build_tools.model.product import Product
from build_tools.model.relic import Relic
from build_tools.model.site import SiteConfig
from build_tools.model.wifi import Wifi

T = TypeVar("T")


@dataclass(frozen=True)
class Catalog:
    """What every stage after validation reads; records sorted by id."""

    site: SiteConfig
    relics: tuple[Relic, ...]
    products: tuple[Product, ...]
    events: tuple[Event, ...]
    wifi: tuple[Wifi, ...]
    pages: tuple[Page, ...]
    warnings: tuple[Issue, ...] = ()  # things worth fixing that do not block publishing
    codes: Mapping[tuple[str, str], str] = field(default_factory=dict)  # (kind, id) → code

    def code(self, kind: str, record: Any) -> str:
        """The record's QR short code (see model/codes.py for where it comes from)."""
        from build_tools.model.codes import code_of

        return code_of(kind, record, self.codes)

    def derived(self, name: str, make: Callable[[], T]) -> T:
        """A value computed from the whole catalogue once per build (every language's
        pages share it: translation coverage, the digitization register)."""
        cache: dict[str, Any] = self.__dict__.setdefault("_derived", {})
        if name not in cache:
            cache[name] = make()
        return cast(T, cache[name])

    def relic(self, relic_id: str) -> Relic:
        return self._relics_by_id[relic_id]

    @cached_property
    def _relics_by_id(self) -> dict[str, Relic]:
        return {relic.id: relic for relic in self.relics}

    def venue_point(self, venue: Venue) -> Coordinates | None:
        """Where an event happens: its relic site's position, or the venue's own."""
        return self.relic(venue.relic).coordinates if venue.relic else venue.coordinates

    @property
    def counts(self) -> dict[str, int]:
        return {
            "relics": len(self.relics),
            "products": len(self.products),
            "events": len(self.events),
            "wifi": len(self.wifi),
            "pages": len(self.pages),
        }
