"""annotator: a desktop tool to annotate entities and claims in news articles."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("annotator")
except PackageNotFoundError:  # running from a source tree or a frozen bundle
    __version__ = "0.1.0"
