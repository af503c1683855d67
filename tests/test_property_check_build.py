"""Property tests (Hypothesis): `portal check` passing means `portal build` succeeds, and a
text field receives exactly the characters the editor typed, however YAML would read them.

Records of every kind are generated with random valid and invalid values, written in the
scalar spellings editors use (plain, quoted, block) and in other encodings. Either check
refuses them with editors' messages (file, line >= 1, message, fix; never a traceback), or
every stage after it runs.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import textwrap
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from build_tools.assemble.pipeline import Inputs, build_site
from build_tools.load.issues import ContentError, Issue
from build_tools.load.project import load_catalog
from tests.conftest import Project

# Letters editors type, and every character YAML gives a meaning to.
ALPHABET = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứự"
    "ỳỷỹýỵAĂÂĐÊÔƠƯ0123456789 .,:;-_#&*!|>'\"%@`?[]{}()/\\=+~<>"
)
YAML_1_1_TRAPS = [
    "0763123456",
    "02733572117",
    "07:30",
    "19:30",
    "25.000",
    "no",
    "No",
    "yes",
    "on",
    "off",
    "1e3",
    "0x1F",
    "0o17",
    "2024-12-27",
    ".inf",
    "-.nan",
    "1_000",
    "+12",
    "012",
    "1:20:30",
    "true",
    "False",
    "y",
    "n",
    "=1+1",
    "00",
    "0.10",
    "Null island",
]

texts = (
    st.one_of(
        st.sampled_from(YAML_1_1_TRAPS),
        st.text(alphabet=ALPHABET, min_size=1, max_size=40),
    )
    .map(str.strip)
    .filter(bool)
)


def plain_is_text(text: str) -> bool:
    """Whether `text` written unquoted is, by YAML's syntax (not its typing), that text."""
    analysis = yaml.emitter.Emitter(None).analyze_scalar(text)  # type: ignore[no-untyped-call]
    return bool(analysis.allow_block_plain) and text not in ("~", "null", "Null", "NULL")


def mostly(
    valid: st.SearchStrategy[str], invalid: st.SearchStrategy[str]
) -> st.SearchStrategy[str]:
    """Valid 39 times in 40: with ~15 such fields, most projects pass check and get built."""
    return st.integers(0, 39).flatmap(lambda roll: invalid if roll == 0 else valid)


@st.composite
def spelled(draw: st.DrawFn, text: str) -> str:
    """`text` as an editor might write it in YAML: plain, quoted, or a block."""
    style = draw(st.sampled_from(["plain", "single", "double", "block"]))
    if style == "plain" and not plain_is_text(text) and draw(st.integers(0, 3)):
        style = "double"  # mostly the way an editor who was told to quote would write it
    if style == "plain":
        return text
    if style == "single":
        return "'" + text.replace("'", "''") + "'"
    if style == "double":
        return json.dumps(text, ensure_ascii=draw(st.booleans()))
    return "|-\n" + textwrap.indent(text, "      ")


def _block(value: str, indent: int) -> str:
    # Block scalars must start on their own line; re-indent for the key's depth.
    if value.startswith("|-\n"):
        body = textwrap.dedent(value[3:])
        return "|-\n" + textwrap.indent(body, " " * (indent + 2))
    return value


lats = mostly(
    st.floats(min_value=8.5, max_value=23, allow_nan=False).map(lambda f: f"{f:.5f}"),
    st.sampled_from(["10,36", "abc", "", "1e1", "95", "-10.2", "10.36.1", "106.4"]),
)
lons = mostly(
    st.floats(min_value=102.5, max_value=109.4, allow_nan=False).map(lambda f: f"{f:.5f}"),
    st.sampled_from(["106,38", "abc", "", "200", "10.36"]),
)
prices = mostly(
    st.integers(0, 5_000_000).map(str),
    st.sampled_from(["25.000", "120k", "120.000đ", "-5", "abc"]),
)
moments = mostly(
    st.sampled_from(
        [
            "2026-12-27 18:00",
            "2026-12-27T18:00",
            "2026-12-27 18:00+07:00",
            "2026-12-27 18:00:30",
            "2026-12-27T11:00Z",
        ]
    ),
    st.sampled_from(
        [
            "27/12/2026 18:00",
            "2026-12-27",
            "2026-12-27 18:00 GMT+7",
            "2026-02-30 10:00",
            "19:30",
            "2026-12-26 08:00",
        ]
    ),
)


@st.composite
def relic_yaml(draw: st.DrawFn) -> tuple[str, str]:
    name = draw(texts)
    address = draw(texts)
    doc = f"""\
id: chua-a
name:
  vi: {_block(draw(spelled(name)), 2)}
category: {draw(mostly(st.sampled_from(["pagoda", "museum"]), st.sampled_from(["chùa", "x"])))}
address: {_block(draw(spelled(address)), 0)}
ward: {_block(draw(spelled(draw(texts))), 0)}
coordinates:
  lat: {draw(lats)}
  lon: {draw(lons)}
summary: {{vi: {json.dumps(draw(texts), ensure_ascii=False)}}}
description:
  vi: {_block(draw(spelled(draw(texts))), 2)}
featured: {draw(mostly(st.sampled_from(["true", "no", "1", "off"]), st.just("có")))}
"""
    return doc, address


@st.composite
def product_yaml(draw: st.DrawFn) -> str:
    return f"""\
id: keo
name: {{vi: {json.dumps(draw(texts), ensure_ascii=False)}}}
stars: {draw(mostly(st.sampled_from(["3", "4", "5"]), st.sampled_from(["6", "bốn"])))}
category: {draw(mostly(st.sampled_from(["food", "fruit"]), st.just("thủ công")))}
producer:
  name: {_block(draw(spelled(draw(texts))), 2)}
  commune: Tân Thạch
summary: {{vi: Kẹo.}}
description: {{vi: Mô tả.}}
price:
  min: {draw(prices)}
"""


@st.composite
def event_yaml(draw: st.DrawFn) -> str:
    return f"""\
id: le-hoi
name: {{vi: {json.dumps(draw(texts), ensure_ascii=False)}}}
start: {draw(moments)}
end: {draw(mostly(st.just("2026-12-28 22:00"), moments))}
venue: {{relic: {draw(mostly(st.just("chua-a"), st.just("chua-b")))}}}
summary: {{vi: Lễ hội.}}
description: {{vi: Mô tả.}}
organiser: {_block(draw(spelled(draw(texts))), 0)}
"""


@st.composite
def wifi_yaml(draw: st.DrawFn) -> tuple[str, str]:
    long_enough = st.text(alphabet=ALPHABET, min_size=8, max_size=30).map(str.strip)
    password = draw(mostly(long_enough.filter(lambda t: len(t) >= 8), texts))
    security = draw(st.sampled_from(["open", "wpa2", "wpa3"]))
    with_password = draw(mostly(st.just(security != "open"), st.just(security == "open")))
    doc = f"""\
id: wifi-a
name: {{vi: Wifi A}}
coordinates: {{lat: 10.361, lon: 106.381}}
serves: {{relic: chua-a}}
ssid: {_block(draw(spelled(draw(texts))), 0)}
security: {security}
password_public: {draw(st.sampled_from(["true", "false"])) if with_password else "false"}
"""
    if with_password:
        doc += f"password: {_block(draw(spelled(password)), 0)}\n"
    return doc, password


@st.composite
def projects(draw: st.DrawFn) -> dict[str, object]:
    relic, address = draw(relic_yaml())
    wifi, password = draw(wifi_yaml())
    encoding = draw(mostly(st.sampled_from(["utf-8", "utf-8-sig"]), st.just("utf-16")))
    return {
        "heritage/relics/chua-a.yaml": relic,
        "content/products/keo.yaml": draw(product_yaml()),
        "content/events/le-hoi.yaml": draw(event_yaml()),
        "content/wifi/wifi-a.yaml": wifi,
        "encoding": encoding,
        "address": address,
        "password": password,
    }


def _write(root: Path, files: dict[str, object]) -> None:
    encoding = str(files["encoding"])
    for rel, text in files.items():
        if "/" not in rel:
            continue
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        # One file in another encoding: check must name it, never crash.
        chosen = encoding if rel.startswith("content/events") else "utf-8"
        path.write_bytes(str(text).encode(chosen))


def _assert_editor_messages(issues: list[Issue]) -> None:
    assert issues
    for issue in issues:
        assert issue.line >= 1 and issue.message and issue.fix, issue
        assert "Traceback" not in str(issue) and "internal error" not in str(issue)


def slow(examples: int) -> settings:
    # Derandomized: the same examples on every run, so CI never fails by chance.
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        derandomize=True,
        database=None,
    )


@slow(150)
@given(files=projects())
def test_check_then_every_stage_agrees(files: dict[str, object]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project = Project(Path(tmp) / "p")
        _write(project.root, files)
        try:
            catalog = load_catalog(project.root)
        except ContentError as error:
            _assert_editor_messages(error.issues)
            event("refused by check: " + error.issues[0].message[:25])
            return
        event("passed check")
        # What the editor typed arrives exactly (ends trimmed, as documented), unless its
        # plain spelling is YAML syntax (a `#` comment, a leading quote…).
        relic_text = (project.root / "heritage/relics/chua-a.yaml").read_text("utf-8")
        address = str(files["address"])
        if f"address: {address}\n" not in relic_text or plain_is_text(address):
            assert catalog.relics[0].address == address
        password = str(files["password"])
        wifi_text = (project.root / "content/wifi/wifi-a.yaml").read_text("utf-8")
        if catalog.wifi[0].password is not None and (
            f"password: {password}\n" not in wifi_text or plain_is_text(password)
        ):
            assert catalog.wifi[0].password == password
        import datetime as dt

        inputs = Inputs.prepare(project.root, catalog, Path(tmp) / "work")
        inputs.today = dt.date(2026, 11, 21)
        for lang in catalog.site.codes:
            assert inputs.renderer(lang).pages()


@slow(6)
@given(files=projects())
def test_check_passing_means_the_full_build_succeeds(files: dict[str, object]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project = Project(Path(tmp) / "p")
        _write(project.root, files)
        try:
            load_catalog(project.root)
        except ContentError as error:
            _assert_editor_messages(error.issues)
            event("refused by check")
            return
        event("built")
        report = build_site(project.root, Path(tmp) / "site", work=Path(tmp) / "work")
        assert (Path(tmp) / "site" / "vi" / "relics" / "chua-a" / "index.html").is_file()
        assert report.pages_per_language > 10
        shutil.rmtree(Path(tmp) / "site")


@pytest.mark.parametrize("typed", YAML_1_1_TRAPS)
def test_text_fields_keep_what_yaml_1_1_would_mangle(project: Project, typed: str) -> None:
    project.relic("chua-a")
    project.write(
        "content/wifi/wifi-a.yaml",
        f"""\
        id: wifi-a
        name: {{vi: Wifi A}}
        coordinates: {{lat: 10.361, lon: 106.381}}
        serves: {{relic: chua-a}}
        ssid: {typed}
        security: open
        hours: {{vi: {typed}}}
    """,
    )
    catalog = load_catalog(project.root)
    assert catalog.wifi[0].ssid == typed
    assert catalog.wifi[0].hours == {"vi": typed}
