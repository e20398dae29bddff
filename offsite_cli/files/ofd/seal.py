"""The seal picture inside a signature (GB/T 38540 SES_Signature / SESeal, DER): the OCTET STRING that holds a PNG, JPEG, GIF, BMP or OFD picture.

We do not verify signatures; we only find the picture that the stamp shows, by walking the DER
tree (bounded in depth and size) for an OCTET STRING whose bytes start like a picture.
"""

from __future__ import annotations

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"BM", "bmp"),
    (b"PK\x03\x04", "ofd"),
)
_MAX_DEPTH = 24
_MAX_NODES = 20_000


def kind_of(data: bytes) -> str:
    """png, jpeg, gif, bmp, ofd, or "" for bytes that start like none of them."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            if kind == "bmp" and len(data) < 26:
                continue
            return kind
    return ""


def picture(data: bytes) -> tuple[bytes, str]:
    """The first picture found in a DER signature or seal, and its kind; (b"", "") when none."""
    found: list[tuple[bytes, str]] = []
    nodes = [0]
    try:
        _walk(data, 0, len(data), 0, found, nodes)
    except ValueError:
        pass  # not DER (or damaged): fall back to a plain search for a PNG, which carries its own end
    if found:
        return found[0]
    start = data.find(b"\x89PNG\r\n\x1a\n")
    end = data.find(b"IEND", start)
    if start >= 0 and end > start:
        return data[start:end + 8], "png"
    return b"", ""


def _walk(data: bytes, start: int, end: int, depth: int, found: list[tuple[bytes, str]], nodes: list[int]) -> None:
    if depth > _MAX_DEPTH:
        raise ValueError("too deep")
    position = start
    while position < end and not found:
        nodes[0] += 1
        if nodes[0] > _MAX_NODES:
            raise ValueError("too many nodes")
        tag = data[position]
        position += 1
        if tag & 0x1F == 0x1F:  # a high tag number: skip its continuation bytes
            while position < end and data[position] & 0x80:
                position += 1
            position += 1
        if position >= end:
            raise ValueError("truncated")
        length = data[position]
        position += 1
        if length & 0x80:
            count = length & 0x7F
            if count == 0 or count > 4 or position + count > end:
                raise ValueError("indefinite or too long a length")
            length = int.from_bytes(data[position:position + count], "big")
            position += count
        if position + length > end:
            raise ValueError("content beyond its parent")
        if tag & 0x20:
            _walk(data, position, position + length, depth + 1, found, nodes)
        elif tag == 0x04 or tag & 0xC0 == 0x80:  # OCTET STRING, or a context-specific primitive
            content = data[position:position + length]
            kind = kind_of(content)
            if kind:
                found.append((content, kind))
        position += length
