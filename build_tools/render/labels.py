"""Interface labels for the values of enumerated fields, through gettext."""

from __future__ import annotations

import typing
import unicodedata
from collections.abc import Callable

from build_tools.model.relic import RelicCategory

Gettext = Callable[[str], str]

RELIC_CATEGORY_ORDER: tuple[str, ...] = typing.get_args(RelicCategory)


def relic_category(value: str, _: Gettext) -> str:
    return {
        "pagoda": _("Pagoda"),
        "temple": _("Temple"),
        "communal-house": _("Communal house"),
        "church": _("Church"),
        "monument": _("Monument"),
        "historic-site": _("Historic site"),
        "museum": _("Museum"),
        "market": _("Market"),
        "other": _("Other sites"),
    }[value]


def designation(value: str, _: Gettext) -> str:
    return {
        "special-national": _("Special national relic"),
        "national": _("National relic"),
        "provincial": _("Provincial relic"),
        "none": _("Not ranked"),
        # Left out in the file: not known, which is not "not ranked" (`none`), and a visitor
        # should read that, not nothing.
        "unknown": _("Ranking not yet confirmed"),
    }[value]


def product_category(value: str, _: Gettext) -> str:
    return {
        "food": _("Food"),
        "beverage": _("Beverage"),
        "herbal": _("Herbal product"),
        "handicraft": _("Handicraft"),
        "fruit": _("Fruit"),
        "service": _("Tourism service"),
        "other": _("Other product"),
    }[value]


def digitization(value: str, _: Gettext) -> str:
    return {
        "not-started": _("not started"),
        "in-progress": _("in progress"),
        "complete": _("complete"),
    }[value]


def security(value: str, _: Gettext) -> str:
    return {"open": _("Open"), "wpa2": "WPA2", "wpa3": "WPA3"}[value]


def kind_titles(_: Gettext) -> dict[str, str]:
    return {
        "relic": _("Relic sites"),
        "product": _("OCOP products"),
        "event": _("Events"),
        "wifi": _("Wifi points"),
        "page": _("Free pages"),
    }


def stars(count: int) -> str:
    return "★" * count + "☆" * (5 - count)


def sort_key(text: str) -> str:
    """Sort Vietnamese names by their letters, ignoring tones ("Đình" sorts with "Dinh")."""
    folded = unicodedata.normalize("NFKD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in folded if not unicodedata.combining(c)).casefold()


def board_texts(_: Gettext) -> dict[str, str]:
    """Words printed on boards, in one language."""
    return {
        "scan": _("Scan for the guide in your language"),
        "join": _("Join the Wi-Fi"),
        "guide": _("Guide"),
        "ask": _("Ask staff for the password"),
        "password": _("Password"),
    }


def pwa_texts(_: Gettext) -> dict[str, str]:
    """Words the offline guide's script shows, in one language."""
    return {
        "update": _("A new version of this guide is available."),
        "reload": _("Reload"),
        "saving": _("Saving for offline use…"),
        "saved": _("Saved for offline use."),
        "storage": _("Storage used"),
        "failed": _("Saving failed; try again with a connection."),
        "everything": _("Everything in this language"),
        "choose": _("What to save"),
    }


def staff_title(_: Gettext) -> str:
    """The menu section of the pages for culture staff."""
    return _("For staff")
