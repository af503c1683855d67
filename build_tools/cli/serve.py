"""`portal serve`: build, serve site/ on 127.0.0.1, rebuild when sources change."""

from __future__ import annotations

import functools
import http.server
import threading
import time
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from build_tools.assemble.mkdocs_run import MkDocsError
from build_tools.assemble.pipeline import build_site
from build_tools.load.issues import ContentError

WATCHED = ("content", "heritage", "site_config", "mkdocs.yml")


class _Changes(FileSystemEventHandler):
    def __init__(self) -> None:
        self.changed = threading.Event()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("created", "modified", "deleted", "moved"):
            self.changed.set()


def _rebuild(root: Path, out: Path, jobs: int | None) -> None:
    try:
        report = build_site(root, out, jobs=jobs, preview=True)  # with /admin/
        print(f"built in {report.seconds['total']:.1f} s", flush=True)
    except ContentError as error:
        for issue in error.issues:
            print(issue, flush=True)
        print(
            "Not rebuilt: fix the problems above; the last good site is still served.", flush=True
        )
    except MkDocsError as error:
        print(error, flush=True)


def serve(root: Path, out: Path, port: int, jobs: int | None) -> int:
    out = out.resolve()
    _rebuild(root, out, jobs)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Serving http://127.0.0.1:{port}/ — Ctrl+C to stop", flush=True)

    changes = _Changes()
    observer = Observer()
    for name in WATCHED:
        path = root / name
        if path.exists():
            observer.schedule(changes, str(path), recursive=path.is_dir())
    observer.start()
    try:
        while True:
            changes.changed.wait()
            time.sleep(0.3)  # let an editor finish writing
            changes.changed.clear()
            print("change seen, rebuilding…", flush=True)
            _rebuild(root, out, jobs)
    except KeyboardInterrupt:
        return 0
    finally:
        observer.stop()
        server.shutdown()
