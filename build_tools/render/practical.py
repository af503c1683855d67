"""Visitor pieces of pages from site.yaml and practical fields: the opening-hours table with its
"open now" data, the "Report a problem" links (prefilled with the page), the home page's photo."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

from babel import Locale
from babel.dates import format_time, get_day_names
from markupsafe import Markup

from build_tools.assets.home_image import KEY as HOME_KEY
from build_tools.assets.images import Photo
from build_tools.assets.media import MediaLibrary
from build_tools.model.guide_settings import Feedback, HomeImage
from build_tools.model.hours import (
    DAY_MINUTES,
    OpeningHours,
    Period,
    week,
    week_intervals,
)
from build_tools.render import icons
from build_tools.render.formats import babel_locale
from build_tools.render.labels import Gettext


@dataclass(frozen=True)
class HoursRow:
    days: str  # e.g. "Thứ Hai – Thứ Sáu"
    periods: tuple[str, ...]  # e.g. ("07:00–11:30", "13:30–17:00"), or ("Closed",)
    closed: bool


@dataclass(frozen=True)
class HoursView:
    """What the relic page shows: the table, and the data the phone's script reads."""

    rows: tuple[HoursRow, ...]
    data: str  # JSON for data-portal-hours


def _time_label(minutes: int, lang: str) -> str:
    """A time as the locale writes it; midnight at the end of a day is 24:00 on a 24-hour
    clock (`07:00–24:00`, not `07:00–00:00`)."""
    locale = babel_locale(lang)
    if minutes == DAY_MINUTES and "H" in Locale.parse(locale).time_formats["short"].pattern:
        return "24:00"
    minutes %= DAY_MINUTES
    return format_time(dt.time(minutes // 60, minutes % 60), "short", locale=locale)


def _period_text(period: Period, lang: str) -> str:
    opens, closes = (_time_label(m, lang) for m in period)
    # "7:30 AM – 5:00 PM" needs the spaces that "07:30–17:00" does without.
    joiner = " – " if re.search(r"\s", opens + closes) else "–"  # Babel's spaces: U+202F
    return f"{opens}{joiner}{closes}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def hours_view(
    entries: tuple[OpeningHours, ...], lang: str, timezone: str, _: Gettext
) -> HoursView | None:
    """The week in rows of consecutive days with the same hours (Monday first), and the
    open intervals for "open now"; None without hours (nothing is claimed)."""
    if not entries:
        return None
    locale = babel_locale(lang)
    names = get_day_names("wide", "stand-alone", locale=locale)
    days = week(entries)
    rows: list[HoursRow] = []
    start = 0
    while start < 7:
        end = start
        while end + 1 < 7 and days[end + 1] == days[start]:
            end += 1
        if start == 0 and end == 6:
            label = _("Every day")
        elif start == end:
            label = _capital(names[start])
        else:
            joiner = ", " if end == start + 1 else " – "
            label = _capital(names[start]) + joiner + names[end]
        periods = days[start]
        texts: tuple[str, ...]
        if periods == ((0, DAY_MINUTES),):
            texts = (_("Open 24 hours"),)
        elif periods:
            texts = tuple(_period_text(period, lang) for period in periods)
        else:
            texts = (_("Closed"),)
        rows.append(HoursRow(label, texts, not periods))
        start = end + 1
    intervals = week_intervals(entries)
    boundaries = sorted({minute % DAY_MINUTES for span in intervals for minute in span})
    data = {
        "tz": timezone,
        "open": [list(span) for span in intervals],
        "times": {str(m): _time_label(m, lang) for m in boundaries},
        "days": [get_day_names("wide", "format", locale=locale)[day] for day in range(7)],
    }
    return HoursView(tuple(rows), json.dumps(data, ensure_ascii=False, separators=(",", ":")))


@dataclass(frozen=True)
class FeedbackLink:
    kind: str  # "form", "email" or "phone"
    label: str
    href: str


@dataclass(frozen=True)
class Report:
    """The "Report a problem" line of a record page."""

    links: tuple[FeedbackLink, ...]
    icon: Markup = icons.icon("message-alert-outline")


def _with_query(url: str, params: dict[str, str]) -> str:
    """`url` with `params` added to its query (before any #fragment), every value encoded."""
    if not params:
        return url
    parts = urlsplit(url)
    added = urlencode(params, quote_via=quote)
    query = f"{parts.query}&{added}" if parts.query else added
    return urlunsplit(parts._replace(query=query))


def feedback_links(
    feedback: Feedback | None, name: str, page_url: str, _: Gettext
) -> Report | None:
    """The city's channels, each prefilled with the page's name and address where the channel
    can take them. Configuration is only ever a URL, an address or a number: the values are
    encoded here, never used as a template."""
    if feedback is None:
        return None
    links: list[FeedbackLink] = []
    if feedback.url:
        params = {}
        if feedback.name_param:
            params[feedback.name_param] = name
        if feedback.page_param:
            params[feedback.page_param] = page_url
        links.append(FeedbackLink("form", _("Report a problem"), _with_query(feedback.url, params)))
    if feedback.email:
        subject = _("Problem on the page: %(name)s") % {"name": name}
        body = _("Page: %(url)s") % {"url": page_url} + "\r\n\r\n"
        href = (
            f"mailto:{quote(feedback.email, safe='@')}"
            f"?subject={quote(subject, safe='')}&body={quote(body, safe='')}"
        )
        label = _("E-mail") if links else _("Report a problem by e-mail")
        links.append(FeedbackLink("email", label, href))
    if feedback.phone:
        number = re.sub(r"[^\d+]", "", feedback.phone)
        links.append(
            FeedbackLink("phone", _("Call %(phone)s") % {"phone": feedback.phone}, f"tel:{number}")
        )
    return Report(tuple(links))


@dataclass(frozen=True)
class HomePhoto:
    image: HomeImage  # alt text and credit
    photo: Photo  # the variants, for srcset


def home_photo(image: HomeImage | None, media: MediaLibrary) -> HomePhoto | None:
    """The welcome's photo, or None for the typographic welcome."""
    if image is None:
        return None
    photo = media.photos.get((*HOME_KEY, image.file))
    return HomePhoto(image, photo) if photo is not None else None
