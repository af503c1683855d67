"""The four lists of a language (relic sites, OCOP products, events, wifi points) as ListSpecs:
their sections, filters and card data; build_tools/render/lists.py does the rest."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from babel.dates import format_date

from build_tools.model.event import Event
from build_tools.model.product import Product
from build_tools.model.relic import Relic
from build_tools.model.wifi import Wifi
from build_tools.render import icons, labels
from build_tools.render.formats import babel_locale
from build_tools.render.lists import Facet, ListSpec, Section, text_of

if TYPE_CHECKING:
    from build_tools.render.pages import LanguageRenderer

# Filters offer designations from the highest; "unknown" is not a choice (nothing recorded).
DESIGNATION_ORDER = ("special-national", "national", "provincial", "none")


def _by_name(renderer: LanguageRenderer, values: set[str]) -> tuple[tuple[str, str], ...]:
    """Place names (wards, communes) as written, in Vietnamese alphabetical order."""
    return tuple((v, v) for v in sorted(values, key=lambda v: (labels.sort_key(v), v)))


def _text(renderer: LanguageRenderer, value: dict[str, str] | None) -> dict[str, str]:
    """A text of a card for the phone, with its language when it is not the page's."""
    text, lang = text_of(renderer, value)
    return {"text": text, "lang": lang} if lang else {"text": text}


def relic_ward(relic: Relic) -> str | None:
    return relic.ward or (relic.former.ward if relic.former else None)


def relics_spec(renderer: LanguageRenderer, relics: list[Relic]) -> ListSpec:
    """Relic sites by category, filtered by category, ward and designation."""
    _ = renderer._
    order = labels.RELIC_CATEGORY_ORDER
    present = [c for c in order if any(r.category == c for r in relics)]
    sections = tuple(
        (
            Section(category, labels.relic_category(category, _)),
            tuple(r for r in relics if r.category == category),
        )
        for category in present
    )
    levels = {r.designation.level for r in relics}
    facets = (
        Facet("category", _("Category"), tuple((c, labels.relic_category(c, _)) for c in present)),
        Facet(
            "ward",
            _("Ward or commune"),
            _by_name(renderer, {w for r in relics if (w := relic_ward(r))}),
        ),
        Facet(
            "designation",
            _("Heritage designation"),
            tuple((d, labels.designation(d, _)) for d in DESIGNATION_ORDER if d in levels),
        ),
    )

    def card(relic: Relic) -> dict[str, Any]:
        meta = labels.designation(relic.designation.level, _)
        return {"url": f"{relic.id}/", "icon": relic.category, "meta": [meta] if meta else []}

    return ListSpec(
        folder="relics",
        template="relics.md.j2",
        sections=sections,
        card=card,
        point=lambda relic: (relic.coordinates.lat, relic.coordinates.lon),
        facets=facets,
        facet_values=lambda relic: (relic.category, relic_ward(relic), relic.designation.level),
        icons={category: icons.relic_icon(category) for category in present},
    )


def _sale_point(product: Product) -> tuple[float, float] | None:
    for shop in product.where_to_buy:
        if shop.coordinates is not None:
            return shop.coordinates.lat, shop.coordinates.lon
    return None


def products_spec(renderer: LanguageRenderer, products: list[Product]) -> ListSpec:
    """OCOP products in one list, filtered by category, stars and commune; "nearest first"
    goes by their first point of sale."""
    _ = renderer._
    categories = sorted({p.category for p in products})
    facets = (
        Facet(
            "category",
            _("Category"),
            tuple(
                sorted(
                    ((c, labels.product_category(c, _)) for c in categories),
                    key=lambda pair: labels.sort_key(pair[1]),
                )
            ),
        ),
        Facet(
            "stars",
            _("OCOP rating"),
            tuple(
                (str(n), _("%(num)d of 5 OCOP stars") % {"num": n})
                for n in sorted({p.stars for p in products}, reverse=True)
            ),
        ),
        Facet(
            "ward", _("Ward or commune"), _by_name(renderer, {p.producer.commune for p in products})
        ),
    )

    def card(product: Product) -> dict[str, Any]:
        stars = {
            "text": labels.stars(product.stars),
            "label": _("%(num)d of 5 OCOP stars") % {"num": product.stars},
        }
        return {
            "url": f"{product.id}/",
            "icon": product.category,
            "meta": [stars, labels.product_category(product.category, _)],
        }

    return ListSpec(
        folder="products",
        template="products.md.j2",
        sections=((Section("products", ""), tuple(products)),),
        card=card,
        point=_sale_point,
        facets=facets,
        facet_values=lambda p: (p.category, str(p.stars), p.producer.commune),
        card_kind="product",
        icons={c: icons.product_icon(c) for c in categories},
    )


def events_spec(renderer: LanguageRenderer, upcoming: list[Event], past: list[Event]) -> ListSpec:
    """Upcoming events as cards, then the archive as lines; filtered by when."""
    _ = renderer._
    locale = babel_locale(renderer.lang)
    upcoming_ids = {event.id for event in upcoming}
    sections = (
        (Section("upcoming", _("Upcoming")), tuple(upcoming)),
        (Section("archive", _("Archive"), archive=True), tuple(past)),
    )

    def card(event: Event) -> dict[str, Any]:
        data: dict[str, Any] = {"url": f"{event.id}/", "meta": [renderer.when(event)]}
        if event.id in upcoming_ids:
            start, end = (moment.date() for moment in event.edition(renderer.today))
            # The phone says "in 3 days" / "today" / "on now" from these, on its own date.
            data["meta"].append({"start": start.isoformat(), "end": end.isoformat()})
            data["badge"] = [format_date(start, "MMM", locale=locale), str(start.day)]
        return data

    def point(event: Event) -> tuple[float, float] | None:
        where = renderer.catalog.venue_point(event.venue)
        return (where.lat, where.lon) if where else None

    return ListSpec(
        folder="events",
        template="events.md.j2",
        sections=sections,
        card=card,
        point=point,
        facets=(
            Facet("when", _("When"), (("upcoming", _("Upcoming")), ("archive", _("Archive")))),
        ),
        facet_values=lambda event: ("upcoming" if event.id in upcoming_ids else "archive",),
        card_kind="event",
        context={"upcoming_count": len(upcoming)},
    )


def wifi_spec(renderer: LanguageRenderer, points: list[Wifi]) -> ListSpec:
    """Wifi points with their network and password; "nearest first" is the only choice."""
    _ = renderer._

    def card(point: Wifi) -> dict[str, Any]:
        serves: dict[str, Any]
        if point.serves.relic:
            serves = _text(renderer, renderer.relics[point.serves.relic].name)
            serves["url"] = f"../relics/{point.serves.relic}/"
        else:
            serves = _text(renderer, point.serves.text)
        meta: list[Any] = [serves]
        if point.hours:
            meta.append(_text(renderer, point.hours))
        if point.security == "open":
            password: list[str | None] = [_("Password"), _("none needed"), None]
        elif point.public_password:
            password = [_("Password"), point.public_password, _("Copy the password")]
        else:
            password = [_("Password"), _("ask on site"), None]
        rows = [
            [_("Network (SSID)"), point.ssid, _("Copy the network name")],
            password,
            [_("Security"), labels.security(point.security, _), None],
        ]
        return {"icon": "wifi", "meta": meta, "rows": rows}

    return ListSpec(
        folder="wifi",
        template="wifi.md.j2",
        sections=((Section("wifi", ""), tuple(points)),),
        card=card,
        point=lambda point: (point.coordinates.lat, point.coordinates.lon),
        card_kind="wifi",
        icons={
            "wifi": icons.icon(icons.KIND_ICONS["wifi"]),
            "copy": icons.icon(icons.KIND_ICONS["copy"]),
        },
        strings={"copy": _("Copy"), "copied": _("Copied")},
    )
