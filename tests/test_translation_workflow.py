"""Record texts to translators and back (`portal i18n export|import`); the `fr-x-mt` marker."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog as MessageCatalog
from babel.messages.pofile import read_po, write_po
from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools.cli.main import main
from build_tools.load.issues import ContentError
from build_tools.load.project import load_catalog
from build_tools.load.yaml_edit import EditError, set_localized_text
from build_tools.load.yaml_source import parse_yaml
from build_tools.model.coverage import coverage
from build_tools.translation.locations import Location, field_help
from tests.conftest import SITE_YAML, Project
from tests.html_query import parse

SITE_FR = SITE_YAML + "  - {code: fr, name: Français}\n"

# Block, flow and Markdown texts, with the comments and blank lines staff leave in files.
CHUA_A = """\
# Hồ sơ di tích — giữ nguyên chú thích này
id: chua-a
name: {vi: "Chùa A", en: "Pagoda A"}  # tên trên bảng
category: pagoda
address: "1 Nguyễn Trung Trực"
ward: Mỹ Phong
coordinates: {lat: 10.36, lon: 106.38}
summary:
  vi: Tóm tắt chùa A, giảm 50% giá vé.   # ngắn gọn
  en: Summary of pagoda A.

description:
  vi: |
    Đoạn một.

    Đoạn **hai**.
  en: |
    Paragraph one.

    Paragraph **two**.

history:
  - period: thế kỷ 19
    text:
      vi: Dựng chùa.
      en: Built.
visiting:
  hours: {vi: "7:00–17:00", en: "7 am–5 pm", fr: "7 h – 17 h"}
featured: true
"""

FRENCH = {
    "heritage/relics/chua-a.yaml#name": "Pagode A : « l’ancienne » # 1",
    "heritage/relics/chua-a.yaml#summary": '- Résumé: "cité" & *étoile*',
    "heritage/relics/chua-a.yaml#description": "Paragraphe un.\n\nParagraphe **deux** : suite.",
    "heritage/relics/chua-a.yaml#history[0].text": "Construite.",
    "heritage/relics/chua-b.yaml#name": "Pagode 2",
    "heritage/relics/chua-b.yaml#summary": "Résumé 2.",
    "heritage/relics/chua-b.yaml#description": "Description 2 :\n\n- point **un**\n- point deux",
}

CHUA_A_TRANSLATED = """\
# Hồ sơ di tích — giữ nguyên chú thích này
id: chua-a
name: {vi: "Chùa A", en: "Pagoda A", fr: "Pagode A : « l’ancienne » # 1"}  # tên trên bảng
category: pagoda
address: "1 Nguyễn Trung Trực"
ward: Mỹ Phong
coordinates: {lat: 10.36, lon: 106.38}
summary:
  vi: Tóm tắt chùa A, giảm 50% giá vé.   # ngắn gọn
  en: Summary of pagoda A.
  fr: "- Résumé: \\"cité\\" & *étoile*"

description:
  vi: |
    Đoạn một.

    Đoạn **hai**.
  en: |
    Paragraph one.

    Paragraph **two**.
  fr: |
    Paragraphe un.

    Paragraphe **deux** : suite.

history:
  - period: thế kỷ 19
    text:
      vi: Dựng chùa.
      en: Built.
      fr: "Construite."
visiting:
  hours: {vi: "7:00–17:00", en: "7 am–5 pm", fr: "7 h – 17 h"}
featured: true
"""


@pytest.fixture
def city(project: Project) -> Project:
    project.write("site_config/site.yaml", SITE_FR)
    project.write("heritage/relics/chua-a.yaml", CHUA_A)
    project.relic("chua-b", 2)  # every text in flow style: {vi: …, en: …}
    return project


def export(project: Project, *options: str) -> MessageCatalog:
    assert main(["i18n", "export", "--lang", "fr", "--root", str(project.root), *options]) == 0
    with (project.root / "translations/fr.po").open("rb") as handle:
        return read_po(handle)


def entries(po: MessageCatalog) -> dict[str, tuple[str, list[tuple[str, int]], str, bool]]:
    return {
        str(m.context): (str(m.id), list(m.locations), str(m.string), m.fuzzy) for m in po if m.id
    }


def translate(
    project: Project, po: MessageCatalog, texts: dict[str, str], fuzzy: bool = False
) -> Path:
    """What a translator does: fill in the msgstrs and save the file."""
    for message in po:
        if message.id and str(message.context) in texts:
            message.string = texts[str(message.context)]
            if fuzzy:
                message.flags.add("fuzzy")
            else:
                message.flags.discard("fuzzy")
    path = project.root / "translations/fr.po"
    with path.open("wb") as handle:
        write_po(handle, po)
    return path


def import_(project: Project, po: Path, *options: str) -> int:
    return main(["i18n", "import", str(po), "--root", str(project.root), *options])


def read(project: Project, rel: str) -> str:
    return (project.root / rel).read_bytes().decode("utf-8")


def only_added_fr_lines(before: str, after: str) -> bool:
    """Whether `after` is `before` with fr entries added or replaced and nothing else changed:
    new `fr:` lines (with their block lines), or `, fr: "…"` added inside a `{…}`."""
    old, new = before.splitlines(), after.splitlines()
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        added = new[j1:j2]
        if tag == "insert" and re.match(r"\s*fr: ", added[0]):
            indent = len(added[0]) - len(added[0].lstrip())
            if all(not line or len(line) - len(line.lstrip()) > indent for line in added[1:]):
                continue
        if tag == "replace" and i2 - i1 == j2 - j1:
            flow = [re.sub(r', fr: "(?:[^"\\]|\\.)*"', "", line, count=1) for line in added]
            if flow == old[i1:i2] != added:
                continue
            if all(re.match(r"\s*fr: ", line) for line in [*old[i1:i2], *added]):
                continue  # an outdated translation replaced
        return False
    return True


def test_export_lists_exactly_the_missing_texts_with_their_place(city: Project) -> None:
    po = export(city)
    description = "Đoạn một.\n\nĐoạn **hai**."
    assert entries(po) == {
        "heritage/relics/chua-a.yaml#name": (
            "Chùa A",
            [("heritage/relics/chua-a.yaml", 3)],
            "",
            False,
        ),
        "heritage/relics/chua-a.yaml#summary": (
            "Tóm tắt chùa A, giảm 50% giá vé.",
            [("heritage/relics/chua-a.yaml", 8)],
            "",
            False,
        ),
        "heritage/relics/chua-a.yaml#description": (
            description,
            [("heritage/relics/chua-a.yaml", 12)],
            "",
            False,
        ),
        "heritage/relics/chua-a.yaml#history[0].text": (
            "Dựng chùa.",
            [("heritage/relics/chua-a.yaml", 24)],
            "",
            False,
        ),
        "heritage/relics/chua-b.yaml#name": (
            "Chùa 2",
            [("heritage/relics/chua-b.yaml", 2)],
            "",
            False,
        ),
        "heritage/relics/chua-b.yaml#summary": (
            "Tóm tắt 2.",
            [("heritage/relics/chua-b.yaml", 7)],
            "",
            False,
        ),
        "heritage/relics/chua-b.yaml#description": (
            "Mô tả 2.",
            [("heritage/relics/chua-b.yaml", 8)],
            "",
            False,
        ),
    }  # visiting.hours has its fr text: not listed
    assert str(po.locale) == "fr"
    help_of = {str(m.context): m.auto_comments for m in po if m.id}
    assert help_of["heritage/relics/chua-a.yaml#name"] == ["relic “Chùa A” — Name of the site."]
    assert any("Markdown" in c for c in help_of["heritage/relics/chua-a.yaml#description"])
    # "50%" is not a placeholder: a translator's tool must not ask for one.
    assert "python-format" not in (raw_po := read(city, "translations/fr.po"))
    assert 'msgid "Tóm tắt chùa A, giảm 50% giá vé."' in raw_po


def test_import_round_trip_changes_only_the_new_lines(
    city: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    chua_b = read(city, "heritage/relics/chua-b.yaml")
    po = translate(city, export(city), FRENCH)
    capsys.readouterr()
    assert import_(city, po) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        "7 fr text(s) written into 2 file(s), 0 already so, 0 skipped"
    )
    assert read(city, "heritage/relics/chua-a.yaml") == CHUA_A_TRANSLATED  # byte for byte
    assert only_added_fr_lines(CHUA_A, read(city, "heritage/relics/chua-a.yaml"))
    # …a check that does notice anything else:
    assert not only_added_fr_lines(CHUA_A, CHUA_A_TRANSLATED.replace("  # tên trên bảng", ""))
    assert not only_added_fr_lines(CHUA_A, CHUA_A_TRANSLATED.replace("\n\nhistory", "\nhistory"))
    assert not only_added_fr_lines(CHUA_A, CHUA_A_TRANSLATED.replace("vi: Dựng", "vi: Xây"))
    assert only_added_fr_lines(chua_b, read(city, "heritage/relics/chua-b.yaml"))
    assert read(city, "heritage/relics/chua-b.yaml").splitlines()[7] == (
        'description: {vi: "Mô tả 2.", en: "Description 2.", '
        'fr: "Description 2 :\\n\\n- point **un**\\n- point deux"}'
    )

    catalog = load_catalog(city.root)
    texts = {
        "heritage/relics/chua-a.yaml#name": catalog.relics[0].name["fr"],
        "heritage/relics/chua-a.yaml#summary": catalog.relics[0].summary["fr"],
        "heritage/relics/chua-a.yaml#description": catalog.relics[0].description["fr"],
        "heritage/relics/chua-a.yaml#history[0].text": catalog.relics[0].history[0].text["fr"],
        "heritage/relics/chua-b.yaml#name": catalog.relics[1].name["fr"],
        "heritage/relics/chua-b.yaml#summary": catalog.relics[1].summary["fr"],
        "heritage/relics/chua-b.yaml#description": catalog.relics[1].description["fr"],
    }
    assert texts == FRENCH
    assert entries(export(city)) == {}  # nothing left to translate
    assert import_(city, po) == 0  # importing twice changes nothing
    assert read(city, "heritage/relics/chua-a.yaml") == CHUA_A_TRANSLATED


def test_a_changed_source_makes_its_translation_outdated(city: Project) -> None:
    assert import_(city, translate(city, export(city), FRENCH)) == 0
    path = city.root / "heritage/relics/chua-a.yaml"
    path.write_text(
        read(city, "heritage/relics/chua-a.yaml").replace(
            "vi: Tóm tắt chùa A, giảm 50% giá vé.", "vi: Tóm tắt mới của chùa A."
        ),
        "utf-8",
    )
    before = read(city, "heritage/relics/chua-a.yaml")

    po = export(city)
    assert entries(po) == {
        "heritage/relics/chua-a.yaml#summary": (
            "Tóm tắt mới của chùa A.",
            [("heritage/relics/chua-a.yaml", 8)],
            '- Résumé: "cité" & *étoile*',
            True,
        ),
    }
    assert import_(city, city.root / "translations/fr.po") == 0  # still fuzzy: not written
    assert read(city, "heritage/relics/chua-a.yaml") == before
    new = "Nouveau résumé de la pagode A."
    assert import_(city, translate(city, po, {"heritage/relics/chua-a.yaml#summary": new})) == 0
    after = read(city, "heritage/relics/chua-a.yaml")
    assert after == before.replace('  fr: "- Résumé: \\"cité\\" & *étoile*"', f'  fr: "{new}"')
    assert only_added_fr_lines(before, after)
    assert entries(export(city)) == {}
    assert load_catalog(city.root).relics[0].summary["fr"] == new


def test_machine_translations_are_marked_and_pages_say_so(
    city: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from build_tools.assemble.pipeline import build_site

    po = translate(city, export(city), FRENCH, fuzzy=True)  # engines leave their output fuzzy
    assert import_(city, po, "--machine") == 0
    written = read(city, "heritage/relics/chua-a.yaml")
    assert '  fr-x-mt: "- Résumé: \\"cité\\" & *étoile*"' in written
    assert "fr-x-mt: |\n    Paragraphe un." in written
    catalog = load_catalog(city.root)
    assert catalog.relics[0].summary["fr"] == FRENCH["heritage/relics/chua-a.yaml#summary"]
    fr_relics = next(row for row in coverage(catalog) if row.kind == "relics" and row.lang == "fr")
    assert (fr_relics.translated, fr_relics.machine) == (fr_relics.total, 7)
    capsys.readouterr()
    assert main(["i18n", "status", "--root", str(city.root)]) == 0
    relics_row = next(line for line in capsys.readouterr().out.splitlines() if "relics" in line)
    assert relics_row.split() == [
        "relics",
        "8/8",
        "100%",
        "8/8",
        "100%",
        "8/8",
        "100%",
        "(7",
        "mt)",
    ]

    out = tmp_path / "site"
    build_site(city.root, out, work=tmp_path / "work")
    fr_page = (out / "fr/relics/chua-a/index.html").read_text("utf-8")
    assert fr_page.count("Certaines parties de cette page ont été traduites automatiquement.") == 1
    fr_tree = parse(fr_page)
    assert "portal-prose" in fr_tree.find("div", cls="portal-mt", lang="fr").classes
    machine = fr_tree.find_all("span", cls="portal-mt", lang="fr")
    assert "Pagode A : « l’ancienne » # 1" in [span.text() for span in machine]
    for lang in ("vi", "en"):
        page = (out / f"{lang}/relics/chua-a/index.html").read_text("utf-8")
        assert "portal-mt" not in page, lang
    assert "Pagode A : « l’ancienne » # 1" in (out / "data/relics.csv").read_text("utf-8-sig")
    staff = (out / "fr/staff/translations/index.html").read_text("utf-8")
    assert "dont 7 traduits automatiquement, pas encore vérifiés" in staff

    # A person checks the machine's text and confirms it: the key becomes fr, text untouched.
    review = export(city, "--include-machine")
    assert {fuzzy for _id, _loc, _text, fuzzy in entries(review).values()} == {True}
    check = {
        "heritage/relics/chua-a.yaml#description": FRENCH["heritage/relics/chua-a.yaml#description"]
    }
    before = read(city, "heritage/relics/chua-a.yaml")
    assert import_(city, translate(city, review, check)) == 0
    after = read(city, "heritage/relics/chua-a.yaml")
    assert after == before.replace(
        "  fr-x-mt: |\n    Paragraphe un.", "  fr: |\n    Paragraphe un."
    )


def test_machine_import_keeps_a_persons_translation(
    city: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    po = export(city, "--all")
    before = read(city, "heritage/relics/chua-a.yaml")
    translate(city, po, {"heritage/relics/chua-a.yaml#visiting.hours": "de 7 h à 17 h"})
    capsys.readouterr()
    assert import_(city, city.root / "translations/fr.po", "--machine") == 0
    assert "1 kept: a person's translation" in capsys.readouterr().out
    assert read(city, "heritage/relics/chua-a.yaml") == before


def test_both_fr_and_fr_x_mt_is_an_error(project: Project) -> None:
    project.write("site_config/site.yaml", SITE_FR)
    project.relic("chua-a", extra="")
    path = project.root / "heritage/relics/chua-a.yaml"
    path.write_text(
        path.read_text("utf-8").replace(
            'summary: {vi: "Tóm tắt 1.", en: "Summary 1."}',
            'summary: {vi: "Tóm tắt 1.", fr: "Résumé 1.", fr-x-mt: "Résumé un."}',
        ),
        "utf-8",
    )
    with pytest.raises(ContentError) as caught:
        load_catalog(project.root)
    assert [str(issue) for issue in caught.value.issues] == [
        "heritage/relics/chua-a.yaml:7: summary: both fr and fr-x-mt are written — keep one"
    ]


def test_machine_marker_only_for_site_languages_and_only_on_texts(project: Project) -> None:
    project.relic("chua-a")
    path = project.root / "heritage/relics/chua-a.yaml"
    path.write_text(
        path.read_text("utf-8").replace(
            'summary: {vi: "Tóm tắt 1.", en: "Summary 1."}',
            'summary: {vi: "Tóm tắt 1.", de-x-mt: "Zusammenfassung 1."}',
        ),
        "utf-8",
    )
    with pytest.raises(ContentError) as caught:
        load_catalog(project.root)
    assert [str(issue) for issue in caught.value.issues] == [
        'heritage/relics/chua-a.yaml:7: summary.de-x-mt: "de" is not a language of this site '
        "— use one of vi, en (site_config/site.yaml lists the languages)"
    ]
    path.write_text(path.read_text("utf-8").replace("de-x-mt", "en-x-mt"), "utf-8")
    assert load_catalog(project.root).relics[0].summary == {
        "vi": "Tóm tắt 1.",
        "en": "Zusammenfassung 1.",
    }


def test_what_cannot_be_imported_is_reported_and_left_alone(
    city: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    po = MessageCatalog(locale="fr")
    for context, source, text in [
        ("heritage/relics/chua-a.yaml#history[3].text", "Dựng chùa.", "Construite."),
        ("heritage/relics/gone.yaml#name", "Chùa C", "Pagode C"),
        ("../../site_config/site.yaml#site_name", "Di sản thử", "Patrimoine"),
        ("heritage/relics/chua-a.yaml#summary", "Tóm tắt cũ.", "Ancien résumé."),
        ("heritage/relics/chua-a.yaml#name", "Chùa A", "Pagode A,\nsur deux lignes"),
        ("heritage/relics/chua-b.yaml#name", "Chùa 2", ""),
    ]:
        po.add(source, text, context=context)
    path = city.root / "fr-done.po"
    with path.open("wb") as handle:
        write_po(handle, po)
    capsys.readouterr()
    assert import_(city, path) == 1
    out, err = capsys.readouterr()
    assert out.splitlines()[0] == (
        "0 fr text(s) written into 0 file(s), 0 already so, 6 skipped "
        "(1 not translated, 5 listed below)"
    )
    assert err.splitlines() == [
        "  skipped ../../site_config/site.yaml#site_name: not a record text",
        "  skipped heritage/relics/chua-a.yaml#history[3].text: no text per language is "
        "written there any more",
        "  skipped heritage/relics/chua-a.yaml#summary: the vi text has changed since the "
        "export; export again and translate the new text",
        "  skipped heritage/relics/chua-a.yaml#name: name.fr: a name or short value must fit "
        "on one line — write it on one line, without `|` or `>`",
        "  skipped heritage/relics/gone.yaml#name: the file no longer exists",
    ]
    assert read(city, "heritage/relics/chua-a.yaml") == CHUA_A


def test_export_does_not_overwrite_translations_not_yet_imported(city: Project) -> None:
    translate(city, export(city), {"heritage/relics/chua-b.yaml#name": "Pagode 2"})
    assert main(["i18n", "export", "--lang", "fr", "--root", str(city.root)]) == 1
    assert 'msgstr "Pagode 2"' in read(city, "translations/fr.po")
    assert main(["i18n", "export", "--lang", "vi", "--root", str(city.root)]) == 1
    export(city, "--force")
    assert 'msgstr "Pagode 2"' not in read(city, "translations/fr.po")


def test_export_names_the_fuzzy_entries_import_skips(
    city: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    """A translator's draft left fuzzy is skipped by import, so export keeps refusing: the
    refusal names the entry and both ways out instead of sending the editor round."""
    path = translate(city, export(city), {"heritage/relics/chua-b.yaml#name": "Pagode 2"}, True)
    assert import_(city, path) == 0
    capsys.readouterr()
    assert main(["i18n", "export", "--lang", "fr", "--root", str(city.root)]) == 1
    err = capsys.readouterr().err
    assert "1 of them marked fuzzy, which import skips (line " in err
    assert "(heritage/relics/chua-b.yaml#name)" in err
    assert "deleting its `#, fuzzy` line" in err and "--machine" in err


def test_windows_line_ends_and_byte_order_mark_are_kept() -> None:
    source = "\ufeffid: a\r\nname:\r\n  vi: A   # x\r\n  en: B\r\nnext: {vi: C}\r\n"
    edited = set_localized_text(source, ("name",), "fr", "Deux\nlignes")
    assert edited == (
        "\ufeffid: a\r\nname:\r\n  vi: A   # x\r\n  en: B\r\n  fr: |\r\n    Deux\r\n    lignes\r\n"
        "next: {vi: C}\r\n"
    )
    no_final_break = set_localized_text("name:\n  vi: A", ("name",), "fr", "B")
    assert no_final_break == 'name:\n  vi: A\n  fr: "B"'
    with pytest.raises(EditError):
        set_localized_text("name: Chùa A\n", ("name",), "fr", "B")  # not a text per language


def test_a_field_written_as_one_text_gains_its_languages() -> None:
    """An organiser may be one name (the default language's): a translation makes it a text
    per language, the name kept exactly as typed."""
    source = "id: a\norganiser: UBND TP. Mỹ Tho  \nnext: 1\n"
    edited = set_localized_text(
        source, ("organiser",), "en-x-mt", "People's Committee", default="vi"
    )
    assert edited == (
        'id: a\norganiser:\n  vi: UBND TP. Mỹ Tho\n  en-x-mt: "People\'s Committee"  \nnext: 1\n'
    )
    again = set_localized_text(edited, ("organiser",), "fr", "Comité", default="vi")
    assert parse_yaml(again).data["organiser"] == {
        "vi": "UBND TP. Mỹ Tho", "en-x-mt": "People's Committee", "fr": "Comité"
    }
    with pytest.raises(EditError):  # without the field's default language, as before
        set_localized_text(source, ("organiser",), "en", "B")
    with pytest.raises(EditError):  # over several lines: the editor's layout is theirs
        two_lines = "organiser: UBND\n  TP. Mỹ Tho\n"
        set_localized_text(two_lines, ("organiser",), "en", "B", default="vi")


@settings(max_examples=150, deadline=None)
@given(st.text(min_size=1), st.booleans())
def test_any_text_reads_back_exactly(text: str, flow: bool) -> None:
    source = (
        "name: {vi: A, en: B}  # c\nx: 1\n"
        if flow
        else "name:\n  vi: |\n    A\n\n  en: B\n\nx: 1\n"
    )
    edited = set_localized_text(source, ("name",), "fr", text)
    written = parse_yaml(edited).data["name"]["fr"]
    assert written in (text, text + "\n")  # "\n" ends a `|` block
    removed = [op for op in difflib.ndiff(source.splitlines(), edited.splitlines()) if op[0] == "-"]
    assert removed == ([] if not flow else ["- name: {vi: A, en: B}  # c"])


def test_locations_and_field_help() -> None:
    from build_tools.model.relic import Relic

    location = Location.parse("heritage/relics/a.yaml#audio.vi.transcript")
    assert location == Location("heritage/relics/a.yaml", ("audio", "vi", "transcript"))
    assert str(Location("heritage/relics/a.yaml", ("history", 0, "text"))) == (
        "heritage/relics/a.yaml#history[0].text"
    )
    assert field_help(Relic, ("audio", "vi", "transcript"))[1] == "localized-markdown"
    assert field_help(Relic, ("history", 0, "text")) == ("What happened.", "localized")
    assert Location.parse("no-place") is None
    assert Location("../x.yaml", ("name",)).kind is None
    assert Location("heritage/relics/a.txt", ("name",)).kind is None


def test_guide_and_schema_explain_the_marker() -> None:
    import json

    from tests.conftest import REPO

    schema = json.loads((REPO / "site_config/schema/relic.schema.json").read_text("utf-8"))
    assert re.fullmatch(schema["properties"]["summary"]["propertyNames"]["pattern"], "fr-x-mt")
    guide = (REPO / "build_tools/render/templates/guide.md.j2").read_text("utf-8")
    assert "fr-x-mt" in guide and "portal i18n export" in guide
