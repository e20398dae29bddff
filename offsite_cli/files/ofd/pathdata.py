"""AbbreviatedData (GB/T 33190 §9.3.2): the path operators S M L Q B A C read, and reduced to moves, lines, cubic curves and closes."""

from __future__ import annotations

import math

from offsite_cli.files.ofd.errors import OfdError
from offsite_cli.files.ofd.model import PathOp

_ARITY = {"S": 2, "M": 2, "L": 2, "Q": 4, "B": 6, "A": 7, "C": 0}


def parse(data: str, max_operations: int, max_coordinate: float) -> tuple[PathOp, ...]:
    """The operators of an AbbreviatedData string; OfdError naming the first one that is wrong."""
    tokens = data.replace(",", " ").split()
    ops: list[PathOp] = []
    index = 0
    while index < len(tokens):
        op = tokens[index]
        if op not in _ARITY:
            raise OfdError(f"unknown path operator {op[:12]!r}")
        arity = _ARITY[op]
        numbers_text = tokens[index + 1:index + 1 + arity]
        if len(numbers_text) < arity:
            raise OfdError(f"path operator {op} needs {arity} numbers, has {len(numbers_text)}")
        try:
            numbers = tuple(float(number) for number in numbers_text)
        except ValueError:
            raise OfdError(f"path operator {op} has a number that is not one") from None
        if any(not math.isfinite(number) or abs(number) > max_coordinate for number in numbers):
            raise OfdError(f"path operator {op} has a number beyond ±{max_coordinate:g}")
        ops.append(PathOp("M" if op == "S" else op, numbers))
        if len(ops) > max_operations:
            raise OfdError(f"the path has more than {max_operations} operators")
        index += 1 + arity
    return tuple(ops)


def to_curves(ops: tuple[PathOp, ...]) -> list[PathOp]:
    """The same path with only M, L, B (cubic) and C: quadratics raised, arcs split into cubics."""
    result: list[PathOp] = []
    current = (0.0, 0.0)
    start = (0.0, 0.0)
    for item in ops:
        numbers = item.numbers
        if item.op == "M":
            current = start = (numbers[0], numbers[1])
            result.append(item)
        elif item.op == "L":
            current = (numbers[0], numbers[1])
            result.append(item)
        elif item.op == "Q":
            (x0, y0), (x1, y1), (x2, y2) = current, numbers[0:2], numbers[2:4]
            result.append(PathOp("B", (x0 + 2 / 3 * (x1 - x0), y0 + 2 / 3 * (y1 - y0),
                                       x2 + 2 / 3 * (x1 - x2), y2 + 2 / 3 * (y1 - y2), x2, y2)))
            current = (x2, y2)
        elif item.op == "B":
            current = (numbers[4], numbers[5])
            result.append(item)
        elif item.op == "A":
            result.extend(_arc(current, *numbers))
            current = (numbers[5], numbers[6])
        elif item.op == "C":
            result.append(item)
            current = start
    return result


def _arc(start: tuple[float, float], rx: float, ry: float, angle: float, large: float, sweep: float,
         x: float, y: float) -> list[PathOp]:
    """An elliptical arc (SVG's endpoint form, which OFD's A follows) as cubic Béziers."""
    x0, y0 = start
    if (x0, y0) == (x, y):
        return []
    rx, ry = abs(rx), abs(ry)
    if rx == 0 or ry == 0:
        return [PathOp("L", (x, y))]
    phi = math.radians(angle)
    cos_phi, sin_phi = math.cos(phi), math.sin(phi)
    dx, dy = (x0 - x) / 2, (y0 - y) / 2
    x1p = cos_phi * dx + sin_phi * dy
    y1p = -sin_phi * dx + cos_phi * dy
    scale = (x1p / rx) ** 2 + (y1p / ry) ** 2
    if scale > 1:
        rx, ry = rx * math.sqrt(scale), ry * math.sqrt(scale)
    numerator = rx * rx * ry * ry - rx * rx * y1p * y1p - ry * ry * x1p * x1p
    denominator = rx * rx * y1p * y1p + ry * ry * x1p * x1p
    factor = math.sqrt(max(0.0, numerator / denominator)) if denominator else 0.0
    if bool(large) == bool(sweep):
        factor = -factor
    cxp, cyp = factor * rx * y1p / ry, -factor * ry * x1p / rx
    cx = cos_phi * cxp - sin_phi * cyp + (x0 + x) / 2
    cy = sin_phi * cxp + cos_phi * cyp + (y0 + y) / 2

    def angle_of(ux: float, uy: float, vx: float, vy: float) -> float:
        return math.atan2(ux * vy - uy * vx, ux * vx + uy * vy)

    theta = angle_of(1, 0, (x1p - cxp) / rx, (y1p - cyp) / ry)
    delta = angle_of((x1p - cxp) / rx, (y1p - cyp) / ry, (-x1p - cxp) / rx, (-y1p - cyp) / ry)
    if not sweep and delta > 0:
        delta -= 2 * math.pi
    elif sweep and delta < 0:
        delta += 2 * math.pi
    pieces = max(1, math.ceil(abs(delta) / (math.pi / 2)))
    step = delta / pieces
    handle = 4 / 3 * math.tan(step / 4)
    result = []
    for piece in range(pieces):
        a1 = theta + piece * step
        a2 = a1 + step
        points = []
        for px, py in ((math.cos(a1) - handle * math.sin(a1), math.sin(a1) + handle * math.cos(a1)),
                       (math.cos(a2) + handle * math.sin(a2), math.sin(a2) - handle * math.cos(a2)),
                       (math.cos(a2), math.sin(a2))):
            ex, ey = px * rx, py * ry
            points += [cos_phi * ex - sin_phi * ey + cx, sin_phi * ex + cos_phi * ey + cy]
        result.append(PathOp("B", tuple(points)))
    return result
