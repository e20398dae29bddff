"""Every page into one pypdf writer: the cover and stamps (the overlay), each original under its
stamp as a Form XObject placed by one matrix, photos as JPEG image XObjects, bookmarks, metadata."""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from offsite_cli.base import atomic
from offsite_cli.base.errors import WorkFailed
from offsite_cli.base.i18n import text
from offsite_cli.files.pdfpage import add_object, page_form, quiet_pypdf
from offsite_cli.files.reading import FileInfo
from offsite_cli.pdf import pages
from offsite_cli.pdf.cover import CoverData
from offsite_cli.pdf.plan import Section

Progress = Callable[[int, int], None]  # (done, total)


def assemble(sections: list[Section], overlay: bytes, cover_pages: int, total: int, cover: CoverData,
             font_path: str | None, created: datetime | None, temporary: Path,
             compressed: dict[int, list[pages.Jpeg]], progress: Progress | None) -> None:
    """Every page into one pypdf writer, then written to `temporary` (beside the output)."""
    from pypdf import PdfReader, PdfWriter

    with quiet_pypdf():
        overlay_reader = PdfReader(io.BytesIO(overlay))
        writer = PdfWriter()
        for index in range(cover_pages):
            writer.add_page(overlay_reader.pages[index])
        index = cover_pages
        done = 0
        for section in sections:
            drawn: dict[int, list[tuple[bool, list[tuple[str, Any, tuple[float, ...]]]]]] = {}
            for output in section.layout:  # the output pages of layout.lay_out
                page = writer.add_page(overlay_reader.pages[index])
                first = output.placed[0]
                if len(output.placed) == 1 and first.box is None:  # a file's page, fitted
                    key = id(first.source)
                    if key not in drawn:
                        drawn[key] = _drawings(writer, first.source, font_path, compressed.get(key))
                    original, drawings = drawn[id(first.source)][first.frame]
                    _draw_under(writer, page, drawings, nested=original)
                else:
                    _draw_under(writer, page, _placed(writer, output.placed, compressed))
                index += 1
                done += 1
                if progress:
                    progress(done, total - cover_pages)
        _outline(writer, sections, cover, cover_pages)
        _metadata(writer, cover, created)
        writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
        digest = hashlib.md5(overlay, usedforsecurity=False)
        for section in sections:
            for source in section.sources:
                digest.update(f"{source.relative}\0{source.sha256}\0".encode("utf-8", "surrogateescape"))  # a name that is not UTF-8
        _identify(writer, digest.digest())
        with open(temporary, "wb") as handle:
            behind = atomic.WriteBehind(handle)
            writer.write(behind)  # (failed or stopped: the file is removed, no disk waited for)
            behind.finish()
            os.fsync(handle.fileno())


def _identify(writer: Any, identifier: bytes) -> None:
    """The file identifier from the content, so that the same dossier gives the same bytes.
    pypdf's public `generate_file_identifiers` draws random bytes; only `_ID` can be set."""
    from pypdf.generic import ArrayObject, ByteStringObject

    value = ByteStringObject(identifier)
    writer._ID = ArrayObject([value, value])


def _drawings(writer: Any, source: FileInfo, font_path: str | None, compressed: list[pages.Jpeg] | None
              ) -> list[tuple[bool, list[tuple[str, Any, tuple[float, ...]]]]]:
    """For each page a file gives: whether it is a PDF page (its fields nest in its matrix), and
    the XObjects to draw under the stamp with their matrices."""
    try:
        if source.kind in ("pdf", "ofd"):  # an OFD as the reader drew it
            return [(True, _pdf_page(writer, source.pdf.pages[number], page))
                    for number, page in enumerate(source.pdf_pages)]
        jpegs = pages.jpegs(source, compressed)
        if jpegs is not None:  # straight in: no reportlab round trip
            return [(False, [("/OffsiteImage", add_object(writer, pages.jpeg_xobject(jpeg)),
                              pages.frame_matrix(frame))])
                    for frame, jpeg in zip(source.frames, jpegs, strict=True)]
        from pypdf import PdfReader

        from offsite_cli.base import fonts

        laid_out = PdfReader(io.BytesIO(pages.image_pdf(source, fonts.register(font_path))))
        return [(True, _form_drawings(writer, page, (0.0, 0.0, float(page.mediabox.right),
                                                     float(page.mediabox.top)), (1, 0, 0, 1, 0, 0)))
                for page in laid_out.pages]
    except WorkFailed:
        raise
    except Exception as error:  # noqa: BLE001 - the reader passed it: a failure here is ours
        raise WorkFailed("build_file_failed", file=source.relative,
                         reason=f"{type(error).__name__}: {str(error)[:100]}") from None


def _placed(writer: Any, placed: list[Any], compressed: dict[int, list[pages.Jpeg]]
            ) -> list[tuple[str, Any, tuple[float, ...]]]:
    """Photos drawn into their boxes (layout.Placed): a straightened sheet as it was made
    (upright), a photo as taken turned upright by its EXIF orientation."""
    drawings = []
    for number, item in enumerate(placed):
        source = item.source
        try:
            jpeg = pages.jpegs(source, compressed.get(id(source)))[item.frame]  # type: ignore[index]
        except Exception as error:  # noqa: BLE001 - the reader passed it: a failure here is ours
            raise WorkFailed("build_file_failed", file=source.relative,
                             reason=f"{type(error).__name__}: {str(error)[:100]}") from None
        orientation = 1 if item.straightened else source.frames[item.frame].orientation
        drawings.append((f"/OffsiteImage{number or ''}", add_object(writer, pages.jpeg_xobject(jpeg)),
                         pages.orientation_matrix(orientation, *item.box)))
    return drawings


def _pdf_page(writer: Any, original: Any, page: Any) -> list[tuple[str, Any, tuple[float, ...]]]:
    matrix = pages.placement(page.box, page.rotation, page.landscape)
    return _form_drawings(writer, original, page.box, matrix)


def _form_drawings(writer: Any, original: Any, box: tuple[float, float, float, float],
                   matrix: tuple[float, ...]) -> list[tuple[str, Any, tuple[float, ...]]]:
    """The page as a Form XObject placed by `matrix`, its fields drawn inside that matrix (they are
    positioned in its page space)."""
    form, annotations = page_form(writer, original, box)
    drawings = [("/OffsiteOriginal", form, matrix)]
    drawings += [(f"/OffsiteField{number}", appearance, annotation_matrix)
                 for number, (appearance, annotation_matrix) in enumerate(annotations)]
    return drawings


def _draw_under(writer: Any, page: Any, drawings: list[tuple[str, Any, tuple[float, ...]]],
                nested: bool = False) -> None:
    """Draw XObjects (name, object, matrix) before the page's own content (the stamp) so that the
    stamp stays on top. `nested`: every drawing after the first is placed inside the first's
    matrix (form fields over their page)."""
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

    resources = DictionaryObject(page["/Resources"].items()) if "/Resources" in page else DictionaryObject()
    xobjects = DictionaryObject(resources["/XObject"].items()) if "/XObject" in resources else DictionaryObject()
    drawing = []
    for number, (name, xobject, matrix) in enumerate(drawings):
        xobjects[NameObject(name)] = xobject
        if nested and number:
            drawing.append(b"q " + _numbers(matrix) + b" cm " + name.encode() + b" Do Q")
        else:
            drawing.append(b"q " + _numbers(matrix) + b" cm " + name.encode() + b" Do" +
                           (b"" if nested else b" Q"))
    if nested:
        drawing.append(b"Q")
    drawing[-1] += b"\n"
    resources[NameObject("/XObject")] = xobjects
    page[NameObject("/Resources")] = resources
    stream = DecodedStreamObject()
    stream.set_data(b"\n".join(drawing))
    existing = page.raw_get("/Contents") if "/Contents" in page else None
    contents = ArrayObject([add_object(writer, stream)])
    if isinstance(existing, ArrayObject):
        contents.extend(existing)
    elif existing is not None:
        contents.append(existing)
    page[NameObject("/Contents")] = contents


def _numbers(values: tuple[float, ...]) -> bytes:
    return " ".join(f"{v:.4f}".rstrip("0").rstrip(".") if v % 1 else str(int(v)) for v in values).encode()


def _outline(writer: Any, sections: list[Section], cover: CoverData, cover_pages: int) -> None:
    writer.add_outline_item(title=text("build.cover", cover.lang), page_number=0)
    for section in sections:
        parent = writer.add_outline_item(title=section.title, page_number=section.first - 1)
        starts: dict[int, int] = {}  # each file's bookmark: the first page it is drawn on
        for offset, output in enumerate(section.layout):
            for item in output.placed:
                starts.setdefault(id(item.source), section.first + offset)
        for source, title in zip(section.sources, section.titles, strict=True):
            writer.add_outline_item(title=title, page_number=starts[id(source)] - 1, parent=parent)
    writer.page_mode = "/UseOutlines"


def _metadata(writer: Any, cover: CoverData, created: datetime | None) -> None:
    from offsite_cli import __version__

    created = created or datetime.now(timezone.utc)
    stamp = created.astimezone(timezone.utc).strftime("D:%Y%m%d%H%M%SZ")
    title = (cover.title or text("build.title", cover.lang)) + (f" — {cover.name}" if cover.name else "")
    writer.add_metadata({
        "/Title": title, "/Author": cover.unit or "", "/Subject": cover.subject,
        "/Creator": f"offsite {__version__}", "/Producer": f"offsite {__version__} (reportlab, pypdf)",
        "/CreationDate": stamp, "/ModDate": stamp,
    })
