"""Every photo and audio guide of the catalog, prepared for the site (variants, durations)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import mutagen

from build_tools.assets.images import MEDIA_URL, ImageStats, Photo, process
from build_tools.model.catalog import Catalog
from build_tools.model.kinds import KINDS

AUDIO_TYPES = {".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".ogg": "audio/ogg", ".oga": "audio/ogg"}


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
    def files(self) -> dict[str, bytes]:
        return self.stats.files


def build_media(root: Path, catalog: Catalog, cache: Path) -> MediaLibrary:
    library = MediaLibrary()
    for kind in KINDS:
        if kind.media_folder is None or kind.media_field is None:
            continue
        for record in getattr(catalog, kind.collection):
            for item in getattr(record, kind.media_field):
                original = root / kind.media_folder / record.id / item.file
                stem = Path(item.file).stem
                library.photos[(kind.collection, record.id, item.file)] = process(
                    original,
                    f"{MEDIA_URL}/{kind.collection}/{record.id}/{stem}",
                    cache / "images",
                    library.stats,
                )
    for relic in catalog.relics:
        for lang, guide in relic.audio.items():
            original = root / "heritage/media" / relic.id / guide.file
            path = f"{MEDIA_URL}/relics/{relic.id}/{guide.file}"
            library.stats.files[path] = original.read_bytes()
            info = mutagen.File(original)
            seconds = float(info.info.length) if info is not None and info.info else None
            mime = AUDIO_TYPES.get(original.suffix.lower(), "audio/mpeg")
            library.audio[(relic.id, lang)] = AudioFile(path, mime, seconds)
    return library
