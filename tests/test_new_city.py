"""A second city: `portal init`, `portal new` of each kind, check, build, nothing of the sample."""

from __future__ import annotations

import json
import re
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from babel import Locale

from build_tools.cli.main import main
from build_tools.load.issues import ContentError
from build_tools.load.project import load_catalog
from build_tools.model.kinds import KINDS
from tests.conftest import REPO
from tests.html_query import parse

# What `portal init` writes, and nothing else.
INIT_FILES = {
    ".github/workflows/publish.yml",
    ".gitignore",
    ".vscode/extensions.json",
    ".vscode/settings.json",
    "README.md",
    "content/events/.gitkeep",
    "content/media/.gitkeep",
    "content/pages/gioi-thieu.yaml",
    "content/products/.gitkeep",
    "content/wifi/.gitkeep",
    "heritage/media/.gitkeep",
    "heritage/relics/.gitkeep",
    "site_config/site.yaml",
    *(f"site_config/schema/{kind.schema_file}" for kind in KINDS),
    "site_config/schema/site.schema.json",
}
# One record of each kind, as `portal new` names them.
RECORDS = {
    "relic": ("Đình Long Thành", "heritage/relics/dinh-long-thanh.yaml"),
    "product": ("Bánh tráng phơi sương", "content/products/banh-trang-phoi-suong.yaml"),
    "event": ("Hội xuân 2027", "content/events/hoi-xuan-2027.yaml"),
    "wifi": ("Wifi công viên", "content/wifi/wifi-cong-vien.yaml"),
    "page": ("Thông tin hữu ích", "content/pages/thong-tin-huu-ich.yaml"),
}
# Strings that would mean the tool still carries the sample city.
CITY_SPECIFIC = re.compile(
    r"mỹ tho|my[ -]?tho|tiền giang|tien giang|tiengiang|\b10\.36|\b106\.36", re.IGNORECASE
)
# The sample's best-known relic, once the staff guide's example.
SAMPLE_RELIC = re.compile(r"vĩnh tràng", re.IGNORECASE)
# path relative to build_tools/ → why it may name the sample city. Keep it empty if at all possible.
ALLOWED: dict[str, str] = {}


def fill_in(path: Path, n: int) -> None:
    """What an editor does with a skeleton: real text for every placeholder, a point, dates."""
    text = path.read_text("utf-8").replace("Cần bổ sung", f"Nội dung thật {n}")
    text = text.replace("lat:\n", f"lat: 11.29{n}\n").replace("lon:\n", f"lon: 106.13{n}\n")
    text = text.replace("start:  #", "start: 2027-02-01 08:00  #")
    text = text.replace("end:\n", "end: 2027-02-01 17:00\n")
    path.write_text(text, "utf-8")


def files_under(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cities") / "hoa-thanh"
    argv = ["init", str(root), "--city", "Hòa Thành", "--languages", "vi,en,km"]
    assert main(argv) == 0
    assert files_under(root) == INIT_FILES
    assert main(["check", "--root", str(root)]) == 0, "a new city checks as is"
    for n, (kind, (name, rel)) in enumerate(RECORDS.items()):
        assert main(["new", kind, name, "--root", str(root)]) == 0
        fill_in(root / rel, n)
    assert main(["check", "--root", str(root)]) == 0
    assert main(["build", "--root", str(root)]) == 0
    return root


def test_city_root_holds_what_init_wrote_and_the_records(city: Path) -> None:
    made_by_build = {"site", "build"}
    sources = {rel for rel in files_under(city) if rel.split("/")[0] not in made_by_build}
    assert sources == INIT_FILES | {rel for _, rel in RECORDS.values()}
    assert {p.name for p in city.iterdir()} == {
        ".github",
        ".gitignore",
        ".vscode",
        "README.md",
        "content",
        "heritage",
        "site_config",
        *made_by_build,
    }


def test_every_record_of_the_new_city_is_published(city: Path) -> None:
    catalog = load_catalog(city)
    assert catalog.site.codes == ("vi", "en", "km")
    assert catalog.site.city == {"vi": "Hòa Thành"}
    assert {p.id for p in catalog.pages} == {"gioi-thieu", "thong-tin-huu-ich"}
    assert [r.id for r in catalog.relics] == ["dinh-long-thanh"]
    assert (city / "site/vi/relics/dinh-long-thanh/index.html").is_file()


def test_khmer_edition_is_built_in_khmer(city: Path) -> None:
    home = city / "site/km/index.html"
    assert home.is_file()
    pages = sorted((city / "site/km").rglob("index.html"))
    assert len(pages) > 5
    for page in pages:
        assert parse(page.read_text("utf-8")).find("html").attrs["lang"] == "km", page
    # The root chooser names each language in itself (Babel's CLDR names: km is "ខ្មែរ").
    chooser = parse((city / "site/index.html").read_text("utf-8"))
    links = {(a.attrs.get("lang"), a.text()) for a in chooser.find_all("a")}
    for code, name in (("vi", "Tiếng Việt"), ("en", "English"), ("km", "ខ្មែរ")):
        assert Locale.parse(code).get_display_name(code).lower() == name.lower()
        assert (code, name) in links


def test_about_page_is_written_in_the_languages_we_can_write(city: Path) -> None:
    about = yaml.safe_load((city / "content/pages/gioi-thieu.yaml").read_text("utf-8"))
    assert set(about["title"]) == set(about["body"]) == {"vi", "en"}  # km falls back
    assert "Đây là cổng thông tin di sản của Hòa Thành." in about["body"]["vi"]
    assert "This is the heritage portal of Hòa Thành." in about["body"]["en"]
    km = (city / "site/km/info/gioi-thieu/index.html").read_text("utf-8")
    assert "This is the heritage portal of Hòa Thành." in km


def test_nothing_of_the_sample_reaches_the_new_city(city: Path) -> None:
    # The sample's records (its free pages have generic ids like ours: gioi-thieu).
    sample_ids = {
        p.stem for kind in KINDS if kind.name != "page" for p in (REPO / kind.folder).glob("*.yaml")
    }
    assert sample_ids
    for path in (city / "site").rglob("*"):
        assert not sample_ids & set(path.relative_to(city).parts), path
        if path.suffix in {".html", ".json", ".xml", ".csv", ".js", ".webmanifest", ".txt"}:
            text = path.read_text("utf-8-sig")
            assert not re.search(r"mỹ tho|my tho|tiền giang", text, re.IGNORECASE), path
    for rel in INIT_FILES:
        assert not CITY_SPECIFIC.search((city / rel).read_text("utf-8")), rel


def test_names_in_other_languages_are_todo_comments_not_values(city: Path) -> None:
    text = (city / "site_config/site.yaml").read_text("utf-8")
    site = yaml.safe_load(text)
    assert site["site_name"] == {"vi": "Di sản Hòa Thành"}
    assert site["city"] == {"vi": "Hòa Thành"}
    assert text.count("  # TODO en:\n") == 2 and text.count("  # TODO km:\n") == 2
    assert [lang["name"] for lang in site["languages"]] == ["Tiếng Việt", "English", "ខ្មែរ"]
    assert site["timezone"] == "Asia/Ho_Chi_Minh"
    assert "# TODO: the real public address" in text


def test_readme_walks_staff_through_the_work(city: Path) -> None:
    readme = (city / "README.md").read_text("utf-8")
    vietnamese, english = readme.split("## English")
    assert "Thêm một bản ghi" in vietnamese and "Add a record" in english
    for half in (vietnamese, english):
        steps = (
            "pip install",
            "portal new relic",
            "portal new page",
            "portal check",
            "portal serve",
            "Settings → Pages",
            "PORTAL_TOOL",
        )
        assert [half.index(step) for step in steps] == sorted(half.index(s) for s in steps)
    assert "heritage/media/" in readme and "content/media/" in readme
    assert "Source: GitHub" in readme
    assert tool_requirement() in readme


def test_vs_code_validates_record_files_without_their_header(city: Path) -> None:
    settings = json.loads((city / ".vscode/settings.json").read_text("utf-8"))
    for kind in KINDS:
        schema = f"./site_config/schema/{kind.schema_file}"
        assert f"{kind.folder}/*.yaml" in settings["yaml.schemas"][schema]
        assert (city / schema).is_file()


def test_gitignore_keeps_generated_files_out(city: Path) -> None:
    ignored = (city / ".gitignore").read_text("utf-8").split()
    for entry in ("/site/", "/build/", "/signage/", ".venv/", "__pycache__/"):
        assert entry in ignored


def tool_requirement() -> str:
    meta = metadata.metadata("heritage-portal")
    source = next(
        url.split(",", 1)[1].strip()
        for url in meta.get_all("Project-URL") or []
        if url.startswith("Source,")
    )
    return f"heritage-portal @ git+{source}@v{meta['Version']}"


def steps_of(workflow: dict[str, object]) -> list[dict[str, object]]:
    jobs = workflow["jobs"]
    assert isinstance(jobs, dict)
    steps = jobs["build"]["steps"]
    assert isinstance(steps, list)
    return steps


# The workflows' steps, caches and deploys: tests/test_ci_workflows.py.


def test_city_workflow_installs_a_pinned_tool_from_one_line(city: Path) -> None:
    text = (city / ".github/workflows/publish.yml").read_text("utf-8")
    workflow = yaml.safe_load(text)
    assert workflow["env"]["PORTAL_TOOL"] == tool_requirement()
    assert re.search(r"@v\d+\.\d+\.\d+$", workflow["env"]["PORTAL_TOOL"])
    assert text.count(tool_requirement()) == 1  # upgrading edits this one line
    assert any('pip install -q "$PORTAL_TOOL"' in str(s.get("run")) for s in steps_of(workflow))
    assert "pip install -e" not in text


def test_the_tool_names_no_city() -> None:
    package = REPO / "build_tools"
    hits = []
    for path in sorted(package.rglob("*")):
        rel = path.relative_to(package).as_posix()
        if not path.is_file() or rel in ALLOWED or "__pycache__" in path.parts:
            continue
        try:
            text = path.read_text("utf-8")
        except UnicodeDecodeError:
            continue  # fonts and images
        for number, line in enumerate(text.splitlines(), 1):
            if CITY_SPECIFIC.search(line):
                hits.append(f"build_tools/{rel}:{number}: {line.strip()}")
    assert not hits, "the tool names a particular city:\n" + "\n".join(hits)


def test_init_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "city"
    root.mkdir()
    (root / "README.md").write_text("our own notes\n", "utf-8")
    (root / ".vscode").mkdir()
    (root / ".vscode/settings.json").write_text("{}\n", "utf-8")
    assert main(["init", str(root), "--city", "Hòa Thành"]) == 1
    err = capsys.readouterr().err
    assert "  .vscode/settings.json\n" in err and "nothing was changed" in err
    assert files_under(root) == {"README.md", ".vscode/settings.json"}
    assert (root / "README.md").read_text("utf-8") == "our own notes\n"
    (root / "README.md").unlink()
    (root / ".vscode/settings.json").unlink()
    # A second init over a whole city lists every file it would have written.
    assert main(["init", str(root), "--city", "Hòa Thành"]) == 0
    before = {rel: (root / rel).read_bytes() for rel in files_under(root)}
    assert main(["init", str(root), "--city", "Tân Châu"]) == 1
    err = capsys.readouterr().err
    assert "  site_config/site.yaml\n" in err and "  .gitignore\n" in err
    assert {rel: (root / rel).read_bytes() for rel in files_under(root)} == before


@pytest.mark.parametrize(
    "languages, message",
    [
        ("vi,xx", '"xx" is not a language code; write ISO 639-1 codes like vi, en, fr, zh, ko, km'),
        ("vi,kh", '"kh" is not a language code; write km'),
        ("vi,en,vi", "vi is listed twice in --languages"),
        ("km,vi", "the first language (km) is the default, and every text needs its version"),
        ("", "give at least one language code"),
    ],
)
def test_init_refuses_languages_it_cannot_publish(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], languages: str, message: str
) -> None:
    root = tmp_path / "city"
    assert main(["init", str(root), "--city", "Hòa Thành", "--languages", languages]) == 1
    err = capsys.readouterr().err
    assert err.startswith("portal init: ") and message in err, err
    assert "Traceback" not in err
    assert not root.exists()


def test_init_without_a_city_name_and_no_terminal_says_how(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["init", str(tmp_path / "city")]) == 1
    assert capsys.readouterr().err == 'portal init: give the city\'s name with --city "…"\n'
    assert not (tmp_path / "city").exists()


def test_init_asks_the_city_name_at_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: " Tân Châu ")
    assert main(["init", str(tmp_path / "city"), "--base-url", "https://disan.example.vn"]) == 0
    site = load_catalog(tmp_path / "city").site
    assert site.city == {"vi": "Tân Châu"} and site.codes == ("vi", "en")
    assert site.base_url == "https://disan.example.vn/"


def test_new_keys_texts_by_the_default_language(tmp_path: Path) -> None:
    english = tmp_path / "english-first"
    assert main(["init", str(english), "--city", "Hoa Thanh", "--languages", "en,vi"]) == 0
    khmer_too = tmp_path / "no-english"
    assert main(["init", str(khmer_too), "--city", "Hòa Thành", "--languages", "vi,km"]) == 0
    for root, lang in ((english, "en"), (khmer_too, "vi")):
        for n, (kind, (name, rel)) in enumerate(RECORDS.items()):
            assert main(["new", kind, name, "--root", str(root)]) == 0
            text = (root / rel).read_text("utf-8")
            keys = set(re.findall(r"^ +([a-z]{2}):", text, re.MULTILINE))
            assert keys == {lang}, (rel, keys)  # no English copy where English is not published
            fill_in(root / rel, n)
        catalog = load_catalog(root)
        assert len(catalog.pages) == 2 and catalog.site.default_language == lang
    assert (english / "content/pages/about.yaml").is_file()


def test_init_refuses_what_check_would_refuse(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "city"
    assert main(["init", str(root), "--city", "Hòa Thành", "--base-url", "disan hoa thanh"]) == 1
    err = capsys.readouterr().err
    assert "would not pass `portal check`" in err
    assert "site_config/site.yaml:" in err and "base_url: not a web address" in err
    assert not root.exists()


def test_init_in_a_fresh_clone_keeps_its_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # What a new GitHub repository holds once cloned: README.md, .gitignore, LICENSE, .git/.
    root = tmp_path / "hoa-thanh-heritage"
    (root / ".git").mkdir(parents=True)
    (root / ".git/HEAD").write_text("ref: refs/heads/main\n", "utf-8")
    readme = "# hoa-thanh-heritage\nDi sản Hòa Thành\n"
    (root / "README.md").write_text(readme, "utf-8")
    (root / ".gitignore").write_text(".venv/\n*.pyc\n/site/\n", "utf-8")
    (root / "LICENSE").write_text("MIT License\n", "utf-8")
    assert main(["init", str(root), "--city", "Hòa Thành"]) == 0
    out = capsys.readouterr().out
    assert "README.md (kept its lines; the staff guide added below them)" in out
    assert ".gitignore (kept its lines; added the" in out
    assert files_under(root) == INIT_FILES | {"LICENSE", ".git/HEAD"}
    assert (root / "LICENSE").read_text("utf-8") == "MIT License\n"
    assert (root / ".git/HEAD").read_text("utf-8") == "ref: refs/heads/main\n"
    text = (root / "README.md").read_text("utf-8")
    assert text.startswith(readme) and "portal new relic" in text
    ignored = (root / ".gitignore").read_text("utf-8").splitlines()
    assert ignored[:3] == [".venv/", "*.pyc", "/site/"]
    assert ignored.count("/site/") == 1 and ignored.count(".venv/") == 1
    assert "/build/" in ignored and "/signage/" in ignored
    assert main(["check", "--root", str(root)]) == 0


@pytest.mark.parametrize("command", [
    ["new", "relic", "Chùa Gò Kén"],
    ["schema"],
    ["serve", "--port", "8799"],
    ["check"],
    ["build"],
    ["signage"],
    ["codes"],
    ["i18n", "status"],
])
def test_commands_outside_a_city_root_refuse_and_write_nothing(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.chdir(empty)
    assert main(command) == 1
    err = capsys.readouterr().err
    assert err == (
        f"portal {command[0]}: {empty} is not a city root (no site_config/site.yaml) — cd to "
        "the folder holding site_config/, or add --root DIR, or start a new city with "
        '`portal init DIR --city "…"`; nothing was done\n'
    )
    assert not any(empty.iterdir())


def test_a_command_in_a_folder_of_a_city_names_its_root(
    city: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(city / "heritage/relics")
    before = files_under(city / "heritage")
    assert main(["new", "relic", "Chùa Gò Kén"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"portal new: {city / 'heritage/relics'} is not a city root")
    assert f"cd {city} (the city root above this folder), or add --root {city}" in err
    assert files_under(city / "heritage") == before


@pytest.mark.parametrize("languages, code", [("vi,en,khm", "km"), ("vi,eng", "en"),
                                             ("vie,en", "vi")])
def test_init_refuses_three_letter_codes_of_two_letter_languages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], languages: str, code: str
) -> None:
    root = tmp_path / "city"
    assert main(["init", str(root), "--city", "Hòa Thành", "--languages", languages]) == 1
    err = capsys.readouterr().err
    assert err.startswith("portal init: ") and err.rstrip().endswith(f"; write {code}"), err
    assert not root.exists()


SITE_HEAD = """\
site_name: {vi: Di sản Hòa Thành}
city: {vi: Hòa Thành}
base_url: https://example.test/
"""


def site_problems(root: Path, site_yaml: str) -> list[str]:
    (root / "site_config").mkdir(parents=True, exist_ok=True)
    (root / "site_config/site.yaml").write_text(SITE_HEAD + site_yaml, "utf-8")
    with pytest.raises(ContentError) as caught:
        load_catalog(root)
    return [str(issue) for issue in caught.value.issues]


def test_a_three_letter_code_in_site_yaml_names_the_two_letter_one(tmp_path: Path) -> None:
    found = site_problems(tmp_path, "languages:\n  - {code: vi, name: Tiếng Việt}\n"
                                    "  - {code: khm, name: ខ្មែរ}\n")
    assert found == [
        'site_config/site.yaml:6: languages[1].code: "khm" is not the code a page may carry for '
        "this language (BCP 47 takes its ISO 639-1 code) — write km"
    ]


def test_codes_babel_knows_stay_accepted(tmp_path: Path) -> None:
    # Three-letter codes of languages without a two-letter one, and region subtags.
    (tmp_path / "site_config").mkdir()
    (tmp_path / "site_config/site.yaml").write_text(
        SITE_HEAD + "languages:\n  - {code: vi, name: Tiếng Việt}\n"
        "  - {code: fil, name: Filipino}\n  - {code: yue, name: 粵語}\n"
        "  - {code: zh-TW, name: 中文（台灣）}\n",
        "utf-8",
    )
    assert load_catalog(tmp_path).site.codes == ("vi", "fil", "yue", "zh-TW")


@pytest.mark.parametrize("site_yaml, line, message", [
    # Written, but not among the languages: one error, at its own line.
    ("default_language: fr\nlanguages:\n  - {code: vi, name: Tiếng Việt}\n"
     "  - {code: km, name: ខ្មែរ}\n", 4,
     "default_language: default_language fr is not in languages — add it to languages or use "
     "one of vi, km"),
    # Not written: it is vi, which this site does not publish.
    ("languages:\n  - {code: lo, name: ລາວ}\n  - {code: km, name: ខ្មែរ}\n", 4,
     "default_language: default_language vi is not in languages (without a default_language "
     "line, it is vi) — add it to languages or use one of lo, km"),
])
def test_an_unlisted_default_language_is_the_one_error(
    tmp_path: Path, site_yaml: str, line: int, message: str
) -> None:
    found = site_problems(tmp_path, site_yaml)
    assert found == [f"site_config/site.yaml:{line}: {message}"]  # no "the fr text is missing"


def test_staff_guide_and_schemas_name_no_other_city(city: Path) -> None:
    guides = sorted((city / "site").glob("*/staff/guide/index.html"))
    assert len(guides) == 3
    for path in [*guides, *(city / "site_config/schema").glob("*.json")]:
        text = path.read_text("utf-8")
        assert not CITY_SPECIFIC.search(text), path
        assert not SAMPLE_RELIC.search(text), path
    vi = (city / "site/vi/staff/guide/index.html").read_text("utf-8")
    assert re.search(r"portal new relic (&quot;|&#34;|\")Tên di tích", vi)


def test_a_language_without_interface_strings_is_a_warning(
    city: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--root", str(city)]) == 0
    err = capsys.readouterr().err
    lines = (city / "site_config/site.yaml").read_text("utf-8").splitlines()
    line = lines.index("  - code: km") + 1
    assert err.splitlines() == [
        f"site_config/site.yaml:{line}: warning: languages: km has no interface catalog: the menus, "
        "buttons and notes of the km pages are in English — run `portal i18n update`, then "
        "translate site_config/locales/km/LC_MESSAGES/messages.po"
    ]
    assert "Nothing was published" not in err


def test_a_catalog_of_the_city_silences_the_warning(tmp_path: Path) -> None:
    root = tmp_path / "city"
    assert main(["init", str(root), "--city", "Hòa Thành", "--languages", "vi,km"]) == 0
    assert [w.field for w in load_catalog(root).warnings] == ["languages"]
    po = root / "site_config/locales/km/LC_MESSAGES/messages.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n"Language: km\\n"\n', "utf-8")
    assert load_catalog(root).warnings == ()


def test_check_does_not_say_nothing_was_published(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "city"
    assert main(["init", str(root), "--city", "Hòa Thành"]) == 0
    assert main(["new", "relic", "Đình Long Thành", "--root", str(root)]) == 0
    capsys.readouterr()
    assert main(["check", "--root", str(root)]) == 1
    check = capsys.readouterr().err
    assert check.rstrip().endswith("file(s).") and "Nothing was published" not in check
    assert main(["build", "--root", str(root)]) == 1
    assert capsys.readouterr().err.rstrip().endswith("Nothing was published.")


def test_home_screen_name_is_cut_between_words(city: Path) -> None:
    manifest = json.loads((city / "site/manifest.webmanifest").read_text("utf-8"))
    assert manifest["name"] == "Di sản Hòa Thành"
    assert manifest["short_name"] == "Hòa Thành"  # not "Di sản Hòa T"


def test_new_relic_leaves_the_english_name_to_translate(city: Path) -> None:
    rel = RECORDS["relic"][1]
    text = (city / rel).read_text("utf-8")
    assert set(re.findall(r"^ +([a-z]{2}):", text, re.MULTILINE)) == {"vi"}
    # So the English name counts as missing, like every other kind's.
    with pytest.raises(ContentError) as caught:
        load_catalog(city, ("en",))
    fields = {(issue.path, issue.field) for issue in caught.value.issues}
    assert (rel, "name") in fields
