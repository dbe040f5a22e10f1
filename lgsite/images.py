"""Content images as residents receive them: sized, lazy below the first screen, and never a 5 MB photo on a phone.

Councils upload photos straight from a camera: 4000 pixels wide, several
megabytes, with the place they were taken in the metadata. A page's HTML keeps
the author's `<img>`, and this module adds what a browser needs to do better:
`width` and `height` (so the page does not jump as images arrive), lazy loading
for every image but the first (the first screen shows it at once), and resized
copies in `srcset`, so that a phone picks one of a few dozen kilobytes. The
copies are made with Pillow, without metadata, turned the way the camera meant,
and kept in the council's cache folder by content hash, so the next build
re-uses them instead of re-encoding.

Shared sources are untrusted, and an image is the easiest way to make a build
run out of memory: a file is opened only under a size and pixel bound, only by
the decoders of the web's formats, and any failure to read it is a warning,
never a traceback.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import os
import posixpath
import re
import warnings
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from PIL import Image, ImageOps, UnidentifiedImageError

from .errors import LgsiteError
from .generate.guides import PRINT_TYPE
from .layers import LayerFile, Page
from .sanitise import locate
from .site import Site

# Widths of the copies. A 375 px phone picks 400 (or 800 at twice the pixel density); the content
# column (50rem of 20px, see council.css) picks 1200, or 1600 on a high-density screen.
WIDTHS = (400, 800, 1200, 1600)
# How wide the content column can be, in CSS pixels (council.css: 50rem of 20px, less its padding):
# `sizes` tells the browser an image is shown the screen's width up to the smaller of this and its own.
COLUMN = 1000
# The largest a copy a phone may pick (up to 800 px wide) may weigh; wider copies may weigh more in
# proportion to their area. The first quality that fits is kept.
PHONE_BUDGET = 150 * 1024
PHONE_WIDTH = 800
JPEG_QUALITIES = (80, 72, 62, 52, 42, 32, 24)
# Where the copies are published, by content hash: one copy of an image however many pages use it.
PUBLISHED = "assets/images/content"
CACHE = ".lgsite/cache/images"
# Bump when the copies would come out differently, so that old cached copies are not served.
PIPELINE = 2

# The web's raster formats: only their decoders are used on untrusted files; SVG is text and served as it is.
RASTER_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".gif", ".webp"})
DECODERS = ("JPEG", "PNG", "GIF", "WEBP")
# The format copies are saved in, by the format Pillow read: a still GIF's copies are PNGs.
SAVED_AS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "GIF": "PNG", "WEBP": "WEBP"}

EXIF_GPS = 0x8825  # the EXIF block that holds where a photo was taken

IMG_TAG = re.compile(r"""<img\b(?:[^>"']|"[^"]*"|'[^']*')*>""", re.IGNORECASE)


@dataclass(frozen=True)
class ImageLimits:
    """What lgsite will open, and what it warns about.

    `open_bytes` and `open_pixels` bound the memory a shared source's image can
    take (40 million pixels is a large phone camera's photo, 160 MB decoded); an
    original above `warn_bytes` or wider or taller than `warn_side` is more than
    a web page needs, and its author should resize it.
    """

    open_bytes: int = 25 * 1024 * 1024
    open_pixels: int = 40_000_000
    warn_bytes: int = 1024 * 1024
    warn_side: int = 2400


@dataclass(frozen=True)
class Copy:
    """One resized copy: where it is published, its size, and the cached file MkDocs copies."""

    path: str
    width: int
    height: int
    file: Path


@dataclass(frozen=True)
class Prepared:
    """What an image's `<img>` gets: its displayed size, and its copies (none: served as it is)."""

    width: int | None = None
    height: int | None = None
    copies: tuple[Copy, ...] = ()
    located: bool = False  # the original's metadata says where it was taken (EXIF GPS)


@dataclass
class ContentImages:
    """The images of one build: each file read and resized once, whatever number of pages show it."""

    site: Site
    cache: Path
    limits: ImageLimits = field(default_factory=ImageLimits)
    _prepared: dict[str, Prepared] = field(default_factory=dict)
    _new: list[Copy] = field(default_factory=list)

    def apply(self, page_html: str, page: Page, url: str) -> str:
        """The page's HTML with every `<img>` sized and lazy, and local ones given their copies.

        `url` is the page's URL in the site: MkDocs has made image addresses relative to it. A guide's
        printable version loads every image at once: a browser may print before lazy images arrive.
        """
        printable = page.type == PRINT_TYPE
        seen = 0

        def rewrite(match: re.Match[str]) -> str:
            nonlocal seen
            seen += 1
            return self._tag(match.group(0), page, url, lazy=seen > 1 and not printable)

        return IMG_TAG.sub(rewrite, page_html)

    def new_copies(self) -> list[Copy]:
        """The copies made since the last call, for the adapter to add to the site's files."""
        new, self._new = self._new, []
        return new

    def _tag(self, tag: str, page: Page, url: str, *, lazy: bool) -> str:
        attrs = _attributes(tag)
        if attrs is None:
            return tag
        names = {name for name, _ in attrs}
        prepared = Prepared()
        layer_file = self._file_of(dict(attrs).get("src") or "", url)
        if layer_file is not None and "srcset" not in names:
            prepared = self.prepare(layer_file, page)
        values = dict(attrs)
        if prepared.width and not ({"width", "height"} & names):
            values["width"], values["height"] = str(prepared.width), str(prepared.height)
        if prepared.copies:
            base = _folder(url)
            fallback = max((copy for copy in prepared.copies if copy.width <= PHONE_WIDTH),
                           key=lambda copy: copy.width, default=prepared.copies[0])
            values["src"] = _relative(fallback.path, base)
            values["srcset"] = ", ".join(f"{_relative(copy.path, base)} {copy.width}w" for copy in prepared.copies)
            values["sizes"] = _sizes(values.get("width"), prepared.width or COLUMN)
        if lazy:
            values.setdefault("loading", "lazy")
            values.setdefault("decoding", "async")
        return _serialise(values)

    def _file_of(self, src: str, url: str) -> LayerFile | None:
        """The council's or a shared source's file an image address names, relative to the page's URL."""
        parts = urlsplit(src)
        if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
            return None
        path = posixpath.normpath(posixpath.join(_folder(url), unquote(parts.path)))
        if path.startswith("../") or path == "..":
            return None
        return self.site.local_files.get(path) or self.site.assets.get(path)

    def prepare(self, image: LayerFile, page: Page) -> Prepared:
        """An image's size and copies, read once a build (and its copies once ever, by content hash)."""
        if image.path not in self._prepared:
            try:
                self._prepared[image.path] = self._prepare(image)
            except LgsiteError as problem:
                self.site.problems.warning_of(problem)
                self._prepared[image.path] = Prepared()
            except _Unreadable as error:
                self.site.problems.warning_of(_unreadable(image, page, str(error)))
                self._prepared[image.path] = Prepared()
            except OSError as error:  # the file went away or cannot be read
                self.site.problems.warning_of(_unreadable(image, page, error.strerror or str(error)))
                self._prepared[image.path] = Prepared()
        return self._prepared[image.path]

    def _prepare(self, image: LayerFile) -> Prepared:
        if Path(image.path).suffix.lower() not in RASTER_SUFFIXES:  # SVG and anything else: served as it is
            return Prepared()
        size = image.file.stat().st_size
        if size > self.limits.open_bytes:
            raise LgsiteError(f"is {_megabytes(size)}, more than lgsite opens ({_megabytes(self.limits.open_bytes)}); "
                              "it is sent to residents as it is", file=image.display,
                              hint="Resize it to at most 2,400 pixels wide and save it as a JPEG of quality about 80.")
        data = image.file.read_bytes()
        digest = hashlib.sha256(data).hexdigest()[:32]
        index = self.cache / f"{digest}-v{PIPELINE}.json"
        cached = _read_index(index, self.cache)
        prepared = cached or self._resize(image, data, digest)
        self._warn_about(image, size, prepared)
        if cached is None:
            _write_index(index, prepared)
        self._publish(prepared)
        return prepared

    def _resize(self, image: LayerFile, data: bytes, digest: str) -> Prepared:
        with warnings.catch_warnings():
            # Pillow's own bomb check warns (to stderr) below the size it refuses; lgsite's bound is lower.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            try:
                with Image.open(io.BytesIO(data), formats=DECODERS) as opened:
                    width, height = opened.size
                    if width * height > self.limits.open_pixels:  # known from the header, before decoding
                        raise _too_many_pixels(image, width, height, self.limits.open_pixels)
                    located = bool(opened.getexif().get_ifd(EXIF_GPS))
                    # A camera's MPO (a JPEG with a preview) is a photo; a moving image is served as it is,
                    # since resizing every frame costs more than it saves.
                    if getattr(opened, "is_animated", False) and opened.format != "MPO":
                        return Prepared(width, height, located=located)
                    saved_as = SAVED_AS[opened.format or "PNG"]
                    icc = opened.info.get("icc_profile") if opened.mode == "RGB" else None
                    picture = _web_mode(ImageOps.exif_transpose(opened), saved_as)
                return Prepared(picture.width, picture.height, tuple(
                    self._copy(picture, width, saved_as, digest, icc) for width in _widths(picture.width)), located)
            except LgsiteError:
                raise
            except Exception as error:  # noqa: BLE001 - any decoder failure on an untrusted file means "unreadable"
                raise _Unreadable(_reason(error)) from None

    def _copy(self, picture: Image.Image, width: int, saved_as: str, digest: str, icc: bytes | None) -> Copy:
        height = max(1, round(picture.height * width / picture.width))
        resized = picture if width == picture.width else picture.resize(
            (width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        resized.info = {}  # no EXIF, XMP or comments: a photo's GPS position stays with the council
        budget = PHONE_BUDGET * max(1.0, (width / PHONE_WIDTH) ** 2)
        data, suffix = _encode(resized, saved_as, budget, icc)
        while len(data) > budget and resized.width > 100:
            # Noise that even the lowest quality cannot fit: fewer pixels, still offered as this width
            # (the page's width and height set its size), so a phone never picks a heavier copy.
            resized = resized.resize((resized.width * 4 // 5, max(1, resized.height * 4 // 5)),
                                     Image.Resampling.LANCZOS)
            data, suffix = _encode(resized, saved_as, budget, icc)
        name = f"{digest}-{width}{suffix}"
        file = self.cache / name
        _write(file, data)
        return Copy(f"{PUBLISHED}/{name}", width, height, file)

    def _publish(self, prepared: Prepared) -> None:
        for copy in prepared.copies:
            if copy.path not in self.site.generated:
                self.site.claim(copy.path, "a resized copy of an image")
                self._new.append(copy)

    def _warn_about(self, image: LayerFile, size: int, prepared: Prepared) -> None:
        """What the author of the original should change: its weight, and a position that gives away a place."""
        if prepared.located:
            self.site.problems.warning(
                f"has the place it was taken (GPS) in its metadata, and is published as it is at {image.path}",
                file=image.display,
                hint="Pages show copies without it, but anyone can download the original: save it again "
                     "without location data (photo editors have a setting to remove it).",
            )
        width, height = prepared.width or 0, prepared.height or 0
        if size > self.limits.warn_bytes or max(width, height) > self.limits.warn_side:
            self.site.problems.warning(
                f"is {_megabytes(size)} and {width} × {height} pixels, more than a web page needs",
                file=image.display,
                hint=(f"Residents get smaller copies, but resize the original to at most "
                      f"{self.limits.warn_side:,} pixels and {_megabytes(self.limits.warn_bytes)} "
                      "(a JPEG of quality about 80 suits a photo)."),
            )


def _sizes(width: str | None, natural: int) -> str:
    """The slot an image fills: the screen's width, up to the width the author gave or the file has, or the column."""
    shown = min(int(width) if width and width.isdigit() and int(width) > 0 else natural, COLUMN)
    return f"(max-width: {shown}px) 100vw, {shown}px"


def _widths(width: int) -> list[int]:
    """The copies' widths: the standard ones narrower than the image, and the image's own if it is not too wide."""
    return [candidate for candidate in WIDTHS if candidate < width] + ([width] if width <= WIDTHS[-1] else [])


def _web_mode(picture: Image.Image, saved_as: str) -> Image.Image:
    """A mode browsers show right and the encoder takes: CMYK and 16-bit to RGB, palettes opened up to resize."""
    has_alpha = picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info
    if saved_as == "JPEG":
        return picture if picture.mode in ("RGB", "L") else picture.convert("RGB")
    if has_alpha:
        return picture if picture.mode == "RGBA" else picture.convert("RGBA")
    return picture if picture.mode in ("RGB", "L") else picture.convert("RGB")


def _encode(picture: Image.Image, saved_as: str, budget: float, icc: bytes | None) -> tuple[bytes, str]:
    """The copy's bytes and suffix: the best quality within the budget, or the smallest lgsite can make.

    A PNG over the budget is reduced to 256 colours, and a PNG photo without
    transparency becomes a JPEG: residents get the pixels, not the format.
    """
    extra = {"icc_profile": icc} if icc else {}
    if saved_as == "PNG":
        data = _save(picture, "PNG", optimize=True)
        if len(data) <= budget:
            return data, ".png"
        method = Image.Quantize.FASTOCTREE if picture.mode == "RGBA" else Image.Quantize.MEDIANCUT
        data = _save(picture.quantize(256, method=method), "PNG", optimize=True)
        if len(data) <= budget or picture.mode == "RGBA":
            return data, ".png"
        saved_as = "JPEG"
    fitted = b""
    for quality in JPEG_QUALITIES:
        if saved_as == "WEBP":
            fitted = _save(picture, "WEBP", quality=quality, method=4, **extra)
        else:
            fitted = _save(picture, "JPEG", quality=quality, optimize=True, progressive=True, **extra)
        if len(fitted) <= budget:
            break
    return fitted, ".webp" if saved_as == "WEBP" else ".jpg"


def _save(picture: Image.Image, kind: str, **options: object) -> bytes:
    out = io.BytesIO()
    picture.save(out, kind, **options)
    return out.getvalue()


# --- the cache ----------------------------------------------------------------------------------------------------


def _read_index(index: Path, cache: Path) -> Prepared | None:
    """A prepared image from an earlier build, if its record and every copy are still in the cache."""
    try:
        record = json.loads(index.read_text(encoding="utf-8"))
        copies = tuple(Copy(f"{PUBLISHED}/{name}", width, height, cache / name)
                       for name, width, height in record["copies"])
        prepared = Prepared(record["width"], record["height"], copies, bool(record["located"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return prepared if all(copy.file.is_file() for copy in copies) else None


def _write_index(index: Path, prepared: Prepared) -> None:
    record = {"width": prepared.width, "height": prepared.height, "located": prepared.located,
              "copies": [[copy.file.name, copy.width, copy.height] for copy in prepared.copies]}
    _write(index, json.dumps(record).encode("utf-8"))


def _write(file: Path, data: bytes) -> None:
    """Write whole or not at all: a build stopped half-way must not leave a cut copy for the next to serve."""
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        temporary = file.with_name(f".{file.name}.{os.getpid()}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, file)
    except OSError as error:
        raise LgsiteError(f"cannot write lgsite's cache of resized images here ({error.strerror or error})",
                          file=CACHE, hint="Check the folder can be written, or delete it: lgsite makes it again.")


# --- problems -----------------------------------------------------------------------------------------------------


class _Unreadable(Exception):
    """A file Pillow could not decode; the reason, for the warning that names the page showing it."""


def _unreadable(image: LayerFile, page: Page, reason: str) -> LgsiteError:
    file, line, _ = locate(page, Path(image.path).name)
    where = f" (shown on {file}{f':{line}' if line else ''})"
    return LgsiteError(f"cannot be read as an image: {reason}{where}", file=image.display,
                       hint="Open it in an image editor and save it again as a JPEG or PNG, or replace it.")


def _too_many_pixels(image: LayerFile, width: int, height: int, limit: int) -> LgsiteError:
    return LgsiteError(f"is {width} × {height} pixels, more than lgsite opens ({limit // 1_000_000} million pixels); "
                       "it is sent to residents as it is", file=image.display,
                       hint="Resize it to at most 2,400 pixels wide.")


def _reason(error: Exception) -> str:
    if isinstance(error, UnidentifiedImageError):
        return "it is not a JPEG, PNG, GIF or WebP file"
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 80 else text[:77] + "..."


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


# --- the tag ------------------------------------------------------------------------------------------------------


class _TagReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attrs: list[tuple[str, str | None]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.attrs is None:
            self.attrs = attrs

    handle_startendtag = handle_starttag


def _attributes(tag: str) -> list[tuple[str, str | None]] | None:
    """An `<img>` tag's attributes, decoded, in the order written (a repeated one: the first, as browsers read it)."""
    reader = _TagReader()
    reader.feed(tag)
    reader.close()
    if reader.attrs is None:
        return None
    seen: dict[str, str | None] = {}
    for name, value in reader.attrs:
        seen.setdefault(name, value)
    return list(seen.items())


def _serialise(values: dict[str, str | None]) -> str:
    parts = [name if value is None else f'{name}="{html.escape(value, quote=True)}"' for name, value in values.items()]
    return "<img " + " ".join(parts) + ">"


def _folder(url: str) -> str:
    """The folder addresses on the page at `url` are relative to: the URL itself for a directory URL."""
    return url if url.endswith("/") or not url else posixpath.dirname(url) + "/"


def _relative(path: str, folder: str) -> str:
    """A site path as an address relative to the page's folder, as MkDocs writes them."""
    return posixpath.relpath(path, folder or ".")
