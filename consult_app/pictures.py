"""Check that bytes are a PNG or JPEG picture, decoded whole (the logo, a signature).

Pillow is imported only when a picture is checked: an ordinary start does not load it.
"""

from __future__ import annotations

import io

#: The picture formats the handouts print.
PRINTABLE_FORMATS = ("PNG", "JPEG")


def read_picture(data: bytes, max_pixels: int | None = None) -> tuple[str, int, int]:
    """Return ``(format, width, height)`` of the PNG or JPEG picture in ``data``.

    The picture is decoded whole, so a cut-off or damaged file is refused now rather than when
    it is printed. ``ValueError`` says, in plain words, why ``data`` is not such a picture.
    """
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format or ""
            width, height = image.size
            if max_pixels is not None and max(width, height) > max_pixels:
                raise ValueError(
                    f"it is {width} x {height} pixels; use one at most {max_pixels} pixels "
                    "wide and high"
                )
            if kind in PRINTABLE_FORMATS:
                image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as error:
        raise ValueError("it is not a picture the app can read") from error
    if kind not in PRINTABLE_FORMATS:
        raise ValueError(f"it is a {kind or 'different'} picture, not PNG or JPEG")
    return kind, width, height
