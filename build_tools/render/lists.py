"""List pages whose weight does not grow with the catalogue, and the JSON the phone filters.

Every list (relic sites, OCOP products, events, wifi points) is cut into static pages of at
most PAGE_SIZE cards: `relics/` then `relics/page/2/`…, linked by a pager, so every record is
reachable without JavaScript and by search engines. Beside them, one compact JSON per list
and language (`relics/list.json`: each card's text, section, filter values and position)
that portal-lists.js renders on the phone: filters by category, ward, designation…, and
"nearest first" on the visitor's request. What differs between lists is a `ListSpec`
(build_tools/render/list_kinds.py); the pages, pager, JSON and script are shared.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from build_tools.render.i18n import pick

if TYPE_CHECKING:
    from build_tools.render.pages import LanguageRenderer, RenderedPage

PAGE_SIZE = 50  # cards on one static page: about 10 KB gzip with one-sentence summaries
# A card shows the start of a long summary: with PAGE_SIZE, it bounds a page's weight
# whatever editors write (a summary may hold 2,000 characters).
SUMMARY_LIMIT = 240
DATA_FILE = "list.json"  # in the list's folder, next to its first page
COORDINATE_DIGITS = 5  # about 1 m: enough to sort by distance


@dataclass(frozen=True)
class Section:
    """A heading of a list and the records under it (a category, upcoming events…)."""

    key: str  # also the heading's id, so other pages can link to it
    title: str  # "" for a list without headings
    archive: bool = False  # one line per record (past events): no summary, no icon


@dataclass(frozen=True)
class Facet:
    """One filter the phone offers: its label and its values, in the order shown."""

    key: str
    label: str
    values: tuple[tuple[str, str], ...]  # (value, label)


@dataclass(frozen=True)
class ListSpec:
    """What one list is made of; everything else is shared by every list."""

    folder: str  # "relics": pages relics/index.md, relics/page/<n>.md, data relics/list.json
    template: str  # renders one page from `listing` (a ListPage)
    sections: tuple[tuple[Section, tuple[Any, ...]], ...]  # records in the order shown
    card: Callable[[Any], dict[str, Any]]  # a record's card data for the phone (see item())
    point: Callable[[Any], tuple[float, float] | None]
    facets: tuple[Facet, ...] = ()
    facet_values: Callable[[Any], tuple[str | None, ...]] = lambda record: ()
    card_kind: str | None = None  # the card's class (portal-card--<kind>); None: its icon key
    icons: dict[str, Markup] = field(default_factory=dict)  # icon key → icon, for the script
    context: dict[str, Any] = field(default_factory=dict)  # more template values
    strings: dict[str, str] = field(default_factory=dict)  # more words for the script

    @property
    def total(self) -> int:
        return sum(len(records) for _section, records in self.sections)


@dataclass(frozen=True)
class PagerLink:
    label: str
    href: str | None  # None: the current page, or a gap ("…")
    current: bool = False


@dataclass(frozen=True)
class Filters:
    """The filter form portal-lists.js will show, drawn in the page at build time with its
    fields disabled: the form the script builds takes its place at the same size, so the
    cards below never move (no layout shift). Hidden when scripts do not run."""

    label: str
    fields: tuple[tuple[str, str], ...]  # (key, label) of each facet the phone offers
    located: bool  # "nearest first" is offered
    all: str
    nearest: str


def filters_of(renderer: LanguageRenderer, spec: ListSpec) -> Filters | None:
    """What portal-lists.js shows above a list, or None when it shows nothing (no facet with
    two values, no position)."""
    _ = renderer._
    # As the script decides: a facet of fewer than two values offers nothing to choose.
    fields = tuple((f.key, f.label) for f in spec.facets if len(f.values) >= 2)
    records = (record for _section, group in spec.sections for record in group)
    located = any(spec.point(record) is not None for record in records)
    if not fields and not located:
        return None
    return Filters(_("Filter the list"), fields, located, _("All"), _("Nearest first"))


@dataclass(frozen=True)
class ListPage:
    """One static page of a list, as its template sees it."""

    path: str
    number: int
    count: int  # pages in the list
    total: int  # records in the list
    sections: tuple[tuple[Section, tuple[Any, ...]], ...]
    pager: tuple[PagerLink, ...]  # empty when the list fits one page
    previous: str | None
    next: str | None
    jumps: tuple[tuple[str, str], ...]  # (section title, link): where each section starts
    data: str  # the list's JSON, relative to this page
    icons: tuple[tuple[str, Markup], ...]
    filters: Filters | None = None


def page_path(folder: str, number: int) -> str:
    return f"{folder}/index.md" if number == 1 else f"{folder}/page/{number}.md"


def paginate(
    sections: Sequence[tuple[Section, Sequence[Any]]], size: int = PAGE_SIZE
) -> list[list[tuple[Section, tuple[Any, ...]]]]:
    """The sections cut into pages of at most `size` records; a section may continue on the
    next page (its heading is repeated there). Always at least one page."""
    pages: list[list[tuple[Section, tuple[Any, ...]]]] = [[]]
    room = size
    for section, records in sections:
        rest = list(records)
        while rest:
            if room == 0:
                pages.append([])
                room = size
            taken, rest = rest[:room], rest[room:]
            pages[-1].append((section, tuple(taken)))
            room -= len(taken)
    return pages


def pager_numbers(number: int, count: int, around: int = 2) -> list[int | None]:
    """The page numbers a pager shows: the first, the last and `around` either side of the
    current one; None where numbers are left out. Bounded whatever `count` is."""
    shown = sorted({1, count, *range(max(1, number - around), min(count, number + around) + 1)})
    out: list[int | None] = []
    for n in shown:
        if out and n - (out[-1] or 0) > 1:
            out.append(None)
        out.append(n)
    return out


def excerpt(text: str, limit: int = SUMMARY_LIMIT) -> str:
    """`text`, or its start cut at a word and ended with "…" when longer than `limit`."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,.;:—–-") + "…"


def short(value: dict[str, str] | None) -> dict[str, str] | None:
    """A localized summary with every language cut to a card's length."""
    return None if value is None else {lang: excerpt(text) for lang, text in value.items()}


def render_list(renderer: LanguageRenderer, spec: ListSpec) -> list[RenderedPage]:
    """The list's static pages and its JSON."""
    from build_tools.render.pages import RenderedPage  # imports us
    from build_tools.render.paths import page_url, relative_url

    slices = paginate(spec.sections)
    count = len(slices)
    paths = [page_path(spec.folder, n) for n in range(1, count + 1)]
    starts: dict[str, str] = {}  # section key → the page it starts on
    for path, sections in zip(paths, slices, strict=True):
        for section, _records in sections:
            starts.setdefault(section.key, path)
    titles = [(s.key, s.title) for s, records in spec.sections if records and s.title]
    data_path = f"{spec.folder}/{DATA_FILE}"
    filters = filters_of(renderer, spec)
    out = []
    for number, (path, sections) in enumerate(zip(paths, slices, strict=True), start=1):

        def link(target: str, here: str = path) -> str:
            return relative_url(here, target)

        pager: list[PagerLink] = []
        if count > 1:
            for n in pager_numbers(number, count):
                if n is None:
                    pager.append(PagerLink("…", None))
                else:
                    href = None if n == number else link(paths[n - 1])
                    pager.append(PagerLink(str(n), href, current=n == number))
        jumps = tuple(
            (title, ("" if starts[key] == path else link(starts[key])) + f"#{key}")
            for key, title in titles
            if count > 1 and len(titles) > 1
        )
        listing = ListPage(
            path=path,
            number=number,
            count=count,
            total=spec.total,
            sections=tuple(sections),
            pager=tuple(pager),
            previous=link(paths[number - 2]) if number > 1 else None,
            next=link(paths[number]) if number < count else None,
            jumps=jumps,
            data=posixpath.relpath(data_path, page_url(path)),
            icons=tuple(sorted(spec.icons.items())),
            filters=filters,
        )
        out.append(
            renderer.render(spec.template, path, listing=listing, short=short, **spec.context)
        )
    out.append(RenderedPage(data_path, list_json(renderer, spec), indexable=False))
    return out


def text_of(renderer: LanguageRenderer, value: dict[str, str] | None) -> tuple[str, str | None]:
    """A text in the page's language (or its fallback) and, when it is another language's,
    that language's code (so the phone marks it for screen readers)."""
    chosen = pick(value, renderer.lang, renderer.fallbacks)
    if chosen is None:
        return "", None
    lang = chosen.lang.removesuffix("-x-mt")
    return chosen.text, (None if lang == renderer.lang else lang)


def item(renderer: LanguageRenderer, spec: ListSpec, section: int, record: Any) -> dict[str, Any]:
    """One record for the phone: name, summary (not in an archive), section, filter values
    (indexes into each facet's values), position, and the card data of its kind."""
    data: dict[str, Any] = {"section": section}
    name, name_lang = text_of(renderer, record.name)
    data["name"] = name
    if name_lang:
        data["name_lang"] = name_lang
    summary_value = getattr(record, "summary", None)  # a wifi point has none
    if summary_value is not None and not spec.sections[section][0].archive:
        summary, summary_lang = text_of(renderer, short(summary_value))
        data["summary"] = summary
        if summary_lang:
            data["summary_lang"] = summary_lang
    if spec.facets:
        values = spec.facet_values(record)
        data["facets"] = [
            _index(facet, value) for facet, value in zip(spec.facets, values, strict=True)
        ]
    point = spec.point(record)
    if point is not None:
        data["lat"] = round(point[0], COORDINATE_DIGITS)
        data["lon"] = round(point[1], COORDINATE_DIGITS)
    data.update(spec.card(record))
    return data


def _index(facet: Facet, value: str | None) -> int | None:
    keys = [key for key, _label in facet.values]
    return keys.index(value) if value in keys else None


def list_json(renderer: LanguageRenderer, spec: ListSpec) -> str:
    """The list's JSON: its sections, facets, the words its script shows, and every record
    in the order of the static pages."""
    _, ngettext = renderer._, renderer.translations.ungettext
    items = [
        item(renderer, spec, index, record)
        for index, (_section, records) in enumerate(spec.sections)
        for record in records
    ]
    strings = {
        "all": _("All"),
        "nearest": _("Nearest first"),
        "reset": _("Clear the filters"),
        "more": _("Show more"),
        "filters": _("Filter the list"),
        # Both forms; the phone picks one with Intl.PluralRules and puts the number in.
        "count_one": ngettext("%(num)d result", "%(num)d results", 1),
        "count_other": ngettext("%(num)d result", "%(num)d results", 2),
        "none": _("Nothing matches these filters."),
        "sorted": _("sorted by distance from your position"),
        "locating": _("Finding your position…"),
        "denied": _("Your position is not available."),
        "km": _("km"),
        "on_now": _("on now"),
        **spec.strings,
    }
    data = {
        "card": spec.card_kind,
        "facets": [
            {"key": f.key, "label": f.label, "values": [label for _key, label in f.values]}
            for f in spec.facets
        ],
        "items": items,
        "page_size": PAGE_SIZE,
        "sections": [
            {"title": s.title, "key": s.key, **({"archive": True} if s.archive else {})}
            for s, _records in spec.sections
        ],
        "strings": strings,
    }
    return dump(data)


def dump(data: Any) -> str:
    # Compact, sorted (deterministic builds) and readable UTF-8; "<", ">" and "&" escaped so
    # the file stays inert even if a host ever served it as HTML (JSON.parse reads it the same).
    raw = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return raw.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"
