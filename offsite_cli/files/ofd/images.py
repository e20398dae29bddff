"""Images into the PDF as image XObjects: JPEG, JBIG2 and plain PNG carried as they are (DCTDecode, JBIG2Decode, FlateDecode with PNG predictors), other PNG, BMP, GIF and TIFF decoded with Pillow within a pixel limit, alpha as a soft mask.

reportlab's drawImage would decode every JPEG to hash it and cannot take JBIG2 at all, so the
XObjects are written here and registered with the canvas the way drawImage registers its own.
"""

from __future__ import annotations

import hashlib
import io
import zlib

from offsite_cli.files.ofd import jbig2
from offsite_cli.files.ofd.errors import Limits, OfdError


def _png_as_is(data: bytes) -> tuple[int, int, int, bytes] | None:
    """(width, height, colours, zlib data) of a PNG that PDF's FlateDecode takes as it is (8-bit
    grey or RGB, not interlaced, no transparency: PNG predictors are PDF's); None for any other."""
    import struct

    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        return None
    position, header, chunks = 8, None, []
    while position + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        if kind == b"IHDR" and length == 13:
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        elif kind in (b"tRNS", b"PLTE"):
            return None
        elif kind == b"IEND":
            break
        position += 12 + length
    if header is None or not chunks:
        return None
    width, height, depth, colour_type, _, _, interlace = header
    if depth != 8 or colour_type not in (0, 2) or interlace:
        return None
    return width, height, 1 if colour_type == 0 else 3, b"".join(chunks)


def _stream_object(width: int, height: int, colour_space: str, bits: int, filter_name: str, content: bytes,
                   decode: list[int] | None = None, smask=None, predictor_colours: int = 0):  # noqa: ANN001, ANN202
    from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFObject, PDFStream

    class _Image(PDFObject):
        def format(self, document):  # noqa: ANN001, ANN202
            stream = PDFStream(content=content)
            entries = stream.dictionary
            entries["Type"] = PDFName("XObject")
            entries["Subtype"] = PDFName("Image")
            entries["Width"] = width
            entries["Height"] = height
            entries["BitsPerComponent"] = bits
            entries["ColorSpace"] = PDFName(colour_space)
            entries["Filter"] = PDFName(filter_name)
            if decode:
                entries["Decode"] = PDFArray(decode)
            if smask is not None:
                entries["SMask"] = smask
            if predictor_colours:
                entries["DecodeParms"] = PDFDictionary({"Predictor": 15, "Colors": predictor_colours,
                                                        "BitsPerComponent": 8, "Columns": width})
            entries["Length"] = len(content)
            return stream.format(document)

    return _Image()


def _register(canvas, key: str, make) -> str:  # noqa: ANN001
    """The resource name of the XObject `key`, made by `make()` the first time it is asked for."""
    name = f"OfdImage{key}"
    registered = canvas._doc.getXObjectName(name)
    if canvas._doc.idToObject.get(registered) is None:
        canvas._doc.Reference(make(), registered)
    return name


def _show(canvas, name: str) -> None:  # noqa: ANN001
    canvas._code.append(f"/{canvas._doc.getXObjectName(name)} Do")
    canvas._formsinuse.append(name)
    canvas._currentPageHasImages = 1


def draw(canvas, data: bytes, limits: Limits) -> str:  # noqa: ANN001
    """Draw the image into the unit square of the current user space, its first row at y = 1;
    the name returned draws it again with `show`, without reading or hashing it."""
    key = hashlib.sha1(data).hexdigest()[:16]
    name = f"OfdImage{key}"
    if canvas._doc.idToObject.get(canvas._doc.getXObjectName(name)) is None:
        _make(canvas, key, data, limits)
    _show(canvas, name)
    return name


def show(canvas, name: str) -> None:  # noqa: ANN001
    _show(canvas, name)


def _make(canvas, key: str, data: bytes, limits: Limits) -> None:  # noqa: ANN001
    if jbig2.is_jbig2(data):
        stream, width, height = jbig2.embedded(data)
        if width * height > limits.max_image_pixels * 8:  # one bit a pixel: eight times the pixels
            raise OfdError(f"the JBIG2 image has {width} × {height} pixels, more than the limit")
        _register(canvas, key, lambda: _stream_object(width, height, "DeviceGray", 1, "JBIG2Decode", stream))
        return
    as_is = _png_as_is(data)
    if as_is is not None:
        width, height, colours, pixels = as_is
        if width * height > limits.max_image_pixels or width <= 0 or height <= 0:
            raise OfdError(f"the image has {width} × {height} pixels, more than the limit")
        space = "DeviceGray" if colours == 1 else "DeviceRGB"
        _register(canvas, key, lambda: _stream_object(width, height, space, 8, "FlateDecode", pixels,
                                                      predictor_colours=colours))
        return
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        width, height = image.size
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as error:
        raise OfdError(f"the image cannot be read ({type(error).__name__})") from None
    if width * height > limits.max_image_pixels or width <= 0 or height <= 0:
        raise OfdError(f"the image has {width} × {height} pixels, more than the limit")
    if image.format == "JPEG" and image.mode in ("L", "RGB", "CMYK"):
        space = {"L": "DeviceGray", "RGB": "DeviceRGB", "CMYK": "DeviceCMYK"}[image.mode]
        # Adobe writes CMYK JPEGs inverted; PDF readers follow the Decode array.
        decode = [1, 0, 1, 0, 1, 0, 1, 0] if image.mode == "CMYK" and "adobe" in image.info else None
        _register(canvas, key, lambda: _stream_object(width, height, space, 8, "DCTDecode", data, decode))
        return
    try:
        image.load()
        if image.mode in ("P", "PA", "LA", "RGBA", "La", "RGBa") or "transparency" in image.info:
            image = image.convert("RGBA")
        elif image.mode not in ("L", "RGB"):
            image = image.convert("RGB")
    except (OSError, ValueError, SyntaxError) as error:
        raise OfdError(f"the image cannot be decoded ({type(error).__name__})") from None
    smask = None
    if image.mode == "RGBA":
        alpha = image.getchannel("A")
        image = image.convert("RGB")
        if alpha.getextrema() != (255, 255):
            mask_bytes = zlib.compress(alpha.tobytes(), 6)
            mask_name = _register(canvas, key + "m", lambda: _stream_object(
                width, height, "DeviceGray", 8, "FlateDecode", mask_bytes))
            from reportlab.pdfbase.pdfdoc import PDFObjectReference

            smask = PDFObjectReference(canvas._doc.getXObjectName(mask_name))
    space = "DeviceGray" if image.mode == "L" else "DeviceRGB"
    pixels = zlib.compress(image.tobytes(), 6)
    _register(canvas, key, lambda: _stream_object(width, height, space, 8, "FlateDecode", pixels, smask=smask))
