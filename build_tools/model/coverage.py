"""Translation coverage: per record type and language, how many texts are translated."""

from __future__ import annotations

from dataclasses import dataclass

from build_tools.model.catalog import Catalog
from build_tools.model.fields import machine_translated
from build_tools.model.kinds import KINDS
from build_tools.model.localized import localized_fields

KIND_FIELDS = tuple(kind.collection for kind in KINDS)


@dataclass(frozen=True)
class Coverage:
    kind: str  # "relics", "products", ...
    lang: str
    translated: int  # written in this language, by a person or a machine
    total: int
    machine: int = 0  # of `translated`, those a machine translated and no one has checked

    @property
    def percent(self) -> int:
        return 100 if self.total == 0 else round(100 * self.translated / self.total)

    @property
    def missing(self) -> int:
        return self.total - self.translated


def coverage(catalog: Catalog) -> list[Coverage]:
    """One row per (record type, language), in the site's language order."""
    return catalog.derived("coverage", lambda: _coverage(catalog))


def _coverage(catalog: Catalog) -> list[Coverage]:
    rows = []
    for kind in KIND_FIELDS:
        texts = [
            texts for record in getattr(catalog, kind) for _path, texts in localized_fields(record)
        ]
        for lang in catalog.site.codes:
            done = sum(1 for t in texts if lang in t)
            machine = sum(1 for t in texts if lang in machine_translated(t))
            rows.append(Coverage(kind, lang, done, len(texts), machine))
    return rows


def coverage_table(catalog: Catalog) -> str:
    """A plain-text table for `portal i18n status`; "(3 mt)" counts machine translations."""
    codes = catalog.site.codes
    rows = coverage(catalog)
    by_key = {(row.kind, row.lang): row for row in rows}
    any_machine = any(row.machine for row in rows)
    width = 24 if any_machine else 16
    header = f"{'record type':<12}" + "".join(f"{code:>{width}}" for code in codes)
    lines = [header, "-" * len(header)]
    for kind in KIND_FIELDS:
        cells = []
        for code in codes:
            row = by_key[(kind, code)]
            machine = f" ({row.machine} mt)" if row.machine else ""
            cells.append(f"{row.translated}/{row.total} {row.percent:>3}%{machine}")
        lines.append(f"{kind:<12}" + "".join(f"{cell:>{width}}" for cell in cells))
    if any_machine:
        lines.append("mt: machine translations no person has checked yet (keys like fr-x-mt)")
    return "\n".join(lines)


def translated_share(record: object, languages: tuple[str, ...]) -> int:
    """Percent of (text, language) pairs of one record that are written."""
    from pydantic import BaseModel

    assert isinstance(record, BaseModel)
    texts = [texts for _path, texts in localized_fields(record)]
    total = len(texts) * len(languages)
    done = sum(1 for t in texts for lang in languages if lang in t)
    return 100 if total == 0 else round(100 * done / total)
