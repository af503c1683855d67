"""QR codes decode to exactly what they should; codes are stable; no secret leaks."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from build_tools.assets import qr
from build_tools.assets.wifi_payload import join_payload, parse
from build_tools.load.issues import ContentError
from build_tools.load.project import load_catalog
from build_tools.model.codes import code_of, derived_code, short_links
from build_tools.model.wifi import Wifi
from tests.conftest import REPO, Project, launch_chromium, serve_directory


def decode(image: Image.Image) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(image)]


def wifi(**fields: object) -> Wifi:
    base = {"id": "wifi-a", "name": {"vi": "W"}, "coordinates": {"lat": 10.36, "lon": 106.36},
            "serves": {"text": {"vi": "Bến"}}, "ssid": "MyTho", "security": "wpa2"}
    return Wifi.model_validate({**base, **fields})


@pytest.mark.parametrize("ssid, password", [
    ("MyTho-Free", "12345678"),
    ("Chùa Vĩnh Tràng", "mật-khẩu-đẹp"),
    ('a\\b;c,d"e:f', 'p\\;,":x-long'),
    ("Cồn Thới Sơn;,", "\\\\pass\\\\"),
])
def test_wifi_payload_round_trips_through_a_real_decoder(ssid: str, password: str) -> None:
    point = wifi(ssid=ssid, password=password, password_public=True)
    payload = join_payload(point)
    assert payload is not None
    [text] = decode(qr.image(payload, 600))
    assert text == payload
    assert parse(text) == {"T": "WPA", "S": ssid, "P": password, "H": "false"}


def test_wifi_payload_types_and_secrets() -> None:
    assert join_payload(wifi(security="open")) == "WIFI:T:nopass;S:MyTho;;"
    assert join_payload(wifi(security="wpa3", password="x-secret", password_public=True)) == (
        "WIFI:T:SAE;S:MyTho;P:x-secret;H:false;;")
    assert join_payload(wifi(password="secret-pw", password_public=False)) is None


def test_codes_are_stable_and_ignore_the_title(project: Project) -> None:
    project.relic("chua-a")
    before = {link.code for link in short_links(load_catalog(project.root))}
    path = project.root / "heritage/relics/chua-a.yaml"
    path.write_text(path.read_text().replace('"Chùa 1"', '"Chùa Một"'))
    after = {link.code for link in short_links(load_catalog(project.root))}
    assert before == after == {derived_code("relic", "chua-a")}
    assert re.fullmatch(r"r[a-z2-7]{4}", derived_code("relic", "chua-a"))


def test_declared_code_wins_and_collisions_are_errors(project: Project) -> None:
    project.relic("chua-a", extra="code: vinh1\n")
    catalog = load_catalog(project.root)
    assert code_of("relic", catalog.relics[0]) == "vinh1"
    project.relic("chua-b", extra="code: vinh1\n")
    with pytest.raises(ContentError) as caught:
        load_catalog(project.root)
    assert [str(i) for i in caught.value.issues] == [
        'heritage/relics/chua-b.yaml:9: code: short code "vinh1" is already used by '
        "heritage/relics/chua-a.yaml — write another `code:` (3–8 lowercase letters or digits) "
        "in this file"
    ]


def rasterize(svg: Path, scale: int = 8) -> Image.Image:
    """Draw the SVG's stroked path as a renderer would: `M`/`m` move the pen (absolute or
    relative), `h`/`H` draw a line to the right, 1 unit wide, centred on the pen's y."""
    from PIL import ImageDraw

    text = svg.read_text("utf-8")
    size = int(re.search(r'viewBox="0 0 (\d+) \d+"', text).group(1))  # type: ignore[union-attr]
    picture = Image.new("L", (size * scale, size * scale), 255)
    draw = ImageDraw.Draw(picture)
    [path] = re.findall(r'<path stroke="#000" d="([^"]+)"', text)
    x = y = 0.0
    lines = 0
    for command, numbers in re.findall(r"([MmHh])([-\d. ]+)", path):
        values = [float(n) for n in re.findall(r"-?[\d.]+", numbers)]
        if command in "Mm":
            x, y = (values[0], values[1]) if command == "M" else (x + values[0], y + values[1])
            continue
        end = values[0] if command == "H" else x + values[0]
        top, bottom = y - 0.5, y + 0.5  # the default stroke width, 1
        draw.rectangle([round(min(x, end) * scale), round(top * scale),
                        round(max(x, end) * scale) - 1, round(bottom * scale) - 1], fill=0)
        x, lines = end, lines + 1
    assert lines, "no dark modules drawn"
    return picture


def test_web_qr_images_decode_to_the_short_link(sample_site: Path) -> None:
    catalog = load_catalog(REPO)
    links = short_links(catalog)
    assert len(links) == (len(catalog.relics) + len(catalog.wifi) + len(catalog.events)
                          + len(catalog.products))
    versions = set()
    for link in links:
        folder = sample_site / "q" / link.code
        url = f"{catalog.site.base_url}q/{link.code}/"
        assert not (folder / "qr.png").exists()  # one format: SVG serves screen and print
        assert decode(rasterize(folder / "qr.svg")) == [url]
        versions.add(qr.info(url).version)
        if link.kind == "wifi":
            payload = join_payload(link.record)
            assert (folder / "wifi.svg").exists() == (payload is not None)
            if payload:
                assert decode(rasterize(folder / "wifi.svg")) == [payload]
    assert versions == {4}  # a 39-character URL at level Q


@pytest.mark.browser
def test_qr_svg_scans_as_the_browser_draws_it(sample_site: Path) -> None:
    """At its natural size (1 mm a module: modules of 3.8 px, not whole pixels) and larger
    on a dark page: the code draws its own white quiet zone."""
    catalog = load_catalog(REPO)
    code = short_links(catalog)[0].code
    with serve_directory(sample_site) as url, launch_chromium() as browser:
        page = browser.new_page(viewport={"width": 420, "height": 420})
        page.goto(f"{url}q/{code}/qr.svg")
        natural = page.screenshot()
        # A page of the same origin (answered here, not written into the site) shows it.
        dark_page = f"{url}q/{code}/on-dark.html"
        html = '<body style="margin:0;background:#000"><img src="qr.svg" width="300"></body>'
        page.route(dark_page, lambda route: route.fulfill(body=html, content_type="text/html"))
        page.goto(dark_page)  # "load": the image is in
        dark = page.screenshot()
    for shot in (natural, dark):
        assert decode(Image.open(io.BytesIO(shot))) == [f"{catalog.site.base_url}q/{code}/"]


def test_unpublished_wifi_passwords_appear_nowhere(sample_site: Path) -> None:
    secrets = [w.password for w in load_catalog(REPO).wifi if w.password and not w.password_public]
    assert secrets, "the sample should keep at least one password private"
    for path in sample_site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert not any(secret.encode() in data for secret in secrets), path
        if path.suffix == ".png" and "q" in path.parts:
            assert not any(secret in text for text in decode(Image.open(path))
                           for secret in secrets)
