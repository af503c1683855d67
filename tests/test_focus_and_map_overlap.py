"""Two things a phone visitor notices: the map's controls never cover one another when the
tiles cannot load, and the keyboard focus ring stands out (3:1, WCAG 2.2 SC 1.4.11, 2.4.13).

Only 127.0.0.1 is contacted: every other request, map tiles included, is refused.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

import pytest


pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}

# What the overview map shows in its corners once the tiles failed.
MAP_CONTROLS = {
    "notice": ".portal-map__notice",
    "layer list": ".leaflet-control-layers",
    "attribution": ".leaflet-control-attribution",
    "scale": ".leaflet-control-scale",
    "legend": ".portal-legend",
    "zoom": ".leaflet-control-zoom",
    "locate": ".portal-locate",
}


def offline_page(browser: Any, viewport: dict[str, int]) -> Any:
    """A page that reaches 127.0.0.1 only: tiles (and any other host) fail, as offline."""
    context = browser.new_context(viewport=viewport, service_workers="block", locale="vi-VN")
    page = context.new_page()
    page.route("**/*", lambda route: route.continue_()
               if route.request.url.startswith("http://127.0.0.1:") else route.abort())
    return page


def overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
            and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"])


@pytest.mark.parametrize("lang", ["vi", "en", "zh"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1366px"])
def test_without_tiles_the_notice_and_map_controls_never_overlap(
    browser: Any, base_url: str, lang: str, viewport: dict[str, int]
) -> None:
    page = offline_page(browser, viewport)
    try:
        page.goto(f"{base_url}{lang}/map/")
        frame = page.frame_locator(".portal-map-frame iframe")
        frame.locator(".portal-map__notice[role=status]").wait_for()
        boxes = {}
        for name, selector in MAP_CONTROLS.items():
            box = frame.locator(selector).bounding_box()
            if box is None and name == "legend":
                continue  # a short map leaves it out (the layer list says the same)
            assert box is not None, f"{name} ({selector}) is not shown"
            boxes[name] = box
        frame_box = page.locator(".portal-map-frame iframe").bounding_box()
    finally:
        page.context.close()
    assert frame_box is not None
    clashes = [f"{a} and {b}" for a, b in itertools.combinations(boxes, 2)
               if overlap(boxes[a], boxes[b])]
    assert clashes == [], f"overlapping at {viewport['width']} px: {clashes}; {boxes}"
    outside = [name for name, box in boxes.items()
               if box["x"] < frame_box["x"] - 0.5
               or box["x"] + box["width"] > frame_box["x"] + frame_box["width"] + 0.5]
    assert outside == [], f"wider than the map at {viewport['width']} px: {outside}"


RGB = re.compile(r"rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)(?:,? ?/? ?([\d.]+))?\)")
Colour = tuple[float, float, float]
WHITE: Colour = (255.0, 255.0, 255.0)


def parse(css: str) -> tuple[Colour, float]:
    match = RGB.fullmatch(css.strip())
    assert match, f"not an rgb() colour: {css}"
    r, g, b, alpha = match.groups()
    return (float(r), float(g), float(b)), 1.0 if alpha is None else float(alpha)


def over(top: str, below: Colour) -> Colour:
    """`top` (a computed CSS colour, maybe translucent) painted over `below`."""
    colour, alpha = parse(top)
    return (colour[0] * alpha + below[0] * (1 - alpha),
            colour[1] * alpha + below[1] * (1 - alpha),
            colour[2] * alpha + below[2] * (1 - alpha))


def luminance(colour: Colour) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(v) for v in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: Colour, b: Colour) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


# The focused element's ring, its own fill and the backgrounds behind it (nearest first).
FOCUS_STYLE = """el => {
  const style = getComputedStyle(el);
  const behind = [];
  for (let node = el.parentElement; node; node = node.parentElement)
    behind.push(getComputedStyle(node).backgroundColor);
  return {focused: document.activeElement === el && el.matches(':focus-visible'),
          style: style.outlineStyle, width: parseFloat(style.outlineWidth),
          ring: style.outlineColor, fill: style.backgroundColor, behind: behind};
}"""


@pytest.mark.parametrize(
    "path, selector",
    [
        ("vi/relics/chua-vinh-trang/", 'a.md-button[href^="geo:"]'),  # "Chỉ đường"
        ("vi/relics/chua-vinh-trang/", "button.portal-copy"),  # in the cream practical box
        ("en/wifi/", "button.portal-copy"),  # on the white page
    ],
    ids=["directions", "copy-on-relic", "copy-on-wifi-list"],
)
def test_keyboard_focus_ring_contrasts_with_white_the_page_and_the_element(
    browser: Any, base_url: str, path: str, selector: str
) -> None:
    page = offline_page(browser, PHONE)
    try:
        page.goto(base_url + path)
        # The colours once settled: Material fades buttons into their focus colours.
        page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
        page.keyboard.press("Tab")  # a keyboard user: focus shows as :focus-visible
        target = page.locator(selector).first
        target.focus()
        found = target.evaluate(FOCUS_STYLE)
    finally:
        page.context.close()
    assert found["focused"], f"{selector} did not take keyboard focus"
    page_colour = WHITE
    for background in reversed(found["behind"]):
        page_colour = over(background, page_colour)
    ring = over(found["ring"], page_colour)
    fill = over(found["fill"], page_colour)
    against = {"white": contrast(ring, WHITE), "the page": contrast(ring, page_colour),
               "the focused element": contrast(ring, fill)}
    low = {name: round(ratio, 2) for name, ratio in against.items() if ratio < 3}
    assert low == {}, f"{selector} focus ring {found['ring']} below 3:1 against {low}"
    # SC 2.4.13: at least as thick as a 2 CSS px perimeter ("auto" is the browser's thin ring).
    assert found["style"] not in ("none", "auto") and found["width"] >= 2, found
