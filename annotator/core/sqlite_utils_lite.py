"""sqlite-utils, imported without numpy and pandas.

sqlite-utils imports numpy and pandas, when installed, only to map their scalar
types to column types. The project never inserts such values, and numpy alone
costs about 0.2 s of the window's 0.5 s start-up budget (Stanza imports numpy
later, in the background, when it is needed).
"""

from __future__ import annotations

import sys


def _import_without_numpy() -> None:
    blocked = [name for name in ("numpy", "pandas") if name not in sys.modules]
    for name in blocked:
        sys.modules[name] = None  # type: ignore[assignment]  # makes `import numpy` fail
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for name in blocked:
            del sys.modules[name]


_import_without_numpy()

import sqlite_utils  # noqa: E402
from sqlite_utils.migrations import Migrations  # noqa: E402

__all__ = ["Migrations", "sqlite_utils"]
