"""The headless core: documents, spans, claims, the SQLite store, import and export.

Nothing in this package may import PySide6 or annotator.gui (an import-linter
contract in pyproject.toml checks it).
"""
