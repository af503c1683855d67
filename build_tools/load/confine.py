"""Paths from content stay inside their folder: one helper for every read and write.

A media `file:` is written by editors and must name a file inside that record's media
folder. `/proc/self/environ`, `../../.env` or a committed symlink pointing elsewhere would
otherwise publish the CI job's secrets or overwrite project files.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from build_tools.load.issues import Issue

CONTENT_FOLDERS = ("content", "heritage", "site_config")
TOP_FILES = ("mkdocs.yml",)  # the city's own files beside its folders
MAX_NAME_BYTES = 200


class OutsideFolder(ValueError):
    """A path that is not a plain name inside its folder; the message says why."""


def name_problem(name: str) -> str | None:
    """Why `name` is not a plain relative file name (or sub-path), or None when it is."""
    if not name or name.strip() != name:
        return "the file name is empty or has spaces around it"
    if "\\" in name:
        return "the file name contains a backslash"
    if "\x00" in name or any(ord(char) < 32 for char in name):
        return "the file name contains a control character"
    if name.startswith(("/", "~")) or re.match(r"^[A-Za-z]:", name):
        return "the file name is an absolute path"
    if "://" in name:
        return "the file name is a web address"
    parts = PurePosixPath(name).parts
    if any(part in ("..", ".") for part in name.split("/")) or not parts:
        return "the file name leads out of the media folder (`..`)"
    if any(part.startswith(".") for part in parts):
        return "the file name is a hidden file"
    if any(len(part.encode("utf-8")) > MAX_NAME_BYTES for part in parts):
        return (
            f"the file name is longer than {MAX_NAME_BYTES} bytes (the site adds sizes to it, "
            "and file systems stop at 255): shorten it"
        )
    return None


def inside(folder: Path, name: str) -> Path:
    """`folder/name`, after checking that it is a plain name that resolves (symlinks
    followed) inside `folder`; raises OutsideFolder otherwise. Used for reads and writes."""
    problem = name_problem(name)
    if problem is not None:
        raise OutsideFolder(problem)
    candidate = folder / name
    try:
        base = folder.resolve()
        resolved = candidate.resolve()
    except (RuntimeError, OSError) as error:  # a link to itself, a name the system refuses
        raise OutsideFolder(f"the file cannot be followed ({_reason(error)})") from error
    if resolved != base and base not in resolved.parents:
        raise OutsideFolder(f"the file is a link to {resolved}, outside {folder.name}/")
    return candidate


def write_inside(folder: Path, name: str, content: bytes) -> Path:
    """Write `content` to `folder/name`, refusing any name that would land elsewhere."""
    target = inside(folder, name)
    target.parent.mkdir(parents=True, exist_ok=True)
    inside(folder, name)  # the parents just made may not be links leading out either
    target.write_bytes(content)
    return target


def copy_inside(folder: Path, name: str, source: Path) -> Path:
    """Copy `source` to `folder/name`, with the same checks as `write_inside`."""
    import shutil

    target = inside(folder, name)
    target.parent.mkdir(parents=True, exist_ok=True)
    inside(folder, name)
    shutil.copyfile(source, target)
    return target


def _reason(error: BaseException) -> str:
    if isinstance(error, RuntimeError):
        return "it is a link that leads back to itself"
    if getattr(error, "errno", None) == 36:
        return "its name is too long"
    return str(error)


def escaping_links(root: Path) -> Iterator[Issue]:
    """Symlinks in the city's folders (or that are its folders, or its mkdocs.yml) that lead
    outside the project, to nothing, or round in a loop: they would be followed and
    published (theme overrides, vendored files, fonts, icons, media) or stop the build."""
    project = root.resolve()
    links = [root / name for name in (*CONTENT_FOLDERS, *TOP_FILES) if (root / name).is_symlink()]
    for top in CONTENT_FOLDERS:
        folder = root / top
        if not folder.is_dir() or folder.is_symlink():
            continue
        for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
            links += [Path(dirpath) / name for name in sorted(dirnames + filenames)
                      if (Path(dirpath) / name).is_symlink()]
    for path in links:
        shown = path.relative_to(root).as_posix()
        fix = "replace the link with a copy of the file, inside the project"
        try:
            target = path.resolve(strict=True)
        except (RuntimeError, OSError) as error:
            problem = (
                _reason(error) if isinstance(error, RuntimeError)
                else f"this is a link to {os.readlink(path)}, which does not exist"
            )
            yield Issue(shown, 1, "", problem, fix + ", or delete the link")
            continue
        if target == project or project in target.parents:
            continue
        problem = f"this is a link to {os.readlink(path)}, outside the project"
        yield Issue(shown, 1, "", problem, fix)
