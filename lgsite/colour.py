"""Colour contrast (WCAG 2.x) for the council's brand colour."""

from __future__ import annotations

import colorsys
import re

HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
WHITE = "#ffffff"
AA_NORMAL_TEXT = 4.5


def parse_hex(value: str) -> tuple[float, float, float]:
    digits = value.lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return tuple(int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def to_hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02x}" for c in rgb)


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def luminance(value: str) -> float:
    r, g, b = (_linear(c) for c in parse_hex(value))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def darker_shade(value: str, against: str = WHITE, target: float = AA_NORMAL_TEXT) -> str:
    """The lightest shade of the same hue that reaches `target` contrast against `against`.

    Keeping hue and saturation means the suggestion still looks like the brand.
    """
    hue, lightness, saturation = colorsys.rgb_to_hls(*parse_hex(value))
    for step in range(int(lightness * 100), -1, -1):
        candidate = to_hex(colorsys.hls_to_rgb(hue, step / 100, saturation))
        if contrast(candidate, against) >= target + 0.05:
            return candidate
    return "#000000"
