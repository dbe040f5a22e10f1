"""Content images: sized, lazy below the first screen, resized for phones, and safe to open.

Councils bring photos straight from a camera, and shared sources are someone
else's files. The images here are made by Pillow in each test, shaped like
that: multi-megabyte noisy photos, big PNG screenshots, CMYK print files, a
phone photo on its side with the GPS position in it, a cut-off file, a
decompression bomb.
"""

from __future__ import annotations

import io
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import cast

import pytest
from PIL import Image

from conftest import FIXTURES, Project, fails, make_project, passes
from lgsite.generate.guides import PRINT_TYPE
from lgsite.images import ContentImages
from lgsite.layers import generated_page
from lgsite.site import Site

PHONE_WIDTH = 375  # CSS pixels, as the browser gates use
BUDGET = 150 * 1024
EXIF_ORIENTATION = 0x0112
EXIF_GPS = 0x8825


class Images(HTMLParser):
    """Every `<img>` of a built page, with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.found.append(dict(attrs))


def images_of(html: str) -> list[dict[str, str | None]]:
    parser = Images()
    parser.feed(html)
    return parser.found


def content_images(html: str) -> list[dict[str, str | None]]:
    """The images of the page's text (the theme's own, such as a logo, are not in <article>)."""
    article = re.search(r"<article\b.*?</article>", html, re.DOTALL)
    assert article, "no <article> on the page"
    return images_of(article.group(0))


def candidates(image: dict[str, str | None]) -> list[tuple[str, int]]:
    srcset = image.get("srcset") or ""
    return [(url, int(width[:-1])) for url, width in (item.split() for item in srcset.split(","))]


def slot(image: dict[str, str | None]) -> int:
    """How wide a 375 px screen shows the image, by its `sizes`: `(max-width: Wpx) 100vw, Wpx`."""
    match = re.fullmatch(r"\(max-width: (\d+)px\) 100vw, (\d+)px", image.get("sizes") or "")
    assert match and match.group(1) == match.group(2), image
    return min(PHONE_WIDTH, int(match.group(1)))


def chosen(image: dict[str, str | None], dpr: float) -> str:
    """The candidate a 375 px screen picks: the narrowest at least as wide as the slot in device pixels."""
    need = slot(image) * dpr
    wide_enough = sorted((width, url) for url, width in candidates(image) if width >= need)
    return wide_enough[0][1] if wide_enough else max((width, url) for url, width in candidates(image))[1]


def noisy_photo(size: tuple[int, int], grain: int = 3) -> Image.Image:
    """A photo-like image that JPEG cannot shrink much: noise in blocks of `grain` pixels, over a gradient,
    so that resizing does not smooth it all away."""
    small = (size[0] // grain, size[1] // grain)
    channels = [Image.effect_noise(small, 80).resize(size, Image.Resampling.NEAREST) for _ in range(3)]
    gradient = Image.linear_gradient("L").resize(size)
    return Image.merge("RGB", [Image.blend(channel, gradient, 0.3) for channel in channels])


def gps_exif(orientation: int) -> Image.Exif:
    exif = Image.Exif()
    exif[EXIF_ORIENTATION] = orientation
    exif.get_ifd(EXIF_GPS).update({1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)})
    return exif


@pytest.fixture(scope="module")
def camera_roll(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """A council whose own page and a shared page show every kind of image a migration brings."""
    root = tmp_path_factory.mktemp("images")
    shared = root / "shared"
    shutil.copytree(FIXTURES / "shared-basic", shared)
    project = make_project(root / "council", shared=[str(shared)])
    docs = project.root / "docs" / "photos"
    docs.mkdir(parents=True)
    noisy_photo((4000, 3000)).save(docs / "market.jpg", quality=95)
    noisy_photo((2600, 1800), grain=2).save(docs / "screenshot.png")
    Image.new("CMYK", (900, 600), (0, 120, 200, 10)).save(docs / "leaflet.jpg", quality=90)
    # A phone photo held upright: stored 1200 × 800, turned by its EXIF tag, with where it was taken.
    noisy_photo((1200, 800)).save(docs / "upright.jpg", quality=85, exif=gps_exif(orientation=6))
    Image.new("P", (300, 200), 3).save(docs / "map.gif")
    whole = io.BytesIO()
    noisy_photo((600, 400)).save(whole, "JPEG")
    (docs / "cut-off.jpg").write_bytes(whole.getvalue()[: len(whole.getvalue()) // 3])
    (docs / "not-an-image.png").write_text("<html>an error page saved as an image</html>", encoding="utf-8")
    (docs / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>',
                                   encoding="utf-8")
    frames = [Image.new("RGB", (120, 80), colour) for colour in ("red", "blue")]
    frames[0].save(docs / "spinner.gif", save_all=True, append_images=frames[1:], duration=200, loop=0)
    project.write("docs/photos/index.md", """
        ---
        title: Photos of the market
        description: What the market looks like.
        ---
        # Photos of the market

        ![The market square on a Saturday](market.jpg)

        ![A screenshot of the booking form](screenshot.png)

        ![The recycling leaflet](leaflet.jpg)

        ![A bin store, photographed upright](upright.jpg)

        ![A map of the market](map.gif)

        <p><img src="cut-off.jpg" alt="A photo that was cut off"></p>

        ![Not an image](not-an-image.png)

        ![The council's logo](logo.svg)

        ![A loading spinner](spinner.gif)

        <img alt="A sized image" src="map.gif" width="150" height="100">
        """)
    waste = shared / "pages" / "environment-and-waste"
    noisy_photo((3000, 2000)).save(waste / "depot.jpg", quality=90)
    page = waste / "recycling.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n![Inside the depot](depot.jpg)\n", encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def built(camera_roll: Project) -> Project:
    passes(camera_roll)  # warnings only: every image is published
    return camera_roll


def test_every_content_image_has_its_size(built: Project) -> None:
    images = content_images(built.page("photos"))
    sizes = {image["alt"]: (image.get("width"), image.get("height")) for image in images}
    assert sizes["The market square on a Saturday"] == ("4000", "3000")
    assert sizes["A screenshot of the booking form"] == ("2600", "1800")
    assert sizes["The recycling leaflet"] == ("900", "600")
    assert sizes["A bin store, photographed upright"] == ("800", "1200")  # as the camera meant it
    assert sizes["A map of the market"] == ("300", "200")
    assert sizes["A loading spinner"] == ("120", "80")
    assert sizes["A sized image"] == ("150", "100")  # the author's own size is kept
    assert sizes["The council's logo"] == (None, None)  # SVG is served as it is


def test_only_the_first_image_loads_at_once(built: Project) -> None:
    images = content_images(built.page("photos"))
    assert images[0].get("loading") is None and images[0].get("decoding") is None
    assert len(images) == 10
    assert all(image.get("loading") == "lazy" and image.get("decoding") == "async" for image in images[1:])


@pytest.mark.parametrize("dpr", [1, 2])
def test_a_phone_gets_a_copy_of_at_most_150_kb(built: Project, dpr: int) -> None:
    for path in ("photos", "environment-and-waste/recycling"):
        page = built.site / path
        for image in content_images(built.page(path)):
            if not image.get("srcset"):
                continue
            for url, _ in candidates(image):
                assert (page / url).resolve().is_file(), f"{path}: {url} is not in the site"
            picked = page / chosen(image, dpr)
            assert picked.stat().st_size <= BUDGET, f"{path}: {image['alt']} sends {picked.stat().st_size} bytes"
            assert (page / image["src"]).resolve().is_file()


def test_big_originals_are_never_what_a_page_sends(built: Project) -> None:
    resized = {image["alt"] for image in content_images(built.page("photos")) if image.get("srcset")}
    assert resized == {"The market square on a Saturday", "A screenshot of the booking form", "The recycling leaflet",
                       "A bin store, photographed upright", "A map of the market", "A sized image"}
    market = next(image for image in content_images(built.page("photos")) if image["alt"].startswith("The market"))
    assert [width for _, width in candidates(market)] == [400, 800, 1200, 1600]
    assert "market.jpg" not in (market["src"] or "")
    [depot] = content_images(built.page("environment-and-waste/recycling"))  # a shared page's image too
    assert depot.get("srcset") and depot["width"] == "3000"


def test_copies_are_turned_stripped_and_in_web_colours(built: Project) -> None:
    images = {image["alt"]: image for image in content_images(built.page("photos"))}
    page = built.site / "photos"
    for url, width in candidates(images["A bin store, photographed upright"]):
        with Image.open(page / url) as copy:
            assert copy.width <= width and abs(copy.height / copy.width - 1.5) < 0.01  # upright, as the HTML says
            assert not copy.getexif(), "a copy keeps the original's EXIF (its GPS position)"
        assert b"Exif" not in (page / url).read_bytes()
    for url, _ in candidates(images["The recycling leaflet"]):
        with Image.open(page / url) as copy:
            assert copy.mode == "RGB"
    for url, _ in candidates(images["A map of the market"]):
        assert url.endswith(".png")


def test_big_and_unreadable_originals_are_warnings_that_say_what_to_do(camera_roll: Project) -> None:
    lines = [line for line in fails(camera_roll, "--strict") if line.startswith("warning: ")]
    text = "\n".join(lines)
    assert any(line.startswith("warning: docs/photos/market.jpg: is ") and "4000 × 3000 pixels" in line
               and "resize the original" in line for line in lines), text
    assert any(line.startswith("warning: docs/photos/screenshot.png: ") for line in lines), text
    assert any("environment-and-waste/depot.jpg: is " in line and "3000 × 2000" in line for line in lines), text
    cut_off = [line for line in lines if "docs/photos/cut-off.jpg" in line]
    assert len(cut_off) == 1 and "cannot be read as an image" in cut_off[0], text
    assert "shown on docs/photos/index.md:" in cut_off[0]
    assert any("docs/photos/not-an-image.png: cannot be read as an image: it is not a JPEG, PNG, GIF or WebP file"
               in line for line in lines), text
    located = [line for line in lines if "docs/photos/upright.jpg" in line]
    assert len(located) == 1 and "has the place it was taken (GPS) in its metadata" in located[0], text
    for small in ("leaflet.jpg", "map.gif", "logo.svg", "spinner.gif"):
        assert small not in text
    assert len(lines) == 6, text


def test_copies_come_from_the_cache_on_the_next_build(tmp_path: Path) -> None:
    project = make_project(tmp_path / "council")
    noisy_photo((900, 600)).save(project.root / "docs" / "photo.jpg", quality=80, exif=gps_exif(orientation=1))
    project.write("docs/photo-page.md", """
        ---
        title: A photo
        description: One photo.
        ---
        # A photo

        ![A photo of the park](photo.jpg)
        """)
    passes(project)
    cached = sorted((project.root / ".lgsite" / "cache" / "images").glob("*-800.jpg"))
    assert len(cached) == 1
    cached[0].write_bytes(b"the cached copy")  # were it encoded again, this would not be published
    passes(project)
    published = project.site / "assets" / "images" / "content" / cached[0].name
    assert published.read_bytes() == b"the cached copy"
    [located, _] = fails(project, "--strict")  # what the cache knows about the original is still said
    assert located.startswith("warning: docs/photo.jpg: has the place it was taken (GPS)"), located


def test_a_decompression_bomb_is_not_opened(tmp_path: Path) -> None:
    """A small file that would take gigabytes once decoded: refused by its declared size, with a warning."""
    project = make_project(tmp_path / "council")
    Image.new("1", (10_000, 8_000)).save(project.root / "docs" / "bomb.png", optimize=True)
    assert (project.root / "docs" / "bomb.png").stat().st_size < 200 * 1024
    project.write("docs/bomb-page.md", """
        ---
        title: A picture
        description: A picture.
        ---
        # A picture

        ![A picture](bomb.png)
        """)
    result = passes(project)
    assert "Traceback" not in result.stderr
    [image] = content_images(project.page("bomb-page"))
    assert "srcset" not in image
    [line, _] = fails(project, "--strict")
    assert line.startswith("warning: docs/bomb.png: is 10000 × 8000 pixels, more than lgsite opens"), line


def test_sizes_say_how_wide_each_image_is_shown(built: Project) -> None:
    """A small image is not fetched as a screen-wide copy: the slot is its own width, or the author's."""
    images = {image["alt"]: image for image in content_images(built.page("photos"))}
    assert images["The market square on a Saturday"]["sizes"] == "(max-width: 1000px) 100vw, 1000px"
    assert images["A map of the market"]["sizes"] == "(max-width: 300px) 100vw, 300px"
    assert images["A sized image"]["sizes"] == "(max-width: 150px) 100vw, 150px"


def test_the_example_councils_photo_is_light_on_a_phone(example_site: Path) -> None:
    page = example_site / "news" / "town-centre-plan-consultation"
    [photo] = content_images((page / "index.html").read_text(encoding="utf-8"))
    assert (photo["width"], photo["height"]) == ("1600", "1000") and "loading" not in photo
    for dpr in (1, 2):
        assert (page / chosen(photo, dpr)).stat().st_size <= BUDGET


def test_a_printable_guide_loads_every_image_at_once(tmp_path: Path) -> None:
    """A browser may print before lazy images arrive; the guide's printable version has none.

    The images are on another site, so no file is read: the site is not needed.
    """
    images = ContentImages(site=cast(Site, None), cache=tmp_path)
    html = '<p><img src="https://img.example/a.png" alt="A"></p><p><img src="https://img.example/b.png" alt="B"></p>'
    guide = images_of(images.apply(html, generated_page("tax/council-tax.md", {"type": "guide"}), "tax/council-tax/"))
    assert [image.get("loading") for image in guide] == [None, "lazy"]
    printable = generated_page("tax/council-tax/print.md", {"type": PRINT_TYPE})
    assert [image.get("loading") for image in images_of(images.apply(html, printable, "tax/council-tax/print/"))] \
        == [None, None]
