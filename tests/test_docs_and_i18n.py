"""Nothing a visitor or an editor reads may be missing: catalogs complete, every field documented."""

from __future__ import annotations

import typing

import pytest
from babel.messages.extract import extract_from_dir
from pydantic import BaseModel

from build_tools.load.project import load_site
from build_tools.model.kinds import KINDS
from build_tools.model.site import SiteConfig
from build_tools.render.guide import field_rows
from build_tools.render.i18n import load_translations, read_catalog
from tests.conftest import REPO
from tests.html_query import parse


def used_msgids() -> set[str]:
    method_map = [("build_tools/**.py", "python"), ("build_tools/render/templates/**.j2", "jinja2")]
    options = {"build_tools/render/templates/**.j2": {"extensions": "jinja2.ext.i18n"}}
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(REPO), method_map, options, keywords={"_": None, "ngettext": (1, 2)}
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


SITE, _ = load_site(REPO)
assert SITE is not None


@pytest.mark.parametrize("lang", SITE.codes)
def test_every_interface_string_is_translated(lang: str) -> None:
    catalog = read_catalog(REPO, lang)
    assert catalog is not None, f"site_config/locales/{lang} is missing"
    translated = {
        (m.id if isinstance(m.id, str) else m.id[0])
        for m in catalog
        if m.id and (m.string if isinstance(m.string, str) else all(m.string)) and not m.fuzzy
    }
    missing = sorted(used_msgids() - translated)
    assert not missing, f"{lang} lacks: {missing}"
    assert load_translations(REPO, lang).ugettext("Relic sites")  # compiles


def test_vietnamese_catalog_really_is_vietnamese() -> None:
    translations = load_translations(REPO, "vi")
    assert translations.ugettext("Relic sites") == "Di tích"
    assert translations.ungettext("%(num)d site to visit.", "%(num)d sites to visit.", 3) % {
        "num": 3} == "3 điểm tham quan."


def _models() -> list[type[BaseModel]]:
    seen: list[type[BaseModel]] = []

    def visit(model: type[BaseModel]) -> None:
        if model in seen:
            return
        seen.append(model)
        for info in model.model_fields.values():
            for arg in _flatten(info.annotation):
                if isinstance(arg, type) and issubclass(arg, BaseModel):
                    visit(arg)

    for kind in KINDS:
        visit(kind.model)
    visit(SiteConfig)
    return seen


def _flatten(annotation: object) -> list[object]:
    out = [annotation]
    for arg in typing.get_args(annotation):
        out.extend(_flatten(arg))
    return out


@pytest.mark.parametrize("model", _models(), ids=lambda m: m.__name__)
def test_every_field_is_documented_in_vietnamese_and_english(model: type[BaseModel]) -> None:
    for name, info in model.model_fields.items():
        extra = info.json_schema_extra
        helps = extra.get("x-help", {}) if isinstance(extra, dict) else {}
        assert helps.get("vi") and helps.get("en"), f"{model.__name__}.{name} has no help text"


def test_editor_guide_lists_every_field(sample_site: object) -> None:
    from pathlib import Path

    assert isinstance(sample_site, Path)
    for lang in SITE.codes:
        page = parse((sample_site / lang / "staff" / "guide" / "index.html").read_text("utf-8"))
        codes = {code.text() for code in page.find_all("code")}
        for kind in KINDS:
            for row in field_rows(kind.model, lang):
                assert row.name in codes, (lang, kind.name, row.name)
    vi = (sample_site / "vi" / "staff" / "guide" / "index.html").read_text("utf-8")
    assert "Vĩ độ (độ thập phân)" in vi
