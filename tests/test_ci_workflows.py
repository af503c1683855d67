"""CI as written: what each workflow runs on which event, its asset caches, and the upload recipe.

GitHub Actions and GitLab CI cannot run here, so the workflow files are read as data: which
`portal` commands run on a pull request and on main (and that the CLI accepts them), where the
caches point and what their keys hash, and that a build given back only what the cache steps
keep re-encodes nothing. The object-storage upload script runs for real against a fake `rclone`
that records its arguments; those are read with rclone's filter rules (checked against the real
rclone when it is installed) to tell which file of a built site goes up when, with which
Content-Type and Cache-Control. Not tested: a real bucket, a real CDN, the CI services.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import stat
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from PIL import Image

from build_tools.assemble.pipeline import build_site
from build_tools.assets.media import AUDIO_TYPES
from build_tools.city_template import PROBLEM_MATCHER, upload_script
from build_tools.cli.main import main, parser
from build_tools.cms.admin import write_admin
from build_tools.load.issues import Issue
from build_tools.load.project import load_site
from tests.conftest import REPO, Project

VARIANTS = [("github", "pages"), ("github", "s3"), ("gitlab", "pages"), ("gitlab", "s3")]
WORKFLOW_FILE = {"github": ".github/workflows/publish.yml", "gitlab": ".gitlab-ci.yml"}
PORTAL = re.compile(r"\.venv/bin/portal\b([^\n#;&|]*)")


# --- the cities and their workflows -------------------------------------------------------


@pytest.fixture(scope="module")
def cities(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """One new city per CI system and host, as `portal init` writes them."""
    made = {}
    for ci, host in VARIANTS:
        root = tmp_path_factory.mktemp("cities") / f"{ci}-{host}"
        argv = ["init", str(root), "--city", "Hòa Thành", "--ci", ci, "--host", host]
        assert main(argv) == 0
        made[(ci, host)] = root
    return made


def workflow(root: Path, ci: str) -> dict[Any, Any]:
    data = yaml.safe_load((root / WORKFLOW_FILE[ci]).read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def github_workflows(cities: dict[tuple[str, str], Path]) -> dict[str, dict[Any, Any]]:
    found = {"tool": workflow(REPO, "github")}
    for (ci, host), root in cities.items():
        if ci == "github":
            found[f"city, {host}"] = workflow(root, ci)
    return found


def evaluate(condition: str | None, event: str) -> bool:
    """A step's `if:` on `event` ("main": a push or the morning run on main; "pr")."""
    if condition is None:
        return True
    atoms = {
        r"github\.event_name == 'pull_request'": str(event == "pr"),
        r"github\.ref == 'refs/heads/main'": str(event == "main"),
        r"steps\.\w+\.outputs\.cache-hit != 'true'": "True",  # a cache saved by an earlier run
        r"hashFiles\([^)]*\) != ''": "True",
    }
    text = condition
    for pattern, value in atoms.items():
        text = re.sub(pattern, value, text)
    text = text.replace("&&", " and ").replace("||", " or ")
    assert re.fullmatch(r"[\sA-Za-z()]*", text), f"unknown condition: {condition}"
    result = eval(text, {"__builtins__": {}})  # noqa: S307 — only True/False/and/or left
    assert isinstance(result, bool)
    return result


def portal_commands(script: str) -> list[list[str]]:
    return [shlex.split(found) for found in PORTAL.findall(script)]


def github_commands(data: dict[Any, Any], event: str) -> list[list[str]]:
    """The `portal` commands the build job runs on `event`, in order."""
    steps = data["jobs"]["build"]["steps"]
    return [
        command
        for step in steps
        if evaluate(step.get("if"), event)
        for command in portal_commands(str(step.get("run", "")))
    ]


def test_city_init_writes_the_chosen_ci_and_nothing_of_the_other(
    cities: dict[tuple[str, str], Path],
) -> None:
    for (ci, host), root in cities.items():
        other = WORKFLOW_FILE["gitlab" if ci == "github" else "github"]
        assert (root / WORKFLOW_FILE[ci]).is_file() and not (root / other).exists()
        readme = (root / "README.md").read_text("utf-8")
        assert f"`PORTAL_TOOL` trong\n`{WORKFLOW_FILE[ci]}`" in readme
        assert f"`PORTAL_TOOL` in\n`{WORKFLOW_FILE[ci]}`" in readme
        if host == "s3":  # secrets go in the host's settings, named as the script reads them
            for name in ("S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY", "S3_BUCKET", "S3_ENDPOINT"):
                assert readme.count(name) == 2, name  # Vietnamese and English
            assert "Source: GitHub Actions" not in readme
        ignored = (root / ".gitignore").read_text("utf-8").split()
        assert ("/public/" in ignored) == (ci == "gitlab")  # GitLab Pages' build folder
        if ci == "gitlab":
            assert "Pipeline schedules" in readme and "Use separate caches" in readme


def test_init_refuses_an_unknown_ci_or_host(tmp_path: Path) -> None:
    for flag in (["--ci", "gitea"], ["--host", "ftp"]):
        with pytest.raises(SystemExit):
            main(["init", str(tmp_path / "x"), "--city", "Hòa Thành", *flag])
    assert not (tmp_path / "x").exists()


def test_every_portal_command_in_a_workflow_exists_with_its_flags(
    cities: dict[tuple[str, str], Path],
) -> None:
    scripts = [(REPO / WORKFLOW_FILE["github"]).read_text("utf-8")]
    scripts += [(root / WORKFLOW_FILE[ci]).read_text("utf-8") for (ci, _), root in cities.items()]
    seen = set()
    for script in scripts:
        for command in portal_commands(script):
            args = parser().parse_args(command)  # exits (fails the test) on a wrong flag
            seen.add(args.command)
    assert seen == {"check", "build"}


@pytest.mark.parametrize("event", ["main", "pr"])
def test_github_runs_check_on_pull_requests_and_one_build(
    cities: dict[tuple[str, str], Path], event: str
) -> None:
    for name, data in github_workflows(cities).items():
        assert data[True]["push"] == {"branches": ["main"]}, name  # YAML 1.1 reads `on` as True
        assert "pull_request" in data[True] and "schedule" in data[True], name
        commands = github_commands(data, event)
        # main loads and validates the records once: `portal build` checks them first.
        expected = [["check"], ["build"]] if event == "pr" else [["build"]]
        assert commands == expected, name


def cache_steps(data: dict[Any, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    steps = data["jobs"]["build"]["steps"]
    restore = [s for s in steps if str(s.get("uses", "")).startswith("actions/cache/restore@")]
    save = [s for s in steps if str(s.get("uses", "")).startswith("actions/cache/save@")]
    return restore, save


def test_github_caches_photos_and_other_assets_keyed_by_their_inputs(
    cities: dict[tuple[str, str], Path],
) -> None:
    for name, data in github_workflows(cities).items():
        steps = data["jobs"]["build"]["steps"]
        restore, save = cache_steps(data)
        paths = {s["id"]: s["with"]["path"].split() for s in restore}
        assert paths == {
            "photos": ["build/cache/images"],
            "assets": ["build/cache", "!build/cache/images"],
        }, name
        tool = ".github/workflows/publish.yml"
        if name == "tool":  # the tool's own source is its version
            tool = "pyproject.toml', 'build_tools/**"
        inputs = {
            "photos": "hashFiles('heritage/media/**', 'content/media/**')",
            "assets": "hashFiles('heritage/**', 'content/**', 'site_config/**')",
        }
        for step in restore:
            key, prefix = step["with"]["key"], step["with"]["restore-keys"]
            assert inputs[step["id"]] in key and f"hashFiles('{tool}')" in key, (name, key)
            # A partly changed catalogue restores the newest cache of the same kind.
            assert key.startswith(prefix) and "hashFiles" not in prefix, (name, key)
            assert step.get("if") is None  # pull requests restore too
        # Saved on main only, after the build, under the key restored with, same paths.
        build = next(i for i, s in enumerate(steps) if "portal build" in str(s.get("run")))
        assert [s["with"]["path"] for s in save] == [s["with"]["path"] for s in restore]
        for step, restored in zip(save, restore, strict=True):
            assert steps.index(step) > build > steps.index(restored)
            primary = f"${{{{ steps.{restored['id']}.outputs.cache-primary-key }}}}"
            assert step["with"]["key"] == primary
            assert evaluate(step["if"], "main") and not evaluate(step["if"], "pr")


def test_github_pages_deploys_from_main_only(cities: dict[tuple[str, str], Path]) -> None:
    for name, data in github_workflows(cities).items():
        steps = data["jobs"]["build"]["steps"]
        if name == "city, s3":
            assert "deploy" not in data["jobs"]
            upload = next(s for s in steps if s.get("name") == "Upload to object storage")
            assert evaluate(upload["if"], "main") and not evaluate(upload["if"], "pr")
            assert upload["run"].rstrip("\n") == upload_script()
            for secret in ("S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"):
                assert upload["env"][secret] == f"${{{{ secrets.{secret} }}}}"
            continue
        deploy = data["jobs"]["deploy"]
        assert deploy["if"] == "github.ref == 'refs/heads/main'"
        assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
        artifact = next(s for s in steps if "upload-pages-artifact" in str(s.get("uses")))
        assert artifact["with"]["path"] == "site" and not evaluate(artifact["if"], "pr")


def test_gitlab_checks_merge_requests_and_publishes_the_default_branch(
    cities: dict[tuple[str, str], Path],
) -> None:
    for host in ("pages", "s3"):
        data = workflow(cities[("gitlab", host)], "gitlab")
        assert [r["if"] for r in data["workflow"]["rules"]] == [
            '$CI_PIPELINE_SOURCE == "merge_request_event"',
            "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH",
        ]
        template = data[".portal"]
        cache = template["cache"]
        # Keyed by the file holding the tool's version; the cache itself is content-addressed.
        assert cache["key"] == {"files": [".gitlab-ci.yml"], "prefix": "portal-assets"}
        assert cache["paths"] == ["build/cache/"] and cache["policy"] == "$CACHE_POLICY"
        assert data["variables"]["CACHE_POLICY"] == "pull"
        check = data["check"]
        assert check["extends"] == ".portal"
        assert check["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
        assert portal_commands("\n".join(check["script"])) == [["check"], ["build"]]
        publish = data["pages" if host == "pages" else "publish"]
        assert publish["extends"] == ".portal"
        assert publish["rules"] == [
            {
                "if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH",
                "variables": {"CACHE_POLICY": "pull-push"},
            }
        ]
        script = "\n".join(publish["script"])
        if host == "pages":
            assert portal_commands(script) == [["build", "--out", "public"]]
            assert publish["artifacts"] == {"paths": ["public"]}
            assert publish["variables"]["PORTAL_BASE_URL"] == "$CI_PAGES_URL"
        else:
            assert portal_commands(script) == [["build"]]
            assert publish["script"][-1].rstrip("\n") == upload_script()
            assert "S3_SECRET_ACCESS_KEY" not in json.dumps(data["variables"])


# --- the cache keeps what a build needs ----------------------------------------------------


def photo(path: Path, width: int, height: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (width, height), (200, 40, 30)).save(path, "JPEG", quality=85)


def restore(paths: list[str], source: Path, target: Path) -> None:
    """What actions/cache keeps: `paths` (with `!` exclusions) copied from `source`."""
    excluded = [source / p[1:] for p in paths if p.startswith("!")]
    for included in (source / p for p in paths if not p.startswith("!")):
        for file in included.rglob("*"):
            if file.is_file() and not any(file.is_relative_to(e) for e in excluded):
                copy = target / file.relative_to(source)
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(file, copy)


def test_a_run_given_back_the_cached_paths_encodes_nothing(tmp_path: Path) -> None:
    first = Project(tmp_path / "run1")
    first.relic("chua-a", extra="media:\n  - file: cong.jpg\n    alt: {vi: Cổng}\n")
    photo(first.root / "heritage/media/chua-a/cong.jpg", 2000, 1500)
    report = build_site(first.root, first.root / "site")
    assert report.images_encoded == 6 and report.share.drawn > 0
    # The next CI run: a fresh checkout, plus what the workflow's cache steps restore.
    second = tmp_path / "run2"
    for folder in ("heritage", "site_config"):  # this project has no content/
        shutil.copytree(first.root / folder, second / folder)
    restore_steps, _ = cache_steps(workflow(REPO, "github"))
    for step in restore_steps:
        restore(step["with"]["path"].split(), first.root, second)
    again = build_site(second, second / "site")
    assert again.images_encoded == 0 and again.share.drawn == 0
    assert again.share.reused == report.share.drawn + report.share.reused


# --- record problems, marked on their lines ------------------------------------------------


def annotated(output: str) -> list[tuple[str, int, str, str]]:
    pattern: dict[str, Any] = PROBLEM_MATCHER["problemMatcher"][0]["pattern"][0]
    found = []
    for line in output.splitlines():
        match = re.match(pattern["regexp"], line)
        if match:
            severity = match.group(pattern["severity"]) or "error"
            found.append(
                (
                    match[pattern["file"]],
                    int(match[pattern["line"]]),
                    severity,
                    match[pattern["message"]],
                )
            )
    return found


def test_problem_matcher_marks_errors_and_warnings_on_their_lines(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    project.relic("chua-a", extra="media:\n  - file: nho.jpg\n    alt: {vi: Ảnh nhỏ}\n")
    photo(project.root / "heritage/media/chua-a/nho.jpg", 640, 480)
    project.write("heritage/relics/chua-b.yaml", "id: chua-b\nname: {vi: Chùa B}\n")
    assert main(["check", "--root", str(project.root)]) == 1
    output = capsys.readouterr()
    found = annotated(output.err)
    assert ("heritage/relics/chua-a.yaml", 10, "warning") in {f[:3] for f in found}
    errors = [f for f in found if f[2] == "error"]
    assert errors and {f[0] for f in errors} == {"heritage/relics/chua-b.yaml"}
    assert all(" — " in f[3] for f in found)  # the message keeps its fix
    assert len(found) == sum(1 for line in output.err.splitlines() if ".yaml:" in line)
    # Other tools' output, and the summary line, are not record problems.
    noise = "tests/test_x.py:12: AssertionError\n1 error(s), 1 warning(s) in 2 file(s)."
    assert annotated(noise) == []
    issue = Issue("site_config/site.yaml", 3, "languages", "wrong", "fix it")
    message = str(issue).removeprefix("site_config/site.yaml:3: ")
    assert annotated(str(issue)) == [("site_config/site.yaml", 3, "error", message)]


# --- the upload to object storage ----------------------------------------------------------


@dataclass
class Upload:
    """One `rclone copy`: the files it selects and the headers it sets."""

    order: int
    filters: list[tuple[str, str]]
    headers: dict[str, str]
    flags: set[str] = field(default_factory=set)


def glob_regex(pattern: str) -> str:
    """rclone's filter glob as a regular expression (rclone's globToRegexp, the parts used)."""
    out = "^" if pattern.startswith("/") else "(^|/)"
    text, i, braces = pattern.lstrip("/"), 0, 0
    while i < len(text):
        char = text[i]
        if text.startswith("**", i):
            out, i = out + ".*", i + 2
            continue
        out += {"*": "[^/]*", "?": "[^/]", "{": "(", "}": ")"}.get(char, "")
        if char == "{":
            braces += 1
        elif char == "}":
            braces -= 1
        elif char == "," and braces:
            out += "|"
        elif char not in "*?{}":
            out += re.escape(char)
        i += 1
    return out + "$"


def selects(upload: Upload, path: str) -> bool:
    flags = re.IGNORECASE if "--ignore-case" in upload.flags else 0
    for sign, pattern in upload.filters:
        if re.search(glob_regex(pattern), path, flags):
            return sign == "+"
    return True  # rclone includes what no filter matches


def parse_call(argv: list[str], order: int) -> tuple[str, Upload]:
    command, rest = argv[0], argv[1:]
    upload, i = Upload(order, [], {}), 0
    positional = []
    while i < len(rest):
        arg = rest[i]
        if arg == "--filter":
            sign, _, pattern = rest[i + 1].partition(" ")
            upload.filters.append((sign, pattern))
            i += 2
        elif arg == "--header-upload":
            name, _, value = rest[i + 1].partition(": ")
            upload.headers[name] = value
            i += 2
        elif arg.startswith("-"):
            upload.flags.add(arg)
            i += 1
        else:
            positional.append(arg)
            i += 1
    if command in {"copy", "sync"}:
        assert positional[1] == "site:city-bucket", positional
    return command, upload


@pytest.fixture(scope="module")
def published(sample_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site, plus the web editor and a photo and audio of every published type."""
    site = tmp_path_factory.mktemp("published") / "site"
    shutil.copytree(sample_site, site)
    settings, _ = load_site(REPO)
    assert settings is not None
    write_admin(site, settings, local=True)
    media = site / "media/relics/chua-thu"
    media.mkdir(parents=True)
    for name in ("cong-480.webp", "cong-480.jpg"):  # the variants' formats
        (media / name).write_bytes(b"x")
    for suffix in AUDIO_TYPES:  # audio guides keep the editor's file name
        (media / f"vi{suffix}").write_bytes(b"x")
        (media / f"EN{suffix.upper()}").write_bytes(b"x")
    return site


def run_upload(site: Path, tmp: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """The script as the workflow runs it, with a fake `rclone` that records its arguments."""
    bin_dir = tmp / "bin"
    bin_dir.mkdir(exist_ok=True)
    fake = bin_dir / "rclone"
    fake.write_text(
        "#!/usr/bin/env python3\nimport json, os, sys\n"
        "with open(os.environ['RCLONE_LOG'], 'a') as log:\n"
        "    log.write(json.dumps(sys.argv[1:]) + '\\n')\n",
        "utf-8",
    )
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    script = tmp / "upload.sh"
    script.write_text(upload_script(), "utf-8")
    environment = {
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "RCLONE_LOG": str(tmp / "calls.jsonl"),
        **env,
    }
    return subprocess.run(
        ["bash", str(script), str(site)],
        env=environment,
        cwd=tmp,
        capture_output=True,
        text=True,
        check=False,
    )


SECRETS = {
    "S3_BUCKET": "city-bucket",
    "S3_ENDPOINT": "https://account.r2.cloudflarestorage.com",
    "S3_REGION": "auto",
    "S3_PROVIDER": "Cloudflare",
    "S3_ACCESS_KEY_ID": "key-id",
    "S3_SECRET_ACCESS_KEY": "secret",
}


@pytest.fixture(scope="module")
def calls(published: Path, tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, Upload]]:
    tmp = tmp_path_factory.mktemp("upload")
    result = run_upload(published, tmp, SECRETS)
    assert result.returncode == 0, result.stderr
    lines = (tmp / "calls.jsonl").read_text("utf-8").splitlines()
    return [parse_call(json.loads(line), n) for n, line in enumerate(lines)]


def site_files(site: Path) -> Iterator[str]:
    for path in sorted(site.rglob("*")):
        if path.is_file():
            yield path.relative_to(site).as_posix()


def uploads_of(calls: list[tuple[str, Upload]], site: Path) -> dict[str, list[Upload]]:
    copies = [upload for command, upload in calls if command == "copy"]
    return {path: [u for u in copies if selects(u, path)] for path in site_files(site)}


# The Content-Type each kind of file must have ("" for files without extension: licences).
TYPES = {
    "html": "text/html",
    "js": "text/javascript",
    "css": "text/css",
    "json": "application/json",
    "map": "application/json",
    "webmanifest": "application/manifest+json",
    "svg": "image/svg+xml",
    "png": "image/png",
    "jpg": "image/jpeg",
    "webp": "image/webp",
    "geojson": "application/geo+json",
    "ics": "text/calendar",
    "kml": "application/vnd.google-earth.kml+xml",
    "gpx": "application/gpx+xml",
    "csv": "text/csv",
    "xml": "application/xml",
    "txt": "text/plain",
    "": "text/plain",
    "gz": "application/gzip",  # gzipped sitemaps: stored and served compressed, no encoding
    "yml": "application/yaml",
    "woff2": "font/woff2",
    "mp3": "audio/mpeg",
    "m4a": "audio/mp4",
    "ogg": "audio/ogg",
    "oga": "audio/ogg",
}
HASHED = re.compile(r"(^|/)(share/[0-9a-f]{16,}|(bundle|search|main|palette)\.[0-9a-f]{8,}\.min)\.")


def expected_cache(path: str) -> str:
    if path.endswith(".html") or path in {"sw.js", "manifest.webmanifest"}:
        return "no-cache"
    if path.startswith("pwa/"):
        return "no-cache"  # the worker's lists: read with the worker, never older than it
    if HASHED.search(path):
        return "public, max-age=31536000, immutable"
    return "public, max-age=600"


def test_every_file_is_uploaded_once_with_its_type_and_cache_rule(
    calls: list[tuple[str, Upload]], published: Path
) -> None:
    assert calls[0][0] == "version"
    extensions = set()
    for path, uploads in uploads_of(calls, published).items():
        assert len(uploads) == 1, (path, uploads)  # nothing left for the final sync
        headers = uploads[0].headers
        name = path.rsplit("/", 1)[-1]
        extension = name.rsplit(".", 1)[1].lower() if "." in name else ""
        extensions.add(extension)
        assert extension in TYPES, f"{path}: a new kind of file; add a rule for it"
        content_type = headers["Content-Type"]
        assert content_type.split(";")[0] == TYPES[extension], path
        if content_type.startswith("text/") or extension == "js":
            assert content_type.endswith("; charset=utf-8"), path
        assert headers["Cache-Control"] == expected_cache(path), path
        assert set(headers) == {"Content-Type", "Cache-Control"}, path  # no Content-Encoding
    # The kinds the issue names are all in the built site, and so covered above.
    assert {"webmanifest", "json", "svg", "geojson", "ics", "kml", "gpx", "html"} <= extensions
    hashed = [p for p in site_files(published) if HASHED.search(p)]
    assert any(p.startswith("share/") for p in hashed) and any(".min.js" in p for p in hashed)


def test_pages_arrive_after_their_assets_and_the_worker_last(
    calls: list[tuple[str, Upload]], published: Path
) -> None:
    when = {path: uploads[0].order for path, uploads in uploads_of(calls, published).items()}
    pages = [when[p] for p in when if p.endswith(".html")]
    announce = [when[p] for p in ("sw.js", "manifest.webmanifest", "pwa/shell.json")]
    assets = [o for p, o in when.items() if not p.endswith(".html") and o not in announce]
    assert max(assets) < min(pages) and max(pages) < min(announce)
    assert when["404.html"] in pages  # the hosts' "not found" page goes up like any page


def test_deletions_come_last_and_compare_contents(calls: list[tuple[str, Upload]]) -> None:
    commands = [command for command, _ in calls]
    assert commands.count("sync") == 1 and commands[-1] == "sync"
    assert set(commands) == {"version", "copy", "sync"}
    sync = calls[-1][1]
    assert sync.filters == [] and "--delete-after" in sync.flags
    for command, upload in calls[1:]:
        # MD5 against the bucket, not times: a fresh checkout uploads only what changed.
        assert {"--checksum", "--no-update-modtime"} <= upload.flags, command
        if command == "copy":
            assert not {f for f in upload.flags if f.startswith("--delete")}
            assert upload.filters[-1] == ("-", "**")


def test_upload_stops_before_any_transfer_without_its_secrets(
    published: Path, tmp_path: Path
) -> None:
    settings = {k: v for k, v in SECRETS.items() if k != "S3_SECRET_ACCESS_KEY"}
    result = run_upload(published, tmp_path, settings)
    assert result.returncode != 0 and "S3_SECRET_ACCESS_KEY" in result.stderr
    assert not (tmp_path / "calls.jsonl").exists()


@pytest.mark.skipif(shutil.which("rclone") is None, reason="rclone is not installed")
def test_filter_reading_agrees_with_rclone(
    calls: list[tuple[str, Upload]], published: Path
) -> None:
    selected = uploads_of(calls, published)
    for command, upload in calls:
        if command != "copy":
            continue
        argv = ["rclone", "lsf", "-R", "--files-only", str(published)]
        if "--ignore-case" in upload.flags:
            argv.append("--ignore-case")
        for sign, pattern in upload.filters:
            argv += ["--filter", f"{sign} {pattern}"]
        listed = subprocess.run(argv, capture_output=True, text=True, check=True).stdout.split()
        ours = sorted(path for path, uploads in selected.items() if upload in uploads)
        assert sorted(listed) == ours, upload.filters[-2]
