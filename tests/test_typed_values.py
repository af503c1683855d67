"""What an editor types reaches the site as typed, or `portal check` says why not: a `#` that
YAML would read as a comment, spaces inside quotes, backslash escapes, curly quotes, placeholder
years; and both YAML readers (libyaml and pure Python) say the same."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from build_tools.assemble.pipeline import Inputs
from build_tools.load import yaml_source
from build_tools.load.issues import ContentError
from build_tools.load.project import load_catalog
from build_tools.load.yaml_source import YamlSyntaxError, parse_yaml
from tests.conftest import REPO, Project
from tests.test_mistakes_corpus import CORPUS, FIXTURES


def problems(project: Project) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_catalog(project.root)
    return [str(issue) for issue in caught.value.issues]


def read(text: str) -> object:
    return parse_yaml(textwrap.dedent(text)).data


# -- a `#` after a value ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "data"),
    [
        # What `portal new` writes, and the same line once the editor filled it in.
        ("stars: 3  # 3, 4 or 5\n", {"stars": "3"}),
        ("start: 2027-01-01 08:00  # YYYY-MM-DD HH:MM\n", {"start": "2027-01-01 08:00"}),
        ("start:  # YYYY-MM-DD HH:MM\n", {"start": None}),
        ("coordinates:  # from a map\n  lat: 10.3\n", {"coordinates": {"lat": "10.3"}}),
        ("ward: # chưa rõ\n", {"ward": None}),
        # A note on its own line, after quotes, after a bracket, inside a block text.
        ("# ghi chú\nward: Phường 1\n", {"ward": "Phường 1"}),
        ('ssid: "Cafe #2" # mạng tầng 2\n', {"ssid": "Cafe #2"}),
        ("name: {vi: A, en: B} # tên\n", {"name": {"vi": "A", "en": "B"}}),
        ("vi: |\n  Chùa đẹp #ditich\n", {"vi": "Chùa đẹp #ditich\n"}),
        # `#` glued to the word before it is not a comment at all.
        ("password: abc#12345\n", {"password": "abc#12345"}),
    ],
)
def test_notes_that_cut_nothing_are_notes(text: str, data: object) -> None:
    assert read(text) == data


@pytest.mark.parametrize(
    ("text", "line", "write"),
    [
        ("id: a\nnotes:\n  - Cần kiểm tra #1\n", 3, '`- "Cần kiểm tra #1"`'),
        ("id: a\nssid: #2\n", 2, '`ssid: "#2"`'),
        ("id: a\npassword: Abc2024  #khach\n", 2, '`password: "Abc2024  #khach"`'),
        ("tags: [Chùa #1\n  , Đình]\n", 1, '`"Chùa #1"`'),
        ("vi: Chùa đẹp\n  và cổ #ditich\n", 2, '`"Chùa đẹp và cổ #ditich"`'),
    ],
)
def test_a_hash_that_would_cut_a_value_is_refused(text: str, line: int, write: str) -> None:
    with pytest.raises(YamlSyntaxError) as caught:
        parse_yaml(text)
    assert caught.value.line == line
    assert caught.value.fix is not None and write in caught.value.fix


def test_a_hash_in_the_site_settings_is_refused_at_its_line(project: Project) -> None:
    path = project.root / "site_config/site.yaml"
    path.write_text(path.read_text("utf-8") + "contacts:\n  hotline: 0273 3873 184 #ext 12\n")
    assert problems(project) == [
        'site_config/site.yaml:8: YAML syntax error: "#" after a space starts a comment, so '
        'contacts.hotline is read as "0273 3873 184" and "#ext 12" is dropped — put the whole '
        'value in double quotes: `hotline: "0273 3873 184 #ext 12"`; if "#ext 12" is a note, '
        "put it on a line of its own"
    ]


def test_every_sample_file_reads_as_it_is() -> None:
    folders = ("heritage", "content", "site_config")
    files = [path for folder in folders for path in (REPO / folder).rglob("*.y*ml")]
    assert len(files) > 30
    for path in files:
        parse_yaml(path.read_text("utf-8-sig"))  # raises on a slip


@pytest.mark.parametrize("fixture", [f for f in FIXTURES if f.endswith((".yaml", ".yml"))])
def test_both_readers_agree(fixture: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast path (libyaml's events) and the pure-Python one give the same data, the same
    escapes, or the same message."""

    def outcome() -> object:
        try:
            text = (CORPUS / fixture).read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            return "not UTF-8"
        try:
            document = parse_yaml(text)
        except YamlSyntaxError as error:
            return (error.line, error.message, error.fix)
        return (document.data, document.lines, document.problems, document.escaped)

    fast = outcome()
    monkeypatch.setattr(yaml_source, "_FAST", None)
    assert outcome() == fast


# -- spaces inside quotes, escapes, curly quotes --------------------------------------------

WIFI = """\
id: wifi-a
name: {vi: Wifi A}
coordinates: {lat: 10.361, lon: 106.381}
serves: {relic: chua-a}
security: wpa2
"""


def test_a_network_name_and_password_keep_their_spaces(project: Project) -> None:
    """An SSID or a passphrase is compared byte for byte: "Cafe Free " is another network.
    Other texts lose the spaces around them, which no page would show anyway."""
    project.relic("chua-a", extra='featured: true\n')
    path = project.root / "heritage/relics/chua-a.yaml"
    path.write_text(path.read_text("utf-8").replace('"Chùa 1"', '"  Chùa 1  "'), "utf-8")
    project.write(
        "content/wifi/wifi-a.yaml",
        WIFI + 'ssid: "Cafe Free "\npassword: " matkhau123 "\npassword_public: true\n',
    )
    catalog = load_catalog(project.root)
    assert (catalog.wifi[0].ssid, catalog.wifi[0].password) == ("Cafe Free ", " matkhau123 ")
    assert catalog.relics[0].name["vi"] == "Chùa 1"


@pytest.mark.parametrize(
    ("field", "typed", "expected"),
    [
        (
            "ssid",
            '"Cafe\\nFree"',
            'ssid: "Cafe\\nFree" is in double quotes, where `\\n` is read as a line break — '
            "write it in single quotes, which keep a backslash as typed: `ssid: 'Cafe\\nFree'`, "
            "or write `\\\\` for each backslash",
        ),
        (
            "password",
            '"pass\\tword1"',
            'password: "pass\\tword1" is in double quotes, where `\\t` is read as a tab — '
            "write it in single quotes, which keep a backslash as typed: "
            "`password: 'pass\\tword1'`, "
            "or write `\\\\` for each backslash",
        ),
        (
            "ssid",
            "|\n  Cafe\n  Free",
            "ssid: a name or short value must fit on one line — write it on one line, without "
            "`|` or `>`",
        ),
    ],
)
def test_a_line_break_in_a_one_line_field_says_how_it_came(
    project: Project, field: str, typed: str, expected: str
) -> None:
    project.relic("chua-a")
    values = {"ssid": "Cafe", "password": "matkhau123"} | {field: typed}
    text = WIFI + "".join(f"{key}: {value}\n" for key, value in values.items())
    project.write("content/wifi/wifi-a.yaml", text)
    line = text.splitlines().index(next(s for s in text.splitlines() if s.startswith(field))) + 1
    assert problems(project) == [f"content/wifi/wifi-a.yaml:{line}: {expected}"]


def test_escapes_elsewhere(project: Project) -> None:
    """An organiser typed once names its escape; a multi-line text keeps `\\n` (`portal i18n
    import` writes translations so); a text per language gets the plain one-line message,
    since the import may have written it."""
    project.relic("chua-a", extra='history:\n  - {period: "1849", text: {vi: "Dòng 1\\nDòng 2"}}\n')
    project.write(
        "content/events/le-hoi.yaml",
        """\
        id: le-hoi
        name: {vi: "Lễ\\nhội"}
        start: 2026-12-27 18:00
        end: 2026-12-28 22:00
        venue: {relic: chua-a}
        summary: {vi: Lễ hội.}
        description: {vi: "Dòng 1\\nDòng 2"}
        organiser: "Hội\\nNông dân"
        """,
    )
    assert problems(project) == [
        "content/events/le-hoi.yaml:2: name.vi: a name or short value must fit on one line — "
        "write it on one line, without `|` or `>`",
        'content/events/le-hoi.yaml:8: organiser.vi: "Hội\\nNông dân" is in double quotes, '
        "where `\\n` is read as a line break — write it in single quotes, which keep a "
        "backslash as typed: `organiser: 'Hội\\nNông dân'`, or write `\\\\` for each backslash",
    ]


def test_typographic_quotes_inside_a_text_are_kept(project: Project) -> None:
    project.relic(
        "chua-a",
        extra="history:\n  - period: thế kỷ 19\n    text: {vi: Gọi là “chùa Bà” và “chùa Ông”}\n",
    )
    relic = load_catalog(project.root).relics[0]
    assert relic.history[0].text["vi"] == "Gọi là “chùa Bà” và “chùa Ông”"


# -- years ----------------------------------------------------------------------------------


def test_placeholder_years_are_refused_everywhere_a_date_is(project: Project) -> None:
    project.relic("chua-a", extra="designation: {level: national, date: 0001-01-01}\n")
    project.write(
        "content/events/le-hoi.yaml",
        """\
        id: le-hoi
        name: {vi: Lễ hội}
        start: 2026-12-27 18:00
        end: 2026-12-28 22:00
        venue: {relic: chua-a}
        summary: {vi: Lễ hội.}
        description: {vi: Mô tả.}
        programme:
          - {start: 1799-12-31 23:59, title: {vi: Khai mạc}}
        recurrence: yearly
        next: {start: 2027-12-27 18:00, end: 2201-01-01 00:00}
        """,
    )
    found = problems(project)
    assert [issue.split(": ", 2)[:2] for issue in found] == [
        ["content/events/le-hoi.yaml:9", "programme[0].start"],
        ["content/events/le-hoi.yaml:11", "next.end"],
        ["heritage/relics/chua-a.yaml:9", "designation.date"],
    ]
    assert all("outside the years 1800 to 2200" in issue for issue in found)


# -- a designation left out -----------------------------------------------------------------


def test_a_designation_left_out_reads_as_not_confirmed(project: Project, tmp_path: Path) -> None:
    project.relic("chua-a")  # no designation: not known
    project.relic("chua-b", n=2, extra="designation: {level: none}\n")
    catalog = load_catalog(project.root)
    inputs = Inputs.prepare(project.root, catalog, tmp_path / "work")
    inputs.today = dt.date(2026, 11, 21)
    pages = {page.path: page.text for page in inputs.renderer("en").pages()}
    unknown, unranked = pages["relics/chua-a.md"], pages["relics/chua-b.md"]
    assert "Ranking not yet confirmed" in unknown and "Not ranked" not in unknown
    assert "Not ranked" in unranked and "not yet confirmed" not in unranked
