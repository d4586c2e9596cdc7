"""CI check: article emoji are drawn in colour, not as empty boxes.

Lays out a line of article text with the window's own font set-up (ensure_app) and
draws it on white: with a colour emoji font installed (fonts-noto-color-emoji, which
./run installs) the emoji come out as coloured pixels; with only text fonts Qt draws
black boxes or nothing. Needs no display:  .venv/bin/python .ci/emoji_check.py
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QImage, QPainter, QTextLayout

from annotator.gui.app import ensure_app

TEXT = "Presiden bertemu Putin di Moskow \U0001F600\U0001F389\U0001F44D"


def coloured_pixels(image: QImage) -> int:
    """Pixels whose colour is clearly not a shade of grey (text is black on white)."""
    count = 0
    for y in range(image.height()):
        for x in range(image.width()):
            colour = QColor(image.pixel(x, y))
            if colour.hsvSaturation() > 80 and colour.value() > 60:
                count += 1
    return count


def main() -> int:
    app = ensure_app()
    font = app.font()
    font.setPointSizeF(24)
    layout = QTextLayout(TEXT, font)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(4000)
    layout.endLayout()
    families = sorted({run.rawFont().familyName() for run in layout.glyphRuns()})
    image = QImage(int(line.naturalTextWidth()) + 20, int(line.height()) + 20,
                   QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    layout.draw(painter, QPointF(10, 10))
    painter.end()
    coloured = coloured_pixels(image)
    print(f"emoji check: fonts used {families}; {coloured} coloured pixels")
    if coloured < 100:
        print("emoji check FAILED: emoji are not drawn in colour (is fonts-noto-color-emoji "
              "installed?)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
