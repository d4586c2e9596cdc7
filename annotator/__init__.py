"""annotator: a desktop tool to annotate entities and claims in news articles."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # __version__ is read from the installed metadata on first use: importing
    # importlib.metadata costs 30-50 ms, and the window's start-up does not need it
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            value = version("annotator")
        except PackageNotFoundError:  # running from a source tree or a frozen bundle
            value = "0.1.0"
        globals()["__version__"] = value
        return value
    raise AttributeError(f"module 'annotator' has no attribute {name!r}")
