"""Every photo and audio guide of the catalog, prepared for the site (variants, durations)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import mutagen

from build_tools.assets.home_image import KEY as HOME_KEY
from build_tools.assets.home_image import home_photo
from build_tools.assets.images import MEDIA_URL, ImageStats, Photo, process
from build_tools.load.confine import inside
from build_tools.model.catalog import Catalog
from build_tools.model.kinds import KINDS

AUDIO_TYPES = {".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".ogg": "audio/ogg", ".oga": "audio/ogg"}
# What mutagen must recognise for each extension: a player trusts the extension's type.
AUDIO_FORMATS = {
    ".mp3": ("MP3",),
    ".m4a": ("MP4",),
    ".ogg": ("OggVorbis", "OggOpus"),
    ".oga": ("OggVorbis", "OggOpus"),
}


def audio_problem(path: Path) -> tuple[str, str] | None:
    """(problem, fix) when `path` is not a playable MP3, M4A or Ogg recording."""
    fix = "export the recording again as MP3 (or M4A/Ogg) with an audio program"
    suffix = path.suffix.lower()
    if suffix not in AUDIO_TYPES:
        return f"{path.suffix or 'a file without extension'} is not an audio format we publish", fix
    try:
        info = mutagen.File(path)
    except (mutagen.MutagenError, OSError, ValueError, EOFError) as error:
        return f"the file is not a readable {suffix[1:].upper()} recording ({error})", fix
    if info is None or info.info is None:
        return f"the file is not a {suffix[1:].upper()} recording", fix
    if type(info).__name__ not in AUDIO_FORMATS[suffix]:
        return f"the file is {type(info).__name__} audio, not what {suffix} says", fix
    if not getattr(info.info, "length", 0):
        return "the recording has no length (empty or cut off)", fix
    return None


# What a browser leaves as it is in a URL's path: percent-encoding anything else the same
# way keeps one URL per file, so the offline worker's cache (which stores what it fetched)
# finds the file a page asks for.
_PATH_SAFE = "/!$&'()*+,;=:@[]|"


def media_href(path: str) -> str:
    """A site path (`media/relics/<id>/Cổng Chùa (1)-480.webp`) as it goes in an attribute:
    spaces, `#`, `%`, `?`, quotes and letters beyond ASCII percent-encoded (UTF-8).

    A raw space splits a `srcset` candidate, so browsers drop the whole srcset and show the
    smallest `src`; `#` and `?` would cut the path. Every media URL a page, a share tag or
    structured data carries goes through here; files keep their names on disk.
    """
    return quote(path, safe=_PATH_SAFE)


@dataclass(frozen=True)
class AudioFile:
    path: str  # under the site root
    mime: str
    seconds: float | None


@dataclass
class MediaLibrary:
    photos: dict[tuple[str, str, str], Photo] = field(default_factory=dict)  # kind, id, file
    audio: dict[tuple[str, str], AudioFile] = field(default_factory=dict)  # relic id, lang
    stats: ImageStats = field(default_factory=ImageStats)

    @property
    def files(self) -> dict[str, Path]:
        return self.stats.files


def build_media(
    root: Path,
    catalog: Catalog,
    cache: Path,
    previous: MediaLibrary | None = None,
    changed: Collection[tuple[str, str]] = (),
) -> MediaLibrary:
    """Photo variants and audio of every record. With `previous` (a preview rebuild), the
    records not in `changed` ((collection, id) pairs) keep what it found for them."""
    library = MediaLibrary()
    kept: dict[tuple[str, str], dict[str, Path]] = {}
    if previous is not None:
        for name, source in previous.stats.files.items():
            parts = name.split("/")  # media/<collection>/<id>/<file>
            kept.setdefault((parts[1], parts[2]), {})[name] = source

    def reused(collection: str, record_id: str) -> bool:
        if previous is None or (collection, record_id) in changed:
            return False
        library.stats.files.update(kept.get((collection, record_id), {}))
        return True

    for kind in KINDS:
        if kind.media_folder is None or kind.media_field is None:
            continue
        for record in getattr(catalog, kind.collection):
            if reused(kind.collection, record.id):
                for item in getattr(record, kind.media_field):
                    key = (kind.collection, record.id, item.file)
                    library.photos[key] = previous.photos[key]  # type: ignore[union-attr]
                continue
            for item in getattr(record, kind.media_field):
                original = inside(root / kind.media_folder / record.id, item.file)
                stem = Path(item.file).stem
                library.photos[(kind.collection, record.id, item.file)] = process(
                    original,
                    f"{MEDIA_URL}/{kind.collection}/{record.id}/{stem}",
                    cache / "images",
                    library.stats,
                )
    home = home_photo(root, catalog.site, cache / "images", library.stats)
    if home is not None and catalog.site.home_image is not None:
        library.photos[(*HOME_KEY, catalog.site.home_image.file)] = home
    for relic in catalog.relics:
        if previous is not None and ("relics", relic.id) not in changed:
            for lang in relic.audio:
                library.audio[(relic.id, lang)] = previous.audio[(relic.id, lang)]
            continue
        for lang, guide in relic.audio.items():
            original = inside(root / "heritage/media" / relic.id, guide.file)
            path = f"{MEDIA_URL}/relics/{relic.id}/{guide.file}"
            library.stats.files[path] = original
            info = mutagen.File(original)
            seconds = float(info.info.length) if info is not None and info.info else None
            mime = AUDIO_TYPES.get(original.suffix.lower(), "audio/mpeg")
            library.audio[(relic.id, lang)] = AudioFile(path, mime, seconds)
    return library
