"""The shipped region table parsed once per test run, instead of once per test."""

from __future__ import annotations

import functools
from collections.abc import Callable

from offsite_cli.policy import regions
from offsite_cli.base import resources

ORIGINAL_TABLE = regions.table
SHIPPED: dict[str, regions.RegionTable] = {}


def shared_table() -> Callable[[], regions.RegionTable]:
    """A stand-in for regions.table: the shipped table shared between tests, or a table of its own
    when the test's config folder has a regions.csv (which the real loader must read)."""

    @functools.lru_cache(maxsize=1)
    def table() -> regions.RegionTable:
        if resources.user_regions_csv().is_file():
            return ORIGINAL_TABLE.__wrapped__()
        if "table" not in SHIPPED:
            SHIPPED["table"] = ORIGINAL_TABLE.__wrapped__()
        return SHIPPED["table"]

    return table
