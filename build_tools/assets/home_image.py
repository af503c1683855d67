"""The home page's photo (`home_image` in site.yaml): checked like record photos, made into the
same WebP and JPEG variants, read only from inside site_config/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from build_tools.assets.images import (
    MEDIA_URL,
    ImageStats,
    Photo,
    photo_problem,
    process,
    size_advice,
)
from build_tools.load.confine import OutsideFolder, inside
from build_tools.load.issues import Issue
from build_tools.load.yaml_source import YamlSyntaxError, parse_yaml
from build_tools.model.site import SiteConfig
from build_tools.resources import SITE_FILE

FOLDER = "site_config"
KEY = ("site", "home")  # MediaLibrary.photos key: (KEY[0], KEY[1], file)


def home_image_issues(root: Path, site: SiteConfig | None) -> Iterator[Issue]:
    """What `portal check` says about the photo: missing, outside site_config/, unreadable,
    too small or needlessly large."""
    if site is None or site.home_image is None:
        return
    name = site.home_image.file
    line = 1
    try:
        document = parse_yaml((root / SITE_FILE).read_text("utf-8"))
        line = document.line_of(("home_image", "file"))
    except (OSError, UnicodeDecodeError, YamlSyntaxError):
        pass  # reported by the settings' own check
    field = "home_image.file"
    fix = f"put the photo in {FOLDER}/ and write its name, like home.jpg"
    try:
        path = inside(root / FOLDER, name)
    except OutsideFolder as error:
        yield Issue(SITE_FILE, line, field, f'"{name}": {error}', fix)
        return
    if not path.is_file():
        yield Issue(SITE_FILE, line, field, f'"{name}" is not in {FOLDER}/', fix)
        return
    problem = photo_problem(path)
    if problem is not None:
        yield Issue(SITE_FILE, line, field, *problem)
        return
    advice = size_advice(path)
    if advice is not None:
        yield Issue(SITE_FILE, line, field, *advice, severity="warning")


def home_photo(root: Path, site: SiteConfig, cache: Path, stats: ImageStats) -> Photo | None:
    """The photo's variants under media/site/ (the check has refused any other path)."""
    if site.home_image is None:
        return None
    original = inside(root / FOLDER, site.home_image.file)
    return process(original, f"{MEDIA_URL}/site/{original.stem}", cache, stats)
