"""`portal serve`: build, serve site/ on 127.0.0.1, rebuild what each change touches."""

from __future__ import annotations

import functools
import http.server
import os
import threading
import time
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from build_tools.assemble.mkdocs_run import MkDocsError
from build_tools.assemble.preview import Preview
from build_tools.load.issues import ContentError

WATCHED = ("content", "heritage", "site_config", "mkdocs.yml")


class _Changes(FileSystemEventHandler):
    def __init__(self) -> None:
        self.changed = threading.Event()
        self._lock = threading.Lock()
        self._paths: set[Path] = set()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("created", "modified", "deleted", "moved"):
            with self._lock:
                for path in (event.src_path, getattr(event, "dest_path", "")):
                    if path:
                        self._paths.add(Path(os.fsdecode(path)))
            self.changed.set()

    def take(self) -> set[Path]:
        with self._lock:
            paths, self._paths = self._paths, set()
        self.changed.clear()
        return paths


def _rebuild(preview: Preview, paths: set[Path] | None) -> None:
    try:
        done = preview.full() if paths is None else preview.update(paths)
        if done.full:
            print(f"built in {done.seconds:.1f} s", flush=True)
        elif done.records == 0:
            print("nothing to show changed", flush=True)
        else:
            print(
                f"rebuilt {done.pages} page(s) for {done.records} changed record(s) "
                f"in {done.seconds:.1f} s",
                flush=True,
            )
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
    # Watching starts before the first build: an edit saved meanwhile is rebuilt after it.
    changes = _Changes()
    observer = Observer()
    for name in WATCHED:
        path = root / name
        if path.exists():
            observer.schedule(changes, str(path), recursive=path.is_dir())
    observer.start()
    preview = Preview(
        root, out, jobs or os.cpu_count() or 1, progress=lambda line: print(f"  {line}", flush=True)
    )
    server = None
    try:
        _rebuild(preview, None)
        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        print(f"Serving http://127.0.0.1:{port}/ — Ctrl+C to stop", flush=True)
        while True:
            changes.changed.wait()
            time.sleep(0.3)  # let an editor finish writing
            paths = changes.take()
            print("change seen, rebuilding…", flush=True)
            _rebuild(preview, paths)
    except KeyboardInterrupt:
        return 0
    finally:
        observer.stop()
        if server is not None:
            server.shutdown()
        preview.close()
