"""A PDF page as a Form XObject of another PDF (with its visible form fields and stamps), and
pypdf's repair warnings collected instead of printed.

`page_form` is what the build does with every page of a PDF; the reader runs it on each page
into a scratch writer, so a page it cannot convert is refused by `dossier check`, not half-way
through `dossier build`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

MAX_ANNOTATIONS = 2000  # per page; more are not drawn


@contextmanager
def quiet_pypdf() -> Iterator[list[str]]:
    """pypdf's own warnings (repairs of damaged files) collected instead of printed."""
    logger = logging.getLogger("pypdf")
    collected: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            collected.append(record.getMessage())

    handler = Collect(logging.WARNING)
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield collected
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def add_object(writer: Any, obj: Any) -> Any:
    """An indirect object of `writer`. pypdf has no public call for this (a stream must be
    indirect, and `PdfWriter` only makes objects indirect through page and clone operations)."""
    return writer._add_object(obj)


def page_form(writer: Any, page: Any, box: tuple[float, float, float, float]
              ) -> tuple[Any, list[tuple[Any, tuple[float, ...]]]]:
    """A PDF page as a Form XObject in `writer` (its crop box `box`, as the reader checked it),
    and its visible annotations (form fields, stamps) as (appearance XObject, matrix in page
    space) to draw over it: that flattens the fields, and the original's /AcroForm never reaches
    the output, so no field names can collide. Raises on a page whose content cannot be read."""
    from pypdf.generic import (
        ArrayObject, DecodedStreamObject, DictionaryObject, EncodedStreamObject, FloatObject,
        NameObject, StreamObject,
    )

    contents = page.get("/Contents")
    contents = contents.get_object() if contents is not None else None
    if isinstance(contents, StreamObject):
        form: Any = EncodedStreamObject() if "/Filter" in contents else DecodedStreamObject()
        contents.get_data()  # a filter that cannot be decoded fails here, not in a viewer
        # The encoded bytes as they are (no decoding and re-compression): pypdf has no public
        # setter for a stream's encoded data, only `set_data`, which takes decoded data.
        form._data = contents._data
        for key in ("/Filter", "/DecodeParms"):
            if key in contents:
                form[NameObject(key)] = contents.raw_get(key).clone(writer)
    else:
        form = DecodedStreamObject()
        parts = [part.get_object().get_data() for part in contents] if isinstance(contents, ArrayObject) else []
        form.set_data(b"\n".join(parts))
        if len(form.get_data()) > 256:
            form = form.flate_encode()
    form[NameObject("/Type")] = NameObject("/XObject")
    form[NameObject("/Subtype")] = NameObject("/Form")
    form[NameObject("/BBox")] = ArrayObject(FloatObject(v) for v in box)
    resources = page.get("/Resources")
    resources = resources.get_object() if resources is not None else None
    form[NameObject("/Resources")] = resources.clone(writer) if isinstance(resources, DictionaryObject) \
        else DictionaryObject()
    group = page.get("/Group")
    if group is not None and isinstance(group.get_object(), DictionaryObject):
        form[NameObject("/Group")] = page.raw_get("/Group").clone(writer)
    return add_object(writer, form), _annotations(writer, page)


def _annotations(writer: Any, page: Any) -> list[tuple[Any, tuple[float, ...]]]:
    """The visible appearances of a page's annotations; one that cannot be read is not drawn
    (a broken stamp does not make the page unreadable)."""
    annotations = page.get("/Annots")
    try:
        annotations = list(annotations.get_object()) if annotations is not None else []
    except (TypeError, AttributeError):
        return []
    drawn: list[tuple[Any, tuple[float, ...]]] = []
    for reference in annotations[:MAX_ANNOTATIONS]:
        try:
            found = _appearance(writer, reference)
        except (KeyError, ValueError, TypeError, AttributeError, IndexError, RecursionError,
                ArithmeticError):
            continue
        except Exception as error:  # noqa: BLE001 - pypdf's own read errors on a broken stamp
            if type(error).__module__.startswith("pypdf"):
                continue
            raise
        if found is not None:
            drawn.append(found)
    return drawn


def _appearance(writer: Any, reference: Any) -> tuple[Any, tuple[float, ...]] | None:
    from pypdf.generic import DictionaryObject, StreamObject

    annotation = reference.get_object() if reference is not None else None
    if not isinstance(annotation, DictionaryObject):
        return None
    flags = annotation.get("/F", 0)
    flags = int(flags) if isinstance(flags, int) else 0  # a string /F: no flags
    if annotation.get("/Subtype") in ("/Popup", "/Link") or flags & (2 | 32):
        return None
    appearances = annotation.get("/AP")
    appearances = appearances.get_object() if appearances is not None else None
    if not isinstance(appearances, DictionaryObject) or appearances.get("/N") is None:
        return None
    normal = appearances["/N"]
    if isinstance(normal, StreamObject):
        appearance_ref = appearances.raw_get("/N")
    elif isinstance(normal, DictionaryObject):  # on/off states
        state = annotation.get("/AS")
        if state is None or state not in normal:
            return None
        appearance_ref = normal.raw_get(state)
    else:
        return None
    stream = appearance_ref.get_object()
    if not isinstance(stream, StreamObject):
        return None
    rect = [float(v) for v in annotation.get("/Rect", [0, 0, 0, 0])][:4]
    bbox = [float(v) for v in stream.get("/BBox", [0, 0, 0, 0])][:4]
    matrix = tuple(float(v) for v in stream.get("/Matrix", [1, 0, 0, 1, 0, 0]))[:6]
    if len(rect) != 4 or len(bbox) != 4 or len(matrix) != 6:
        return None
    corners = [(bbox[0], bbox[1]), (bbox[2], bbox[1]), (bbox[0], bbox[3]), (bbox[2], bbox[3])]
    moved = [(matrix[0] * x + matrix[2] * y + matrix[4], matrix[1] * x + matrix[3] * y + matrix[5])
             for x, y in corners]
    left, right = min(p[0] for p in moved), max(p[0] for p in moved)
    bottom, top = min(p[1] for p in moved), max(p[1] for p in moved)
    if right - left <= 0 or top - bottom <= 0:
        return None
    x0, y0, x1, y1 = min(rect[0], rect[2]), min(rect[1], rect[3]), max(rect[0], rect[2]), max(rect[1], rect[3])
    sx, sy = (x1 - x0) / (right - left), (y1 - y0) / (top - bottom)
    return appearance_ref.clone(writer), (sx, 0, 0, sy, x0 - sx * left, y0 - sy * bottom)
