"""Every PDF the tool writes in the suite is checked for structural problems with pikepdf (qpdf):
a warning of any kind fails the test that wrote it (wired in conftest.py, for every test)."""

from __future__ import annotations

import io
from pathlib import Path


def problems(data: bytes) -> list[str]:
    """What qpdf finds wrong with a PDF: its syntax check (`qpdf --check`: the streams decoded) and
    every warning met parsing its objects (a name token with a null character, a broken xref…)."""
    import warnings

    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(data)) as document, warnings.catch_warnings():
            # Without jbig2dec (not a pip package), qpdf checks a JBIG2 stream's structure, not
            # its pixels: an OFD's QR code goes into the PDF as JBIG2, as it came.
            warnings.filterwarnings("ignore", message="pikepdf is missing some specialized decoders")
            found = [str(problem) for problem in document.check_pdf_syntax()]  # decodes streams
            for _ in document.objects:  # every object parsed: a bad token anywhere is a warning
                pass
            found += [str(warning) for warning in document.get_warnings()]
            found += dangling(document)
    except pikepdf.PdfError as error:
        return [f"cannot be opened: {error}"]
    return found


def check_file(path: Path) -> list[str]:
    return problems(Path(path).read_bytes())


def dangling(document) -> list[str]:  # noqa: ANN001 - a pikepdf.Pdf
    """The images, forms and fonts a page's resources name that are not in the file (a
    reference to a removed object reads as null: qpdf says nothing, a viewer draws nothing)."""
    found: list[str] = []
    seen: set[tuple[int, int]] = set()

    def walk(resources, where: str) -> None:  # noqa: ANN001
        if resources is None:
            return
        for kind in ("/XObject", "/Font"):
            entries = resources.get(kind)
            if entries is None:
                continue
            for name, value in entries.items():
                if value is None:
                    found.append(f"{where}: {kind} {name} points at nothing")
                elif kind == "/XObject" and value.get("/Subtype") == "/Form" and "/Resources" in value:
                    if value.is_indirect:
                        if value.objgen in seen:
                            continue
                        seen.add(value.objgen)
                    walk(value.get("/Resources"), where)

    for number, page in enumerate(document.pages, start=1):
        walk(page.obj.get("/Resources"), f"page {number}")
    return found
