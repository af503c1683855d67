"""Render the Markdown tree of one language: home, lists, a page per record, free pages, guide."""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass
from typing import Any

import jinja2
from babel.numbers import format_decimal
from babel.support import Translations
from markupsafe import Markup, escape

from build_tools.assets import maps
from build_tools.assets.media import MediaLibrary, media_href
from build_tools.assets.opendata import register_rows
from build_tools.assets.places import places
from build_tools.assets.share import ShareImage, ShareImages
from build_tools.model.catalog import Catalog
from build_tools.model.coverage import KIND_FIELDS, Coverage, coverage
from build_tools.model.event import Event, Venue
from build_tools.model.product import Price
from build_tools.model.relic import Designation
from build_tools.render import formats, icons, labels, list_kinds
from build_tools.render.guide import guides
from build_tools.render.i18n import pick
from build_tools.render.lists import PAGE_SIZE, render_list
from build_tools.render.page_meta import RecordMeta, front_json
from build_tools.render.paths import page_url, relative_url
from build_tools.render.practical import home_photo
from build_tools.render.prose import markdown_to_html
from build_tools.render.social import (
    JsonObject,
)

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("build_tools.render", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    extensions=["jinja2.ext.i18n"],
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
)
# Front matter values: one line of JSON that YAML reads back exactly (page_meta.front_json).
_ENV.filters["front_json"] = lambda value: Markup(front_json(str(value)))


@dataclass(frozen=True)
class RenderedPage:
    """One Markdown file of a language's docs folder."""

    path: str  # e.g. "relics/chua-vinh-trang.md"
    text: str
    indexable: bool = True  # False when the main text is shown in the fallback language


NavItem = str | dict[str, list[str]]


def nav_paths(catalog: Catalog, staff_title: str = "Staff") -> list[NavItem]:
    """Pages in the menu. Records are not in it: a page's weight must not grow with the catalog.

    The staff pages share one section, so the tourists' tabs stay short on a phone.
    """
    free = [f"info/{page.id}.md" for page in sorted(catalog.pages, key=lambda p: (p.order, p.id))]
    return [
        "index.md",
        "relics/index.md",
        "events/index.md",
        "products/index.md",
        "wifi/index.md",
        "map/index.md",
        *free,
        "open-data/index.md",
        {staff_title: ["staff/guide.md", "staff/translations.md", "staff/digitization.md"]},
    ]


class LanguageRenderer(RecordMeta):
    """Everything one language's pages need; `pages()` renders them all, a pure function of
    the constructor's arguments."""

    def __init__(
        self,
        catalog: Catalog,
        lang: str,
        translations: Translations,
        today: dt.date,
        data_sizes: dict[str, int] | None = None,
        media: MediaLibrary | None = None,
        share: ShareImages | None = None,
        preview: bool = False,
    ) -> None:
        self.preview = preview  # portal serve: the local preview shows staff notes
        self.share = share  # None: pages without share images (unit tests of templates)
        self._site_share: ShareImage | None = None
        self.data_sizes = data_sizes or {}
        self.media = media or MediaLibrary()
        self.catalog = catalog
        self.lang = lang
        self.default = catalog.site.default_language
        self.fallbacks = catalog.site.fallbacks(lang)
        self.translations = translations
        self.today = today
        self._ = translations.ugettext
        self.relics = {relic.id: relic for relic in catalog.relics}
        self._short_fallbacks = 0  # short texts shown in the default language on this page
        self._prose_fallbacks = 0  # Markdown bodies shown in the default language
        self._fallback_langs: set[str] = set()  # languages short texts fell back to
        self._machine_texts = 0  # texts on this page that a machine translated

    # -- text helpers exposed to templates ---------------------------------------------
    def text(self, value: dict[str, str] | None) -> Markup:
        chosen = pick(value, self.lang, self.fallbacks)
        if chosen is None:
            return Markup("")
        if chosen.machine:
            self._machine_texts += 1
        if chosen.fallback:
            self._short_fallbacks += 1
            self._fallback_langs.add(chosen.lang)
        if chosen.machine:
            # Marked so a city's stylesheet can set machine translations apart.
            return Markup('<span lang="{}" class="portal-mt">{}</span>').format(
                chosen.lang, chosen.text
            )
        if chosen.fallback:
            return Markup('<span lang="{}">{}</span>').format(chosen.lang, chosen.text)
        return Markup("{}").format(chosen.text)

    def plain_text(self, value: dict[str, str] | None) -> str:
        chosen = pick(value, self.lang, self.fallbacks)
        if chosen is not None and chosen.machine:
            self._machine_texts += 1  # a title or a label is read as much as a paragraph
        return chosen.text if chosen else ""

    def prose(self, value: dict[str, str] | None) -> Markup:
        chosen = pick(value, self.lang, self.fallbacks)
        if chosen is None:
            return Markup("")
        body = markdown_to_html(chosen.text)
        if chosen.machine:
            self._machine_texts += 1
        if chosen.fallback:
            self._prose_fallbacks += 1
        if not chosen.fallback:
            if chosen.machine:
                return Markup('<div class="portal-prose portal-mt" lang="{}">\n{}\n</div>').format(
                    chosen.lang, body
                )
            return Markup('<div class="portal-prose">\n{}\n</div>').format(body)
        language = self._language_name(chosen.lang)
        note = self._("This text has not been translated yet; it is shown in %(language)s.") % {
            "language": language
        }
        classes = "portal-prose portal-fallback" + (" portal-mt" if chosen.machine else "")
        return Markup(
            '<div class="{}" lang="{}">\n'
            '<p class="portal-fallback__note" lang="{}">{}</p>\n{}\n</div>'
        ).format(classes, chosen.lang, self.lang, note, body)

    def when(self, event: Event) -> str:
        start, end = event.edition(self.today)
        return formats.date_range(start, end, self.lang)

    def photos(self, kind: str, record: Any) -> list[tuple[Any, Any]]:
        items = record.media if kind == "relics" else record.images
        return [(item, self.media.photos[(kind, record.id, item.file)]) for item in items]

    def offline_media(self, relic: Any) -> list[str]:
        """Site paths of a relic's photos (one mid-size variant) and audio guides."""
        # Every WebP width: the phone picks one from srcset, and it must be there offline.
        urls = [v.webp for _item, photo in self.photos("relics", relic) for v in photo.variants]
        urls += [self.media.audio[(relic.id, lang)].path for lang in relic.audio]
        return urls

    def audio_guides(self, relic: Any) -> list[dict[str, Any]]:
        """The relic's recordings, the visitor's language first."""
        order = sorted(relic.audio, key=lambda lang: (lang != self.lang, lang))
        return [
            {
                "lang": lang,
                "language": self.catalog.site.language(lang).name,
                "file": self.media.audio[(relic.id, lang)],
                "transcript": relic.audio[lang].transcript,
            }
            for lang in order
        ]

    def local_name(self, name: dict[str, str]) -> str | None:
        """The name as written on signs and spoken locally, shown under a translated name."""
        chosen = pick(name, self.lang, self.fallbacks)
        if chosen is None or chosen.fallback or self.lang == self.default:
            return None
        local = name[self.default]
        return None if local == chosen.text else local

    def relative(self, event: Event) -> Markup:
        """How soon an upcoming event starts, e.g. "in 3 days", "today", "on now"."""
        start, end = (moment.date() for moment in event.edition(self.today))
        if end < self.today:
            return Markup("")
        if start > self.today:
            text = formats.in_days((start - self.today).days, self.lang)
        elif start == self.today:
            text = self._("today")
        else:
            text = self._("on now")
        return Markup(
            '<span class="portal-relative" data-start="{}" data-end="{}" data-on-now="{}">{}</span>'
        ).format(start.isoformat(), end.isoformat(), self._("on now"), text)

    def venue_name(self, venue: Venue) -> dict[str, str] | None:
        if venue.relic is not None:
            return self.relics[venue.relic].name
        return venue.name

    def venue_text(self, venue: Venue) -> Markup:
        name = self.text(self.venue_name(venue))
        address = venue.address or (
            self.relics[venue.relic].address if venue.relic is not None else None
        )
        return Markup("{}, {}").format(name, address) if address else name

    def price(self, price: Price | None) -> str:
        if price is None:
            return ""
        text = formats.price_range(price.min, price.max, self.lang)
        unit = self.plain_text(price.unit)
        return f"{text} / {unit}" if unit else text

    def designation_text(self, designation: Designation) -> str:
        text = labels.designation(designation.level, self._)
        if not text:
            return ""
        details = [d for d in (designation.decision,) if d]
        if designation.date:
            details.append(formats.long_date(designation.date, self.lang))
        return f"{text} ({', '.join(details)})" if details else text

    def globals(self, path: str) -> dict[str, Any]:
        _ = self._

        def asset(target: str) -> str:
            """A file's URL relative to this page; `target` is relative to the language root."""
            return posixpath.relpath(target, page_url(path) or ".")

        return {
            "site": self.catalog.site,
            "today": self.today,
            "lang": self.lang,
            "t": self.text,
            "tt": self.plain_text,
            "prose": self.prose,
            "link": lambda target: relative_url(path, target),
            "asset": asset,
            "when": self.when,
            "relative": self.relative,
            "photos": self.photos,
            "offline_media": lambda relic: [
                asset("../" + media_href(t)) for t in self.offline_media(relic)
            ],
            "audio_guides": self.audio_guides,
            "duration": formats.duration,
            # media/ is at the site root; names as typed, percent-encoded
            "media_url": lambda target: asset("../" + media_href(target)),
            "local_name": self.local_name,
            "default_lang": self.default,
            "time_of": lambda moment: formats.time_of(moment, self.lang),
            "short_date": lambda moment: formats.long_date(moment.date(), self.lang),
            "venue_text": self.venue_text,
            "price": self.price,
            "stars": lambda count: icons.stars(count, _),
            "icon": lambda name: icons.icon(icons.KIND_ICONS[name]),
            "relic_icon": icons.relic_icon,
            "product_icon": icons.product_icon,
            "date_badge": lambda event: icons.date_badge(
                event.edition(self.today)[0].date(), self.lang
            ),
            "category_label": lambda value: labels.relic_category(value, _),
            "product_category_label": lambda value: labels.product_category(value, _),
            "designation_label": lambda value: labels.designation(value, _),
            "designation_text": self.designation_text,
            "digitization_label": lambda value: labels.digitization(value, _),
            "security_label": lambda value: labels.security(value, _),
            "relic_name": lambda relic_id: self.relics[relic_id].name,
        }

    # -- sharing and structured data ------------------------------------------------------
    # -- pages ---------------------------------------------------------------------------
    def render(
        self,
        template: str,
        path: str,
        *,
        share: ShareImage | None = None,
        jsonld: list[JsonObject] | None = None,
        **context: Any,
    ) -> RenderedPage:
        # Translations are text, not HTML: a msgstr with `<script>` is shown, never run.
        # (Jinja's own install_gettext_translations marks them safe under autoescape.)
        translations = self.translations
        _ENV.install_gettext_callables(  # type: ignore[attr-defined]
            lambda message: escape(translations.ugettext(message)),
            lambda singular, plural, n: escape(translations.ungettext(singular, plural, n)),
            newstyle=True,
        )
        self._short_fallbacks = self._prose_fallbacks = self._machine_texts = 0
        self._fallback_langs = set()
        text = _ENV.get_template(template).render(**self.globals(path), **context)
        text = _add_front_matter(text, self.front_matter(share, jsonld))
        notes = []
        if self._short_fallbacks:
            notes.append(self._fallback_note())
        if self._machine_texts:
            # Said once per page, as museum guide apps do, not beside every text.
            notes.append(
                Markup('<p class="portal-mt__note">{}</p>').format(
                    self._("Parts of this page were translated automatically.")
                )
            )
        if notes:
            text = _with_page_notes(text, notes)
        indexable = self._prose_fallbacks == 0
        if not indexable:
            # The page is mostly the default language's text: a duplicate for search engines.
            text = _add_front_matter(text, ["robots: noindex, follow"])
        return RenderedPage(path, _tidy(text), indexable)

    def _language_name(self, code: str) -> str:
        """`code`'s name in the page's language ("Vietnamese" on an English page, Babel's
        data), else the name site.yaml gives it."""
        from babel import Locale, UnknownLocaleError

        try:
            name = Locale.parse(code.replace("-", "_")).get_display_name(
                self.lang.replace("-", "_")
            )
        except (UnknownLocaleError, ValueError):
            name = None
        return name or self.catalog.site.language(code).name

    def _fallback_note(self) -> Markup:
        """Says that some of the page is shown in another language."""
        language = ", ".join(
            self._language_name(code) for code in self.fallbacks if code in self._fallback_langs
        )
        note = self._(
            "Parts of this page have not been translated yet; they are shown in %(language)s."
        ) % {"language": language}
        html = Markup('<p class="portal-fallback__note portal-fallback__note--page">{}</p>')
        return html.format(note)

    def coverage_rows(self) -> list[tuple[str, list[Coverage]]]:
        rows = coverage(self.catalog)
        return [(kind, [row for row in rows if row.kind == kind]) for kind in KIND_FIELDS]

    def upcoming_and_past(self) -> tuple[list[Event], list[Event]]:
        events = sorted(self.catalog.events, key=lambda event: event.edition(self.today)[0])
        upcoming = [event for event in events if not event.is_over(self.today)]
        past = [event for event in reversed(events) if event.is_over(self.today)]
        return upcoming, past

    def pages(self) -> list[RenderedPage]:
        """Every page of the language: the pages about many records, then one per record."""
        return [*self.aggregate_pages(), *self.record_pages()]

    def aggregate_pages(self) -> list[RenderedPage]:
        """Home, lists, map, staff pages and open data: pages any record edit may change."""
        catalog = self.catalog
        upcoming, past = self.upcoming_and_past()
        relics = sorted(
            catalog.relics, key=lambda relic: labels.sort_key(self.plain_text(relic.name))
        )
        featured = [relic for relic in relics if relic.featured][: catalog.site.featured_count]
        products = sorted(catalog.products, key=lambda p: labels.sort_key(self.plain_text(p.name)))
        top_products = sorted(products, key=lambda p: -p.stars)[:4]
        out = [
            self.render(
                "home.md.j2",
                "index.md",
                featured=featured,
                upcoming=upcoming[:5],
                top_products=top_products,
                home_image=home_photo(catalog.site.home_image, self.media),
                counts={
                    "relics": len(catalog.relics),
                    "events": len(upcoming),
                    "products": len(catalog.products),
                    "wifi": len(catalog.wifi),
                },
            ),
            # Lists: pages of at most lists.PAGE_SIZE cards, and the JSON the phone filters.
            *render_list(self, list_kinds.relics_spec(self, relics)),
            *render_list(self, list_kinds.products_spec(self, products)),
            *render_list(self, list_kinds.events_spec(self, upcoming, past)),
            *render_list(
                self,
                list_kinds.wifi_spec(
                    self,
                    sorted(catalog.wifi, key=lambda w: labels.sort_key(self.plain_text(w.name))),
                ),
            ),
            self.render(
                "guide.md.j2", "staff/guide.md", kinds=guides(self.lang, labels.kind_titles(self._))
            ),
            self.render(
                "register.md.j2",
                "staff/digitization.md",
                rows=(rows := catalog.derived("register", lambda: register_rows(catalog))),
                # Staff notes and internal sources: in the local preview only, never
                # published (the staff pages are public pages like any other).
                relics_with_notes=[
                    r for r in relics if r.notes or any(s.internal for s in r.sources)
                ]
                if self.preview
                else [],
                totals=register_totals(rows, self._),
            ),
            self.render(
                "coverage.md.j2",
                "staff/translations.md",
                rows=self.coverage_rows(),
                default_name=catalog.site.language(self.default).name,
                kind_title=lambda kind: labels.kind_titles(self._)[kind.rstrip("s")],
            ),
        ]
        out.extend(self.map_pages())
        out.append(self.open_data_page())
        return out

    def record_pages(self, only: set[str] | None = None) -> list[RenderedPage]:
        """One page per record; with `only`, just the pages at those paths (`relics/<id>.md`)."""
        catalog = self.catalog

        def wanted(path: str) -> bool:
            return only is None or path in only

        out: list[RenderedPage] = []
        for relic in catalog.relics:
            if not wanted(f"relics/{relic.id}.md"):
                continue
            here = [w for w in catalog.wifi if w.serves.relic == relic.id]
            out.append(
                self.render(
                    "relic.md.j2",
                    f"relics/{relic.id}.md",
                    relic=relic,
                    wifi_here=here,
                    **self.relic_meta(relic, f"relics/{relic.id}.md"),
                )
            )
        for product in catalog.products:
            path = f"products/{product.id}.md"
            if not wanted(path):
                continue
            out.append(
                self.render(
                    "product.md.j2", path, product=product, **self.product_meta(product, path)
                )
            )
        for event in catalog.events:
            if not wanted(f"events/{event.id}.md"):
                continue
            out.append(
                self.render(
                    "event.md.j2",
                    f"events/{event.id}.md",
                    event=event,
                    over=event.is_over(self.today),
                    next_edition=event.next is not None
                    and event.edition(self.today)[0] == event.next.start,
                    venue_point=catalog.venue_point(event.venue),
                    venue_name=self.venue_name(event.venue),
                    **self.event_meta(event, f"events/{event.id}.md"),
                )
            )
        for page in catalog.pages:
            if wanted(f"info/{page.id}.md"):
                out.append(self.render("page.md.j2", f"info/{page.id}.md", page=page))
        return out

    def open_data_page(self) -> RenderedPage:
        from build_tools.assets.opendata import columns

        formats_ = {
            ".csv": "CSV",
            ".geojson": "GeoJSON",
            ".json": "JSON",
            ".kml": "KML",
            ".gpx": "GPX",
            ".ics": "iCalendar",
            ".gz": "JSON (gzip)",
        }
        files = [(name, size) for name, size in self.data_sizes.items() if "/" not in name]
        fields = [(kind, [c.name for c in cols]) for kind, cols in columns(self.catalog).items()]
        return self.render(
            "opendata.md.j2",
            "open-data/index.md",
            data_files=files,
            data_fields=fields,
            data_format=lambda name: formats_[posixpath.splitext(name)[1]],
            file_size=lambda size: format_decimal(round(size / 1024, 1), locale=self.lang) + " KB",
        )

    def map_pages(self) -> list[RenderedPage]:
        """The map page, the overview map (fixed page + its data) and the shared mini map."""
        items = places(self.catalog, self.today)  # events that are over are not on the map
        labels_ = maps.layer_labels(self._)
        data = maps.overview_data(
            self.catalog.site,
            items,
            link=lambda target: "../" + page_url(target),  # from maps/
            text=self.plain_text,
            _=self._,
        )
        svg = maps.overview_svg(
            items,
            self.plain_text,
            lambda target: relative_url("map/index.md", target),
            labels_,
            title=self._("Overview without a connection"),
            count_label=lambda n: (
                self.translations.ungettext("%(num)d place", "%(num)d places", n) % {"num": n}
            ),
        )
        near_me = sorted(items, key=lambda p: labels.sort_key(self.plain_text(p.name)))
        return [
            self.render(
                "map.md.j2",
                "map/index.md",
                # A bounded list without JavaScript; portal-lists.js sorts all of places.json.
                near_me=near_me[:PAGE_SIZE],
                near_me_total=len(near_me),
                overview_svg=Markup(svg),
                layer_label=labels_.__getitem__,
            ),
            RenderedPage("maps/overview.html", maps.overview_html(self.lang), indexable=False),
            RenderedPage(f"maps/{maps.DATA_FILE}", data, indexable=False),
            RenderedPage(
                "maps/mini.html", maps.mini_html(self.catalog.site, self.lang), indexable=False
            ),
        ]


def _add_front_matter(text: str, lines: list[str]) -> str:
    """`lines` added at the end of the page's front matter (which ends at the first line
    starting with `---`, whatever follows it on that line)."""
    start = len(text) - len(text.lstrip())
    if not text.startswith("---\n", start):
        return text
    end = text.index("\n---", start + 3)
    return text[:end] + "".join(f"\n{line}" for line in lines) + text[end:]


def _with_page_notes(text: str, notes: list[Markup]) -> str:
    """`notes` at the top of the page, after its front matter."""
    front, sep, body = text.strip().partition("\n---\n")
    return f"{front}{sep}\n" + "".join(f"{note}\n" for note in notes) + body


def _tidy(text: str) -> str:
    # Collapse the blank lines left by template logic; Markdown needs at most one.
    lines: list[str] = []
    for line in text.strip().splitlines():
        if line.strip() == "" and lines and lines[-1] == "":
            continue
        lines.append(line.rstrip())
    return "\n".join(lines) + "\n"


def register_totals(rows: list[dict[str, Any]], _: labels.Gettext) -> dict[str, Any]:
    statuses = {
        status: sum(1 for r in rows if r["status"] == status)
        for status in ("complete", "in-progress", "not-started")
    }
    return {
        "designation": sum(1 for r in rows if r["designation_complete"]),
        "photos": sum(r["photos"] for r in rows),
        "audio": sum(1 for r in rows if r["audio_languages"]),
        "translated": round(sum(r["translated_percent"] for r in rows) / len(rows)) if rows else 0,
        "tours": sum(1 for r in rows if r["tour_360"]),
        "documents": sum(r["documents"] for r in rows),
        "status": " · ".join(f"{labels.digitization(k, _)} {v}" for k, v in statuses.items()),
    }
