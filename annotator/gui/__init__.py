"""The Qt window (PySide6 only here; the core never imports this package)."""
