"""Photos become upright, metadata-free WebP/JPEG variants, cached; audio guides have transcripts."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from PIL import ExifTags, Image

from build_tools.assemble.pipeline import build_site
from build_tools.load.issues import ContentError
from build_tools.load.project import load_catalog
from tests.conftest import Project, serve_directory
from tests.html_query import parse

# One MPEG-1 Layer III frame header (128 kbit/s, 44.1 kHz): 417-byte frames of silence.
MP3_FRAME = bytes.fromhex("fffb9064") + bytes(413)


def camera_photo(path: Path, width: int = 6000, height: int = 4000) -> None:
    """A 24-megapixel photo as a phone stores it: sideways pixels, orientation tag, GPS."""
    image = Image.new("RGB", (width, height), (200, 40, 30))
    # A bright block at the top-left of the stored pixels: after rotating for orientation 6
    # (90° clockwise) it must be at the top-right.
    image.paste((250, 250, 250), (0, 0, width // 4, height // 4))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Artist] = "Owner Name"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (10.0, 21.0, 43.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (106.0, 23.0, 15.0)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", quality=90, exif=exif)


MEDIA = """\
media:
  - file: cong.jpg
    alt: {vi: Cổng tam quan, en: The three-entrance gate}
    caption: {vi: Cổng chùa nhìn từ đường Nguyễn Trung Trực, en: The gate from the street}
    credit: Trung tâm Văn hóa
    licence: CC BY 4.0
audio:
  vi:
    file: thuyet-minh.mp3
    transcript: {vi: "Chào mừng quý khách đến **chùa**.", en: "Welcome to the **pagoda**."}
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, Path, object, Path]:
    base = tmp_path_factory.mktemp("media")
    project = Project(base / "project")
    project.relic("chua-a", extra=MEDIA)
    camera_photo(project.root / "heritage/media/chua-a/cong.jpg")
    (project.root / "heritage/media/chua-a/thuyet-minh.mp3").write_bytes(MP3_FRAME * 383)
    out = base / "site"
    report = build_site(project.root, out, work=base / "work")
    return project, out, report, base


def test_variants_are_upright_and_carry_no_metadata(built: tuple[Project, Path, object, Path]) -> None:
    _, out, report, _ = built
    variants = sorted((out / "media/relics/chua-a").glob("cong-*"))
    assert [p.name for p in variants] == [
        "cong-1600.jpg", "cong-1600.webp", "cong-480.jpg", "cong-480.webp",
        "cong-960.jpg", "cong-960.webp",
    ]
    assert report.images_encoded == 6  # type: ignore[attr-defined]
    for path in variants:
        with Image.open(path) as image:
            width = int(re.search(r"-(\d+)\.", path.name).group(1))  # type: ignore[union-attr]
            assert image.size == (width, width * 3 // 2)  # portrait: 4000×6000 upright
            assert not image.getexif(), path  # no GPS, no camera owner, no orientation
            assert "exif" not in image.info
            rgb = image.convert("RGB")
            assert rgb.getpixel((image.width - 5, 5))[1] > 200  # the bright block: top-right
            assert rgb.getpixel((5, 5))[1] < 100


def test_page_uses_srcset_sizes_and_no_layout_shift(built: tuple[Project, Path, object, Path]) -> None:
    _, out, _, _ = built
    page = (out / "en/relics/chua-a/index.html").read_text("utf-8")
    tree = parse(page)
    [img] = [i for i in tree.find_all("img") if i.attrs.get("src", "").endswith("cong-480.jpg")]
    expected = {"width": "1600", "height": "2400", "loading": "lazy",
                "alt": "The three-entrance gate"}
    assert {name: img.attrs.get(name) for name in expected} == expected
    assert img.attrs.get("sizes") and img.attrs.get("srcset")
    sources = [e.attrs.get("src", "") for e in tree.iter()]
    sources += [c.split()[0] for e in tree.iter() for c in e.attrs.get("srcset", "").split(",")
                if c.strip()]
    sources = [source for source in sources if "/media/" in source]
    assert len(sources) > 3  # the image, its variants and the audio
    for source in sources:
        assert (out / "en/relics/chua-a" / source).resolve().is_file(), source
    assert tree.find_all("source", type="image/webp")
    assert "The gate from the street" in page and "Trung tâm Văn hóa" in page and "CC BY 4.0" in page


def test_second_build_encodes_nothing(built: tuple[Project, Path, object, Path]) -> None:
    project, out, _, base = built
    again = build_site(project.root, out, work=base / "work")
    assert again.images_encoded == 0


def test_audio_player_has_duration_and_transcript(built: tuple[Project, Path, object, Path]) -> None:
    _, out, _, _ = built
    page = (out / "en/relics/chua-a/index.html").read_text("utf-8")
    tree = parse(page)
    audio = tree.find("audio", preload="none")
    assert "controls" in audio.attrs and audio.attrs["src"].endswith("thuyet-minh.mp3")
    assert tree.find("a", href="#transcript-vi").text() == "Transcript"
    assert "pagoda" in [s.text() for s in tree.find(id="transcript-vi").find_all("strong")]
    assert "0:10" in page  # 383 frames × 1152 samples / 44.1 kHz
    assert (out / "media/relics/chua-a/thuyet-minh.mp3").is_file()


def test_register_counts_photos_and_audio(built: tuple[Project, Path, object, Path]) -> None:
    _, out, _, _ = built
    page = parse((out / "en/staff/digitization/index.html").read_text("utf-8"))
    [row] = [tr for tr in page.find_all("tr") if tr.find_all("a") and
             tr.find_all("a")[0].text() == "Chùa 1"]
    cells = [td.text() for td in row.find_all("td")]
    assert cells[1:4] == ["incomplete", "1", "vi"]  # after the name's cell
    csv_text = (out / "data/digitization.csv").read_text("utf-8-sig")
    assert csv_text.splitlines()[1].startswith("chua-a,Chùa 1,False,1,vi,")


def test_missing_alt_text_is_an_error_with_its_line(project: Project) -> None:
    project.relic("chua-a", extra="media:\n  - file: cong.jpg\n    caption: {vi: Cổng}\n")
    camera_photo(project.root / "heritage/media/chua-a/cong.jpg", 1600, 1200)
    with pytest.raises(ContentError) as caught:
        load_catalog(project.root)
    assert [str(i) for i in caught.value.issues] == [
        "heritage/relics/chua-a.yaml:10: media[0].alt: required field is missing — add `alt:` here"
    ]


def test_small_and_huge_photos_get_advice(project: Project) -> None:
    project.relic("chua-a", extra="media:\n  - file: nho.jpg\n    alt: {vi: Ảnh nhỏ}\n")
    camera_photo(project.root / "heritage/media/chua-a/nho.jpg", 640, 480)
    catalog = load_catalog(project.root)
    assert [str(w) for w in catalog.warnings] == [
        "heritage/relics/chua-a.yaml:10: warning: media[0].file: the photo is only 480×640 px "
        "and will look blurry — use the camera's original, at least 1600 px on the long side"
    ]


# A photo and a recording named as staff name them: spaces, accents, brackets, a `#`.
SPACED = """\
media:
  - file: Cổng Chùa (1).JPG
    alt: {vi: Cổng chùa, en: The gate}
audio:
  vi:
    file: "Thuyết minh #1.mp3"
"""


@pytest.fixture(scope="module")
def spaced(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("spaced")
    project = Project(base / "project")
    project.relic("chua-a", extra=SPACED)
    folder = project.root / "heritage/media/chua-a"
    folder.mkdir(parents=True)
    Image.new("RGB", (1800, 1200), (200, 40, 30)).save(folder / "Cổng Chùa (1).JPG", "JPEG")
    (folder / "Thuyết minh #1.mp3").write_bytes(MP3_FRAME * 383)
    out = base / "site"
    build_site(project.root, out, work=base / "work")
    return out


def media_urls(page: str) -> list[str]:
    """Every media URL of a page: src, href, each srcset candidate, the offline list."""
    urls = []
    for element in parse(page).iter():
        attrs = element.attrs
        urls += [attrs[name] for name in ("src", "href") if "media/" in attrs.get(name, "")]
        urls += [c.split()[0] for c in attrs.get("srcset", "").split(", ") if "media/" in c]
        urls += [u for u in attrs.get("data-media", "").split(" ") if "media/" in u]
    return urls


def test_media_urls_are_encoded_and_lead_to_their_files(spaced: Path) -> None:
    from urllib.parse import unquote

    folder = spaced / "en/relics/chua-a"
    urls = media_urls((folder / "index.html").read_text("utf-8"))
    # The image, 3 WebP and 3 JPEG widths, the lightbox, the player and its download link,
    # the 3 WebP widths and the recording to save offline.
    assert len(urls) == 14, urls
    for url in urls:
        assert url.isascii() and " " not in url and "#" not in url, url
        assert (folder / unquote(url)).resolve().is_file(), url
    assert any(url.endswith("Thuy%E1%BA%BFt%20minh%20%231.mp3") for url in urls)


def test_chromium_picks_the_large_variant_of_a_spaced_name(spaced: Path, browser: Any) -> None:
    """With raw spaces Chromium dropped both srcsets and showed the 480 px JPEG."""
    from urllib.parse import unquote

    with serve_directory(spaced) as url:
        page = browser.new_page(viewport={"width": 1400, "height": 900}, device_scale_factor=2)
        page.goto(url + "en/relics/chua-a/")
        image = page.locator(".portal-lightbox img").first
        image.scroll_into_view_if_needed()
        page.wait_for_function(
            "() => { const i = document.querySelector('.portal-lightbox img');"
            " return i.complete && i.naturalWidth > 0; }"
        )
        current = unquote(image.evaluate("i => i.currentSrc"))
        page.close()
    assert current.endswith("/media/relics/chua-a/Cổng Chùa (1)-1600.webp"), current
