"""Attacks and crash inputs that `portal check` must refuse with `path:line`, before any build.

Each case plants one payload in an otherwise valid project and asserts the exact problem
an editor (or a reviewer of a malicious pull request) reads; `portal build` then refuses
too, publishes nothing and prints no traceback.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from build_tools.load.issues import ContentError
from build_tools.load.project import load_catalog
from tests.conftest import Project
from tests.test_media import MP3_FRAME

AUDIO = """\
audio:
  vi:
    file: {file}
"""
PHOTO = """\
media:
  - file: {file}
    alt: {{vi: Ảnh}}
"""


def problems(project: Project) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_catalog(project.root)
    return [str(issue) for issue in caught.value.issues if issue.severity == "error"]


def _audio(file: str) -> Callable[[Project], None]:
    def plant(project: Project) -> None:
        project.relic("chua-a", extra=AUDIO.format(file=file))

    return plant


def _link_in_media(project: Project) -> None:
    project.relic("chua-a", extra=AUDIO.format(file="guide.mp3"))
    folder = project.root / "heritage/media/chua-a"
    folder.mkdir(parents=True)
    (folder / "guide.mp3").symlink_to("/etc/passwd")


def _link_to_parent(project: Project) -> None:
    # `..` through a committed symlink: the build would write outside site/.
    project.relic("chua-a", extra=AUDIO.format(file="up/x.mp3"))
    folder = project.root / "heritage/media/chua-a"
    folder.mkdir(parents=True)
    (folder / "up").symlink_to(project.root / "site_config")


def _photo_outside(project: Project) -> None:
    outside = project.root.parent / "secret.jpg"
    Image.new("RGB", (1600, 1200), "red").save(outside)
    project.relic("chua-a", extra=PHOTO.format(file="../../../../secret.jpg"))


def _vendor_link(project: Project) -> None:
    project.relic("chua-a")
    (project.root / "site_config/overrides/assets").mkdir(parents=True)
    (project.root / "site_config/overrides/assets/passwd.js").symlink_to("/etc/passwd")


def _override_link(project: Project) -> None:
    project.relic("chua-a")
    (project.root / "site_config/overrides").mkdir(parents=True)
    (project.root / "site_config/overrides/secrets").symlink_to(Path.home())


def _fake_mp3(project: Project) -> None:
    project.relic("chua-a", extra=AUDIO.format(file="guide.mp3"))
    path = project.root / "heritage/media/chua-a/guide.mp3"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"<html>not audio</html>" * 50)


def _id3_v25(project: Project) -> None:
    project.relic("chua-a", extra=AUDIO.format(file="guide.mp3"))
    path = project.root / "heritage/media/chua-a/guide.mp3"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"ID3\x05\x00\x00\x00\x00\x00\x10" + bytes(16) + MP3_FRAME * 20)


def _image_bomb(project: Project) -> None:
    project.relic("chua-a", extra=PHOTO.format(file="huge.png"))
    path = project.root / "heritage/media/chua-a/huge.png"
    path.parent.mkdir(parents=True)
    # 20,000 × 20,000 px of one colour: a 1 MB PNG that decodes to 1.2 GB.
    Image.new("1", (20_000, 20_000)).save(path, optimize=True)


def _truncated_jpeg(project: Project) -> None:
    project.relic("chua-a", extra=PHOTO.format(file="cut.jpg"))
    path = project.root / "heritage/media/chua-a/cut.jpg"
    path.parent.mkdir(parents=True)
    Image.linear_gradient("L").resize((1600, 1200)).convert("RGB").save(path, quality=90)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 3])


def _site_name_newline(project: Project) -> None:
    project.relic("chua-a")
    text = (project.root / "site_config/site.yaml").read_text("utf-8")
    (project.root / "site_config/site.yaml").write_text(
        text.replace(
            "site_name: {vi: Di sản thử, en: Test Heritage}",
            'site_name: {vi: "Di sản\\nthử", en: Test Heritage}',
        ),
        "utf-8",
    )


def _alias_bomb(project: Project) -> None:
    project.relic("chua-a")
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for index, name in enumerate("bcdefghi"):
        previous = "abcdefghi"[index]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    project.write("heritage/relics/chua-b.yaml", "\n".join(lines) + "\n")


def _deep_yaml(project: Project) -> None:
    project.relic("chua-a")
    project.write("heritage/relics/chua-b.yaml", "id: " + "[" * 5000 + "]" * 5000 + "\n")


def _huge_description(project: Project) -> None:
    project.relic("chua-a", extra="")
    path = project.root / "heritage/relics/chua-a.yaml"
    text = path.read_text("utf-8").replace(
        'description: {vi: "Mô tả 1.", en: "Description 1."}',
        'description: {vi: "' + "[" * 60_000 + '"}',
    )
    path.write_text(text, "utf-8")


def _link_loop(project: Project) -> None:
    project.relic("chua-a", extra=PHOTO.format(file="a.jpg"))
    folder = project.root / "heritage/media/chua-a"
    folder.mkdir(parents=True)
    (folder / "a.jpg").symlink_to("a.jpg")


def _dangling_override(project: Project) -> None:
    project.relic("chua-a")
    (project.root / "site_config/overrides/assets").mkdir(parents=True)
    (project.root / "site_config/overrides/assets/x.css").symlink_to("../../gone.css")


def _linked_mkdocs_yml(project: Project) -> None:
    project.relic("chua-a")
    outside = project.root.parent / "other.yml"
    outside.write_text("copyright: TOPSECRET\n", "utf-8")
    (project.root / "mkdocs.yml").symlink_to("../other.yml")


def _long_photo_name(project: Project) -> None:
    name = "a" * 250 + ".jpg"
    project.relic("chua-a", extra=PHOTO.format(file=name))


def _strip_image(project: Project) -> None:
    project.relic("chua-a", extra=PHOTO.format(file="thin.png"))
    path = project.root / "heritage/media/chua-a/thin.png"
    path.parent.mkdir(parents=True)
    Image.new("RGB", (4000, 4), "red").save(path)


def _catalog(body: str, encoding: str = "utf-8") -> Callable[[Project], None]:
    def plant(project: Project) -> None:
        project.relic("chua-a")
        path = project.root / "site_config/locales/en/LC_MESSAGES/messages.po"
        path.parent.mkdir(parents=True)
        header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        path.write_bytes((header + body).encode(encoding))

    return plant


def _city_mkdocs(text: str) -> Callable[[Project], None]:
    def plant(project: Project) -> None:
        project.relic("chua-a")
        project.write("mkdocs.yml", text)

    return plant


def _site_setting(new: str) -> Callable[[Project], None]:
    def plant(project: Project) -> None:
        project.relic("chua-a")
        path = project.root / "site_config/site.yaml"
        path.write_text(path.read_text("utf-8") + new, "utf-8")

    return plant


CASES: dict[str, tuple[Callable[[Project], None], str]] = {
    "catalog with a lone percent sign": (
        _catalog('msgid "About this site"\nmsgstr "About this site (100% checked)"\n'),
        'site_config/locales/en/LC_MESSAGES/messages.po:5: msgstr: "About this site (100% '
        'checked)" has a % that is not a placeholder — keep every %(name)s of the msgid as '
        "it is, and write a percent sign as %%",
    ),
    "catalog with a renamed placeholder": (
        _catalog('msgid "Download the heritage data of %(city)s"\n'
                 'msgstr "Download the heritage data of %(ville)s"\n'),
        'site_config/locales/en/LC_MESSAGES/messages.po:5: msgstr: "Download the heritage '
        'data of %(ville)s" uses %(ville)s, which the original text does not have — keep '
        "every %(name)s of the msgid as it is, and write a percent sign as %%",
    ),
    "catalog saved as UTF-16": (
        _catalog('msgid "Map"\nmsgstr "Map"\n', "utf-16"),
        "site_config/locales/en/LC_MESSAGES/messages.po:1: the catalog is not saved as UTF-8 "
        "— save it again as UTF-8 (Poedit and most editors can)",
    ),
    "mkdocs.yml hooks run code": (
        _city_mkdocs("hooks:\n  - evil.py\n"),
        "mkdocs.yml:1: hooks: `hooks` is not a setting a city can change (the tool sets it, "
        "or it would run code, read files or call other hosts) — remove it; a city's "
        "mkdocs.yml may set copyright, extra, extra_css, extra_javascript, "
        "markdown_extensions, theme, validation",
    ),
    "mkdocs.yml reads the environment": (
        _city_mkdocs("copyright: !ENV [GITHUB_TOKEN]\n"),
        "mkdocs.yml:1: the tag !ENV is not allowed here (it could read the machine's "
        "environment or files) — write the value itself",
    ),
    "mkdocs.yml alias bomb": (
        _city_mkdocs("extra:\n  a: &a [x, x, x]\n  b: [*a, *a]\n"),
        "mkdocs.yml:2: YAML anchors and aliases (`&name`, `*name`) are not allowed here — "
        "write each value out in full",
    ),
    "mkdocs.yml remote script": (
        _city_mkdocs("extra_javascript:\n  - https://evil.example/x.js\n"),
        "mkdocs.yml:1: extra_javascript: 'https://evil.example/x.js' is not a file of the "
        "site (a path like assets/stylesheets/city.css) — put the file in "
        "site_config/overrides/assets/ and write its path there; scripts and styles from "
        "other hosts are not allowed",
    ),
    "unknown time zone": (
        _site_setting("timezone: Mars/Olympus_Mons\n"),
        "site_config/site.yaml:7: timezone: unknown time zone 'Mars/Olympus_Mons' — write a "
        "time zone name like Asia/Ho_Chi_Minh (Vietnam's)",
    ),
    "tile servers by subdomain": (
        _site_setting("map:\n  tiles: 'https://{s}.tile.example.org/{z}/{x}/{y}.png'\n"),
        "site_config/site.yaml:8: map.tiles: the tile server's name changes "
        "({{s}}.tile.example.org): the site allows one fixed host for tiles (its "
        "Content-Security-Policy names it) — write one of the servers, e.g. tile.example.org",
    ),
    "symlink loop": (
        _link_loop,
        "heritage/media/chua-a/a.jpg:1: it is a link that leads back to itself — replace the "
        "link with a copy of the file, inside the project, or delete the link",
    ),
    "dangling symlink in overrides": (
        _dangling_override,
        "site_config/overrides/assets/x.css:1: this is a link to ../../gone.css, which does "
        "not exist — replace the link with a copy of the file, inside the project, or delete "
        "the link",
    ),
    "mkdocs.yml linked from outside": (
        _linked_mkdocs_yml,
        "mkdocs.yml:1: this is a link to ../other.yml, outside the project — replace "
        "the link with a copy of the file, inside the project",
    ),
    "photo name too long": (
        _long_photo_name,
        f'heritage/relics/chua-a.yaml:10: media[0].file: "{"a" * 80}": the file name is '
        "longer than 200 bytes (the site adds sizes to it, and file systems stop at 255): "
        "shorten it — write only the file's name, like cong-tam-quan.jpg, and put the file in "
        "this record's media folder",
    ),
    "a strip of an image": (
        _strip_image,
        "heritage/relics/chua-a.yaml:10: media[0].file: the image is 4000×4 px: a strip, not "
        "a photo — crop or export it at least 16 px on each side, no more than 20 times as "
        "long as it is high",
    ),
    "audio from /proc": (
        _audio("/proc/self/environ"),
        'heritage/relics/chua-a.yaml:11: audio.vi.file: "/proc/self/environ": the file name is '
        "an absolute path — write only the file's name, like cong-tam-quan.jpg, and put the "
        "file in this record's media folder",
    ),
    "audio from /etc": (
        _audio("/etc/passwd"),
        'heritage/relics/chua-a.yaml:11: audio.vi.file: "/etc/passwd": the file name is an '
        "absolute path — write only the file's name, like cong-tam-quan.jpg, and put the file "
        "in this record's media folder",
    ),
    "audio with ..": (
        _audio("../../../.env"),
        'heritage/relics/chua-a.yaml:11: audio.vi.file: "../../../.env": the file name leads '
        "out of the media folder (`..`) — write only the file's name, like cong-tam-quan.jpg, "
        "and put the file in this record's media folder",
    ),
    "audio with a Windows path": (
        _audio('"C:\\\\Users\\\\x\\\\a.mp3"'),
        'heritage/relics/chua-a.yaml:11: audio.vi.file: "C:\\Users\\x\\a.mp3": the file name '
        "contains a backslash — write only the file's name, like cong-tam-quan.jpg, and put "
        "the file in this record's media folder",
    ),
    "symlink in a media folder": (
        _link_in_media,
        "heritage/media/chua-a/guide.mp3:1: this is a link to /etc/passwd, outside the "
        "project — replace the link with a copy of the file, inside the project",
    ),
    "symlink to a folder of the project": (
        _link_to_parent,
        'heritage/relics/chua-a.yaml:11: audio.vi.file: "up/x.mp3": the file is a link to '
        "{root}/site_config/x.mp3, outside chua-a/ — put the file itself in "
        "heritage/media/chua-a/ and write only its name",
    ),
    "photo outside the project": (
        _photo_outside,
        'heritage/relics/chua-a.yaml:10: media[0].file: "../../../../secret.jpg": the file '
        "name leads out of the media folder (`..`) — write only the file's name, like "
        "cong-tam-quan.jpg, and put the file in this record's media folder",
    ),
    "symlink in vendor": (
        _vendor_link,
        "site_config/overrides/assets/passwd.js:1: this is a link to /etc/passwd, outside the project — "
        "replace the link with a copy of the file, inside the project",
    ),
    "symlink in overrides": (
        _override_link,
        f"site_config/overrides/secrets:1: this is a link to {Path.home()}, outside the "
        "project — replace the link with a copy of the file, inside the project",
    ),
    "mp3 that is not audio": (
        _fake_mp3,
        "heritage/relics/chua-a.yaml:11: audio.vi.file: the file is not a readable MP3 "
        "recording (can't sync to MPEG frame) — export the recording again as MP3 (or "
        "M4A/Ogg) with an audio program",
    ),
    "unsupported ID3 version": (
        _id3_v25,
        "heritage/relics/chua-a.yaml:11: audio.vi.file: the file is not a readable MP3 "
        "recording ('{root}/heritage/media/chua-a/guide.mp3' ID3v2.5 not supported) — export "
        "the recording again as MP3 (or M4A/Ogg) with an audio program",
    ),
    "decompression bomb": (
        _image_bomb,
        "heritage/relics/chua-a.yaml:10: media[0].file: the image has 400 million pixels "
        "(20000×20000), more than the 60 million the site accepts — resize it to about "
        "4000 px on the long side before adding it",
    ),
    "truncated JPEG": (
        _truncated_jpeg,
        "heritage/relics/chua-a.yaml:10: media[0].file: the file is not a photo that can be "
        "read (it is cut off: an incomplete copy or download) — export it again as JPEG, PNG "
        "or WebP",
    ),
    "newline in site_name": (
        _site_name_newline,
        "site_config/site.yaml:1: site_name.vi: a name or short value must fit on one line — "
        "write it on one line, without `|` or `>`",
    ),
    "alias bomb": (
        _alias_bomb,
        "heritage/relics/chua-b.yaml:1: YAML syntax error: `&a` marks a part of the file for "
        "repeating (a YAML anchor) — remove `&a`; content files do not use anchors or aliases",
    ),
    "deeply nested YAML": (
        _deep_yaml,
        "heritage/relics/chua-b.yaml:1: YAML syntax error: the values are nested more than 12 "
        "levels deep — no record needs this; check the indentation and the brackets",
    ),
    "huge Markdown field": (
        _huge_description,
        "heritage/relics/chua-a.yaml:8: description.vi: the text has 60000 characters, more "
        "than the 50000 allowed — shorten it (a long article belongs on several pages)",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_check_refuses(project: Project, case: str) -> None:
    plant, expected = CASES[case]
    plant(project)
    started = time.perf_counter()
    found = problems(project)
    assert found == [expected.format(root=project.root)]
    # Every one of these is found by reading headers and text, not by building.
    assert time.perf_counter() - started < 60  # generous: catches a hang, not slowness


@pytest.mark.parametrize("case", ["audio from /proc", "symlink in vendor", "alias bomb"])
def test_build_refuses_without_traceback_and_publishes_nothing(project: Project, case: str) -> None:
    CASES[case][0](project)
    result = subprocess.run(
        [sys.executable, "-m", "build_tools.cli.main", "build", "--root", str(project.root)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert not (project.root / "site").exists()
    assert "PATH=" not in result.stdout + result.stderr


def test_alias_bomb_costs_no_memory(project: Project) -> None:
    """A billion-laughs file is refused at its first anchor: no expansion happens."""
    _alias_bomb(project)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    problems(project)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50_000  # KB


def test_confinement_helper_refuses_every_escape(tmp_path: Path) -> None:
    from build_tools.load.confine import OutsideFolder, inside, write_inside

    folder = tmp_path / "media"
    folder.mkdir()
    (folder / "out").symlink_to(tmp_path)
    for name in (
        "/etc/passwd",
        "../x",
        "a/../../x",
        "out/x",
        "~/.ssh/id_rsa",
        "C:/x",
        "a\\..\\x",
        ".env",
        "",
        "https://example.test/a.jpg",
    ):
        with pytest.raises(OutsideFolder):
            inside(folder, name)
        with pytest.raises(OutsideFolder):
            write_inside(folder, name, b"x")
    assert inside(folder, "sub/photo.jpg") == folder / "sub/photo.jpg"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["media"]
    assert not os.path.exists(tmp_path / "x")
