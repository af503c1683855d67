"""`portal init | check | build | serve | schema | new`: every command but init takes --root DIR."""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from build_tools.load.issues import ContentError, Issue

# What a refused command did not do, said after the count of problems (check never publishes).
NOT_DONE = {
    "build": " Nothing was published.",
    "merge": " Nothing was published.",
    "signage": " No board was drawn.",
}


def _print_issues(issues: list[Issue], command: str = "") -> None:
    for issue in issues:
        print(issue, file=sys.stderr)
    errors = sum(1 for issue in issues if issue.severity == "error")
    files = len({issue.path for issue in issues})
    warnings = len(issues) - errors
    not_done = NOT_DONE.get(command, "")
    print(
        f"\n{errors} error(s), {warnings} warning(s) in {files} file(s).{not_done}", file=sys.stderr
    )


def needs_city_root(args: argparse.Namespace) -> bool:
    """Every command but `init` (and the tool developers' `i18n extract`) reads a city root."""
    if args.command == "init":
        return False
    return not (args.command == "i18n" and args.action == "extract")


def not_a_city_root(root: Path, command: str) -> str:
    """One line: why `command` refuses to run in `root`, and the three ways out."""
    from build_tools.resources import SITE_FILE

    found = next((p for p in root.parents if (p / SITE_FILE).is_file()), None)
    if found is not None:
        fix = f"cd {found} (the city root above this folder), or add --root {found}"
    else:
        fix = (
            "cd to the folder holding site_config/, or add --root DIR, or start a new city "
            'with `portal init DIR --city "…"`'
        )
    return f"portal {command}: {root} is not a city root (no {SITE_FILE}) — {fix}; nothing was done"


def cmd_check(args: argparse.Namespace) -> int:
    from build_tools.load.project import load_catalog

    catalog = load_catalog(args.root, tuple(args.require_lang))
    for warning in catalog.warnings:
        print(warning, file=sys.stderr)
    counts = ", ".join(f"{n} {kind}" for kind, n in catalog.counts.items())
    print(f"OK: {counts}; languages {', '.join(catalog.site.codes)}.")
    return 0


def _progress(line: str) -> None:
    print(f"  {line}", file=sys.stderr, flush=True)


def cmd_build(args: argparse.Namespace) -> int:
    from build_tools.assemble.pipeline import build_site
    from build_tools.assemble.shards import build_shard

    out = args.out or args.root / "site"
    if args.shard:
        languages = tuple(code.strip() for code in args.shard.split(",") if code.strip())
        report = build_shard(args.root, out, languages, jobs=args.jobs, progress=_progress)
        print(
            f"Built the shard {', '.join(report.languages)} ({report.pages_per_language} "
            f"pages each) into {report.out} in {report.seconds['total']:.1f} s; "
            "`portal merge` makes the site of all shards."
        )
        return 0
    report = build_site(args.root, out, jobs=args.jobs, progress=_progress)
    print(
        f"Built {report.pages_per_language} pages × {len(report.languages)} languages "
        f"({', '.join(report.languages)}) into {report.out} in {report.seconds['total']:.1f} s."
    )
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    from build_tools.assemble.shards import merge_shards

    out = args.out or args.root / "site"
    report = merge_shards(args.root, args.shards, out, jobs=args.jobs)
    print(
        f"Merged {len(args.shards)} shard(s) ({', '.join(report.languages)}) into "
        f"{report.out} in {report.seconds['total']:.1f} s."
    )
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from build_tools.cli.serve import serve

    return serve(args.root, args.out or args.root / "site", args.port, args.jobs)


def cmd_schema(args: argparse.Namespace) -> int:
    from build_tools.model.schema import write_schemas

    for path in write_schemas(args.root):
        print(f"wrote {path}")
    return 0


def cmd_signage(args: argparse.Namespace) -> int:
    import time

    from build_tools.assets.signage import render_signage
    from build_tools.load.project import load_catalog

    started = time.perf_counter()
    out = args.out or args.root / "signage"
    from build_tools.assets.fonts import ShapingUnavailable
    from build_tools.cli.codes import pin_codes

    catalog = load_catalog(args.root)
    try:
        report = render_signage(args.root, catalog, out)
    except ShapingUnavailable as error:
        print(f"portal signage: {error}", file=sys.stderr)
        return 1
    # What is printed is permanent: pin the codes so no later record can change them.
    pin_codes(args.root, catalog)
    versions = sorted(set(report.qr_versions.values()))
    print(
        f"{report.rendered} board(s) drawn, {report.reused} unchanged, in "
        f"{time.perf_counter() - started:.1f} s; QR versions {versions}; files in {out}"
    )
    if example_address(catalog.site.base_url):
        print(
            f"warning: the boards' QR codes lead to {catalog.site.base_url}, an example address "
            "— set base_url in site_config/site.yaml (or PORTAL_BASE_URL) to the published "
            "address and draw them again before printing",
            file=sys.stderr,
        )
    return 0


def example_address(url: str) -> bool:
    """Whether `url` is one of the names reserved for examples and tests (RFC 2606/6761):
    boards printed with it would lead nowhere."""
    from urllib.parse import urlsplit

    labels = (urlsplit(url).hostname or "").lower().split(".")
    return (
        labels[-1] in ("example", "test", "invalid", "localhost")
        or ".".join(labels[-2:]) in ("example.com", "example.net", "example.org")
        or labels[0] == "127"
    )


def cmd_codes(args: argparse.Namespace) -> int:
    from build_tools.cli.codes import run

    return run(args.root)


def cmd_i18n(args: argparse.Namespace) -> int:
    from build_tools.cli.i18n import run

    return run(args)


def cmd_cms(args: argparse.Namespace) -> int:
    from build_tools.cms.admin import VERSION, write_admin
    from build_tools.cms.config import editor_settings
    from build_tools.load.issues import ContentError
    from build_tools.load.project import load_site

    site, issues = load_site(args.root)
    if site is None:
        raise ContentError(issues)
    if site.cms is None and not args.local:
        print(
            "portal cms: site_config/site.yaml has no `cms:` section (git host, repository), "
            "so the editor could not sign in. Add one (README: Web editor), or try it with "
            "--local: files stay in this browser, nothing is published.",
            file=sys.stderr,
        )
        return 1
    out = args.out or args.root / "site"
    target = write_admin(out, site, local=args.local)
    backend = editor_settings(site, args.local).backend
    where = backend.get("repo", "this browser only")
    print(
        f"wrote {target} (Sveltia CMS {VERSION}, {backend['name']}: {where}); "
        f"open {target.name}/ on the site"
    )
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from build_tools.model.scaffold import ScaffoldError, new_record

    try:
        path = new_record(args.root, args.kind, args.name)
    except ScaffoldError as error:
        print(f"portal new: {error}", file=sys.stderr)
        return 1
    print(f"wrote {path.relative_to(args.root)} — fill it in, then run `portal check`")
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    from build_tools.cli.init import run

    return run(args)


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="portal", description="Build the heritage portal from its YAML records."
    )
    main.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    sub = main.add_subparsers(dest="command", required=True)

    def add(
        name: str, handler: Callable[[argparse.Namespace], int], help: str
    ) -> argparse.ArgumentParser:
        command = sub.add_parser(name, help=help, description=help)
        command.add_argument(
            "--root",
            type=Path,
            default=Path("."),
            help="city folder holding site_config/site.yaml, content/ and heritage/ "
            "(default: current folder)",
        )
        command.set_defaults(handler=handler)
        return command

    init = sub.add_parser(
        "init",
        help="write a new city root that checks and builds as is",
        description="Write a new city root into DIR: site settings, an about page, a README "
        "for staff, the CI workflow, VS Code schema settings and empty record folders. "
        "Never overwrites a file.",
    )
    init.add_argument("dir", type=Path, metavar="DIR", help="folder of the new city")
    init.add_argument(
        "--city", default=None, help='name of the city in the default language, e.g. "Hòa Thành"'
    )
    init.add_argument(
        "--languages",
        default="vi,en",
        help="language codes, the default first (default: vi,en), e.g. vi,en,km",
    )
    init.add_argument(
        "--base-url",
        default=None,
        help="public address of the site, e.g. https://disan.example.gov.vn/ "
        "(default: an example to replace)",
    )
    init.add_argument(
        "--ci",
        choices=["github", "gitlab"],
        default="github",
        help="where CI checks, builds and publishes: GitHub Actions (default) or GitLab CI/CD",
    )
    init.add_argument(
        "--host",
        choices=["pages", "s3"],
        default="pages",
        help="where the site is published: the git host's Pages (default), or S3-compatible "
        "object storage behind a CDN, for catalogues past a Pages size limit",
    )
    init.set_defaults(handler=cmd_init, root=Path("."))
    check = add("check", cmd_check, "validate every record and report every problem")
    check.add_argument(
        "--require-lang",
        action="append",
        default=[],
        metavar="LANG",
        help="treat missing translations in LANG as errors (repeatable)",
    )
    i18n = add(
        "i18n",
        cmd_i18n,
        "interface catalogs (extract, update, compile), translation coverage (status) and "
        "record texts to and from translators (export, import)",
    )
    i18n.add_argument(
        "action", choices=["extract", "update", "compile", "status", "export", "import"]
    )
    i18n.add_argument("file", nargs="?", type=Path, help="import: the PO file to write back")
    i18n.add_argument(
        "--package",
        action="store_true",
        help="update the tool's own catalogs (for the tool's developers)",
    )
    i18n.add_argument("--lang", help="export/import: the language, e.g. fr")
    i18n.add_argument(
        "--out", type=Path, default=None, help="export: PO file (default: translations/LANG.po)"
    )
    i18n.add_argument("--all", action="store_true", help="export: every text, translated or not")
    i18n.add_argument(
        "--include-machine",
        action="store_true",
        help="export: also machine translations, for a person to check",
    )
    i18n.add_argument(
        "--force", action="store_true", help="export: overwrite translations not imported yet"
    )
    i18n.add_argument(
        "--machine",
        action="store_true",
        help="import: the texts come from a machine engine; write them as LANG-x-mt",
    )
    for name, handler, help in (
        ("build", cmd_build, "check, then build the site (built aside, swapped in on success)"),
        ("serve", cmd_serve, "build, serve on 127.0.0.1 and rebuild when content changes"),
    ):
        command = add(name, handler, help)
        command.add_argument(
            "--out", type=Path, default=None, help="output folder (default: ROOT/site)"
        )
        command.add_argument("--jobs", type=int, default=None, help="parallel language builds")
        if name == "serve":
            command.add_argument("--port", type=int, default=8000)
        else:
            command.add_argument(
                "--shard",
                metavar="LANGS",
                help="build only these languages (e.g. vi,en) into --out, as one job of a "
                "sharded build; `portal merge` then makes the site",
            )
    merge = add(
        "merge",
        cmd_merge,
        "make the site from shards built with `portal build --shard` (every language once)",
    )
    merge.add_argument("shards", type=Path, nargs="+", help="the shards' output folders")
    merge.add_argument("--out", type=Path, default=None, help="output folder (default: ROOT/site)")
    merge.add_argument("--jobs", type=int, default=None, help="parallel processes")
    signage = add(
        "signage",
        cmd_signage,
        "draw print-ready boards (A4/A5, PNG and PDF at "
        "300 dpi) for relic sites and wifi points, and a contact sheet",
    )
    signage.add_argument("--out", type=Path, default=None, help="folder (default: ROOT/signage)")
    add("schema", cmd_schema, "write JSON Schemas of the record types to site_config/schema/")
    add(
        "codes",
        cmd_codes,
        "pin every record's QR short code in site_config/codes.yaml (signage does it too)",
    )
    cms = add(
        "cms",
        cmd_cms,
        "write the staff web editor (Sveltia CMS, configured from the record models) into "
        "OUT/admin/; portal build does it too when site.yaml has a cms: section",
    )
    cms.add_argument("--out", type=Path, default=None, help="site folder (default: ROOT/site)")
    cms.add_argument(
        "--local",
        action="store_true",
        help="browser-only test mode: no git host, files kept in the browser (for trying it)",
    )
    new = add("new", cmd_new, "write a new record skeleton with an id made from its name")
    new.add_argument("kind", choices=["relic", "product", "event", "wifi", "page"])
    new.add_argument(
        "name", help='name (title of a page) in the default language, e.g. "Chùa Long Hòa"'
    )
    return main


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    args.root = args.root.resolve()
    from build_tools.resources import SITE_FILE

    if needs_city_root(args) and not (args.root / SITE_FILE).is_file():
        print(not_a_city_root(args.root, args.command), file=sys.stderr)
        return 1
    try:
        return int(args.handler(args))
    except ContentError as error:
        _print_issues(error.issues, args.command)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # noqa: BLE001 — an internal error, not the editor's
        from build_tools.assemble.mkdocs_run import MkDocsError
        from build_tools.assemble.shards import ShardError

        if isinstance(error, ShardError) and not args.debug:
            print(f"portal: {error}", file=sys.stderr)
            return 1
        if args.debug:
            traceback.print_exc()
            if isinstance(error, MkDocsError):
                print(error.output, file=sys.stderr)
        elif isinstance(error, MkDocsError):
            print(f"portal: {error}\nThe previous site was left as it was.", file=sys.stderr)
        else:
            print(
                f"portal: internal error: {error!r} (run with --debug for details; "
                "the previous site was left as it was)",
                file=sys.stderr,
            )
        return 2


if __name__ == "__main__":
    sys.exit(main())
