"""Render resources/icons/annotator.svg to the PNG sizes and the Windows .ico.

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icons.py

The outputs are committed; run this again only after editing the SVG. The macOS .icns
is made on a Mac from the PNGs (see packaging/README.md).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
PNG_SIZES = (16, 32, 48, 64, 128, 256, 512)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "annotator.svg"))
    if not renderer.isValid():
        print(f"{ICONS / 'annotator.svg'}: not a valid SVG", file=sys.stderr)
        return 1
    for size in PNG_SIZES:
        out = ICONS / f"annotator-{size}.png"
        if not render(renderer, size).save(str(out), "PNG"):
            print(f"{out}: cannot write", file=sys.stderr)
            return 1
    # Qt's ICO writer stores one image per file: the 256 px one is what Windows scales from.
    if not render(renderer, 256).save(str(ICONS / "annotator.ico"), "ICO"):
        print("cannot write annotator.ico (Qt's ico image-format plugin missing?)", file=sys.stderr)
        return 1
    print(f"wrote {len(PNG_SIZES)} PNGs and annotator.ico to {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
