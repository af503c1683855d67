"""Category icons and small visual pieces of pages: Material's bundled SVG icons, inlined.

Inline SVG (a few hundred bytes each, repeated ones compress away) needs no request, no
icon font and no Markdown extension, and takes the text colour (`fill="currentColor"`).
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.util
from pathlib import Path

from babel.dates import format_date
from markupsafe import Markup

from build_tools.render.formats import babel_locale
from build_tools.render.labels import Gettext


def _icon_folder() -> Path:
    spec = importlib.util.find_spec("material")
    assert spec is not None and spec.origin is not None, "mkdocs-material is not installed"
    return Path(spec.origin).resolve().parent / "templates" / ".icons" / "material"


ICONS = _icon_folder()

RELIC_ICONS = {
    "pagoda": "temple-buddhist",
    "temple": "temple-buddhist",
    "communal-house": "home-variant",
    "church": "church",
    "monument": "flag-variant",
    "historic-site": "pillar",
    "museum": "bank",
    "market": "storefront",
    "other": "map-marker",
}
PRODUCT_ICONS = {
    "food": "noodles",
    "beverage": "cup",
    "herbal": "leaf",
    "handicraft": "palette",
    "fruit": "fruit-cherries",
    "service": "account-group",
    "other": "shopping",
}
# The entry points of the home page and the record kinds.
KIND_ICONS = {
    "near": "crosshairs-gps",
    "relics": "temple-buddhist",
    "events": "calendar-star",
    "products": "shopping",
    "wifi": "wifi",
    "map": "map-outline",
    "where": "map-marker-outline",
    "hours": "clock-outline",
    "fee": "ticket-outline",
    "dress": "tshirt-crew-outline",
    "access": "wheelchair-accessibility",
    "copy": "content-copy",
    "rating": "star-circle",
    "producer": "storefront-outline",
    "organiser": "account-group",
    "security": "shield-lock-outline",
    "password": "key-variant",
}


@functools.cache
def _svg(name: str) -> str:
    text = (ICONS / f"{name}.svg").read_text("utf-8").strip()
    return text.replace("<svg ", '<svg focusable="false" fill="currentColor" ', 1)


def icon(name: str, extra_class: str = "") -> Markup:
    """A decorative icon (hidden from screen readers: the text beside it says the same)."""
    classes = f"portal-icon {extra_class}".strip()
    return Markup('<span class="{}" aria-hidden="true">{}</span>').format(
        classes, Markup(_svg(name))
    )


def relic_icon(category: str) -> Markup:
    return icon(RELIC_ICONS.get(category, "map-marker"))


def product_icon(category: str) -> Markup:
    return icon(PRODUCT_ICONS.get(category, "shopping"))


def stars(count: int, _: Gettext) -> Markup:
    """★★★★☆ for the eye; "4 of 5 OCOP stars" for screen readers, in the reader's language."""
    label = _("%(num)d of 5 OCOP stars") % {"num": count}
    return Markup('<span class="portal-stars" role="img" aria-label="{}">{}</span>').format(
        label, "★" * count + "☆" * (5 - count)
    )


def date_badge(day: dt.date, lang: str) -> Markup:
    """A calendar leaf: the day large, the month short, as the locale writes them."""
    locale = babel_locale(lang)
    return Markup(
        '<span class="portal-date" aria-hidden="true"><span class="portal-date__month">{}</span>'
        '<span class="portal-date__day">{}</span></span>'
    ).format(format_date(day, "MMM", locale=locale), format_date(day, "d", locale=locale))
