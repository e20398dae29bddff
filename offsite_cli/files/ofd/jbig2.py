"""A JBIG2 file (ITU T.88 Annex D) turned into the embedded stream that PDF's JBIG2Decode takes, without decoding a pixel.

PDF wants the segments of one page without the file header and without end-of-page and
end-of-file segments (ISO 32000-1 §7.4.7); the page size comes from the page information segment.
"""

from __future__ import annotations

from offsite_cli.files.ofd.errors import OfdError

_MAGIC = b"\x97JB2\r\n\x1a\n"
_PAGE_INFORMATION, _END_OF_PAGE, _END_OF_STRIPE, _END_OF_FILE = 48, 49, 50, 51


def is_jbig2(data: bytes) -> bool:
    return data.startswith(_MAGIC)


def _header(data: bytes, position: int) -> tuple[int, int, int, int]:
    """(type, page, header end, data length) of the segment header at `position`."""
    if position + 6 > len(data):
        raise OfdError("JBIG2: a segment header is cut short")
    number = int.from_bytes(data[position:position + 4], "big")
    flags = data[position + 4]
    kind = flags & 0x3F
    position += 5
    referred = data[position] >> 5
    if referred == 7:
        if position + 4 > len(data):
            raise OfdError("JBIG2: a segment header is cut short")
        referred = int.from_bytes(data[position:position + 4], "big") & 0x1FFFFFFF
        position += 4 + (referred + 8) // 8
    else:
        position += 1
    size = 1 if number <= 256 else 2 if number <= 65536 else 4
    position += referred * size
    page_size = 4 if flags & 0x40 else 1
    if position + page_size + 4 > len(data):
        raise OfdError("JBIG2: a segment header is cut short")
    page = int.from_bytes(data[position:position + page_size], "big")
    position += page_size
    length = int.from_bytes(data[position:position + 4], "big")
    position += 4
    if length == 0xFFFFFFFF:
        raise OfdError("JBIG2: a segment of unknown length (not supported without decoding)")
    return kind, page, position, length


def embedded(data: bytes) -> tuple[bytes, int, int]:
    """The PDF stream and the image's width and height in pixels; OfdError when it is not a JBIG2
    file we can carry (random-access organisation, striped pages of unknown height, several pages)."""
    if not is_jbig2(data) or len(data) < 9:
        raise OfdError("not a JBIG2 file")
    flags = data[8]
    position = 9 if flags & 0x02 else 13
    if not flags & 0x01:
        raise OfdError("JBIG2: random-access organisation is not supported")
    kept: list[bytes] = []
    width = height = 0
    pages: set[int] = set()
    while position < len(data):
        kind, page, body, length = _header(data, position)
        end = body + length
        if end > len(data):
            raise OfdError("JBIG2: a segment runs past the end of the file")
        if page:
            pages.add(page)
        if kind == _PAGE_INFORMATION:
            if length < 8:
                raise OfdError("JBIG2: the page information segment is cut short")
            width = int.from_bytes(data[body:body + 4], "big")
            height = int.from_bytes(data[body + 4:body + 8], "big")
        if kind not in (_END_OF_PAGE, _END_OF_FILE):
            kept.append(data[position:end])
        position = end
        if kind == _END_OF_FILE:
            break
    if len(pages) > 1:
        raise OfdError(f"JBIG2: {len(pages)} pages in one image")
    if not (0 < width < 1 << 20 and 0 < height < 1 << 20):
        raise OfdError("JBIG2: no page size (striped pages of unknown height are not supported)")
    return b"".join(kept), width, height
