"""Finding the sheet in a phone photo (files/scan.py): corners, the straightened page against the
page that was photographed, and the photos that must be left alone."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import photo_samples as samples
from offsite_cli.files import look, reading, scan

DOCUMENTS = {  # name → (document, camera: tilt, turn, spin, fill)
    "page": (lambda: samples.text_page(), dict(tilt=18, turn=-10, spin=6, fill=0.6)),
    "card": (lambda: samples.card(), dict(tilt=12, turn=8, spin=-10, fill=0.35)),
    "receipt": (lambda: samples.receipt(), dict(tilt=20, turn=5, spin=3, fill=0.5)),
}


def _ink(pixels: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    import cv2

    grey = cv2.cvtColor(pixels, cv2.COLOR_RGB2GRAY) if pixels.ndim == 3 else pixels
    grey = cv2.resize(grey, size, interpolation=cv2.INTER_AREA).astype(np.float64)
    return cv2.GaussianBlur(255 - grey, (5, 5), 0)


def likeness(pixels: np.ndarray, original: np.ndarray) -> float:
    """How well the print of two images lines up: the correlation of their ink (darkness),
    both at a quarter of the original's size and slightly blurred. 1 is the same page; text
    shifted by a line or turned over gives well under 0.5."""
    size = (original.shape[1] // 4, original.shape[0] // 4)
    return float(np.corrcoef(_ink(pixels, size).ravel(), _ink(original, size).ravel())[0, 1])


@pytest.mark.parametrize("name, orientation", [("page", 1), ("page", 6), ("page", 8), ("page", 3),
                                               ("card", 1), ("card", 6), ("receipt", 1), ("receipt", 8)])
def test_corners_are_found_within_two_percent_and_the_straightened_sheet_matches(
        tmp_path: Path, name: str, orientation: int) -> None:
    make, camera = DOCUMENTS[name]
    document = make()
    path, truth = samples.document_photo(tmp_path / f"{name}.jpg", document, orientation=orientation,
                                         seed=orientation, **camera)
    info = reading.read(path, path.name, keep=True)
    sheet = info.sheet
    assert sheet is not None and sheet.found, sheet
    # the corners, in the upright picture, within 2 % of the sheet's size in the photo
    sheet_size = max(np.linalg.norm(truth[1] - truth[0]), np.linalg.norm(truth[3] - truth[0]))
    error = np.abs(np.array(sheet.corners) - truth).max()
    assert error <= 0.02 * sheet_size, (error, sheet_size)
    # the shape recovered from the perspective: the document's own (width : height)
    width, height = document.size
    assert sheet.size[0] / sheet.size[1] == pytest.approx(width / height, rel=0.02)
    straightened = scan.straighten(info.data, info.kind, orientation, sheet)
    assert straightened.shape[:2] == (sheet.size[1], sheet.size[0])
    whole = np.asarray(document)
    inset_y, inset_x = round(scan.INSET * whole.shape[0]), round(scan.INSET * whole.shape[1])
    original = whole[inset_y:whole.shape[0] - inset_y, inset_x:whole.shape[1] - inset_x]  # edges left off
    # as the build draws it: a card in its colours, a page or a receipt with the copier's look
    drawn = straightened if name == "card" else look.copier_look(straightened, "gray")[0]
    assert likeness(drawn, original) >= 0.8
    # the measure tells a wrong result: the same pixels upside down, or a line off, do not match
    assert likeness(straightened[::-1, ::-1].copy(), original) < 0.5
    assert likeness(np.roll(straightened, straightened.shape[0] // 12, axis=0), original) < 0.6


@pytest.mark.parametrize("make, outcome", [
    (samples.no_document, scan.Outcome.NONE),
    (samples.filling, scan.Outcome.FILLS),
    (samples.filling_photo, scan.Outcome.FILLS),
    (samples.dark, scan.Outcome.DARK),
    (samples.screenshot, scan.Outcome.FILLS),
])
def test_photos_without_a_sheet_to_straighten_are_left_alone(tmp_path: Path, make, outcome: str) -> None:  # noqa: ANN001
    path = make(tmp_path / "photo.jpg")
    info = reading.read(path, path.name)
    assert info.sheet is not None and info.sheet.outcome == outcome
    assert not info.sheet.found and info.sheet.corners == ()
    assert info.readable and info.passthrough  # it goes into the PDF byte for byte


def test_the_look_whitens_a_shadowed_page_and_keeps_a_red_seal(tmp_path: Path) -> None:
    document = samples.text_page()
    path, _ = samples.document_photo(tmp_path / "page.jpg", document)
    info = reading.read(path, path.name, keep=True)
    pixels = scan.straighten(info.data, info.kind, 1, info.sheet)
    grey, used = look.copier_look(pixels, "auto")
    assert used == "color"  # the red seal keeps the page in colour
    paper = grey[grey.min(axis=2) > 128] if grey.ndim == 3 else grey[grey > 128]
    assert np.median(paper) >= 250
    shadowed = (slice(0, pixels.shape[0] // 4), slice(pixels.shape[1] * 3 // 4, None))
    assert np.percentile(pixels[shadowed], 75) < 220  # the photo's shadow, in one corner
    assert np.percentile(grey[shadowed], 75) >= 245  # paper-white again
    assert look.copier_look(pixels, "gray")[0].ndim == 2
    bw, _ = look.copier_look(pixels, "bw")
    assert set(np.unique(bw)) <= {0, 255}
    assert likeness(bw, np.asarray(document)) >= 0.7


def test_a_picture_keeps_its_pixels_under_auto() -> None:
    rng = np.random.default_rng(3)
    picture = np.clip(rng.normal(110, 50, (400, 300, 3)), 0, 255).astype(np.uint8)
    kept, used = look.copier_look(picture, "auto")
    assert used == "off" and kept is picture


def test_the_sheet_is_found_once_per_photo_and_never_at_full_size(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from PIL import Image

    path, _ = samples.document_photo(tmp_path / "page.jpg", samples.text_page(), size=(2400, 1800))
    sizes: list[tuple[int, int]] = []
    load = Image.Image.load

    def counting(self):  # noqa: ANN001, ANN202
        sizes.append(self.size)
        return load(self)

    monkeypatch.setattr(Image.Image, "load", counting)
    info = reading.read(path, path.name)
    assert info.sheet.found
    assert sizes and all(max(size) <= 1200 for size in sizes)  # a draft: 1/2 or less
