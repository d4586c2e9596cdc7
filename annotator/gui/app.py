"""QApplication set-up, themes, settings, the window's entry points."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

import shiboken6
from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from annotator.core.model import AnnotatorError
from annotator.core.paths import data_dir, resources_dir
from annotator.core.seeds import open_project
from annotator.core.store import Project
from annotator.core.teams import member_name
from annotator.gui import workers
from annotator.gui.controller import Controller
from annotator.gui.main_window import MainWindow

ORGANISATION = "annotator"


def settings() -> QSettings:
    """Window settings: an ini file in the data folder (ANNOTATOR_HOME in tests)."""
    return QSettings(str(data_dir() / "window.ini"), QSettings.Format.IniFormat)


def ensure_app(argv: list[str] | None = None) -> QApplication:
    if not os.environ.get("QT_QPA_PLATFORM") and sys.platform.startswith("linux") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = QApplication.instance()
    if app is None:
        # must be set before the QApplication exists (Qt ignores it, with a warning, after)
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv or [sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName("annotator")
    app.setStyle("Fusion")
    font = QFont()
    font.setFamilies(["Noto Sans", "Segoe UI", "Helvetica Neue", "DejaVu Sans"])
    font.setPointSizeF(10)
    app.setFont(font)
    return app


def palette(dark: bool) -> QPalette:
    pal = QPalette()
    role = QPalette.ColorRole
    colours = {
        role.Window: "#f3f4f6", role.WindowText: "#1f2328", role.Base: "#ffffff",
        role.AlternateBase: "#f7f8fa", role.Text: "#1f2328", role.Button: "#eceef1",
        role.ButtonText: "#1f2328", role.Highlight: "#2f6fdf", role.HighlightedText: "#ffffff",
        role.Mid: "#d5d8dd", role.Midlight: "#e6e8eb", role.PlaceholderText: "#6b7280",
        role.ToolTipBase: "#fffbe6", role.ToolTipText: "#1f2328", role.Link: "#2f6fdf",
    } if not dark else {
        role.Window: "#1e2126", role.WindowText: "#e3e5e8", role.Base: "#16181c",
        role.AlternateBase: "#1c1f24", role.Text: "#e3e5e8", role.Button: "#2a2e35",
        role.ButtonText: "#e3e5e8", role.Highlight: "#3b74d9", role.HighlightedText: "#ffffff",
        role.Mid: "#3a3f47", role.Midlight: "#2c3037", role.PlaceholderText: "#9aa1ab",
        role.ToolTipBase: "#2a2e35", role.ToolTipText: "#e3e5e8", role.Link: "#8ab4ff",
    }
    for r, c in colours.items():
        pal.setColor(r, QColor(c))
    return pal


_theme: list[bool] = []


def apply_theme(dark: bool) -> None:
    app = QApplication.instance()
    if not isinstance(app, QApplication) or _theme == [dark]:
        return
    _theme[:] = [dark]
    app.setPalette(palette(dark))
    try:
        app.setStyleSheet((resources_dir() / "style.qss").read_text(encoding="utf-8"))
    except OSError:
        app.setStyleSheet("")


def annotator_name(store: QSettings, ask: bool) -> tuple[str, str | None]:
    """The annotator's name (asked once, then remembered; File > Annotator name…
    changes it) and a note for the status bar when the prompt was cancelled."""
    name = str(store.value("annotator/name", "") or "")
    note = None
    if not name and ask:
        default = getpass.getuser()
        text, ok = QInputDialog.getText(
            None, "annotator", "Your name (stored with every decision you make):",
            text=default)
        name = text.strip() if ok and text.strip() else default
        if not (ok and text.strip()):
            note = (f"No name given: your decisions are stored as {default!r} "
                    "(File > Annotator name… changes it)")
        store.setValue("annotator/name", name)
        store.sync()
    return name or getpass.getuser(), note


def build_window(project: Project, *, ask_name: bool = False,
                 restore: bool = True) -> MainWindow:
    """The window on ``project`` (the QApplication must exist)."""
    store = settings()
    # an assigned project file (annotator assign) carries its annotator's name
    member = member_name(project)
    project.annotator, name_note = (member, None) if member else annotator_name(store, ask_name)
    dark = bool(store.value("window/dark", False, type=bool)) if restore else False
    apply_theme(dark)
    controller = Controller(project)
    window = MainWindow(controller, store, on_dark=apply_theme)
    if restore:
        window.restore_layout()
    else:
        window.resize(1400, 900)
    window.article.dark = dark
    if name_note:
        window.statusBar().showMessage(name_note, 20000)
    return window


FIRST_SIZE = QSize(1400, 900)
# the window manager's title bar and borders come on top of the window's own size
FRAME_ROOM = QSize(40, 80)


def show_window(window: MainWindow) -> None:
    """Show the window: as last time, else at FIRST_SIZE, or maximized when that and
    its frame would not fit the screen (the status bar went off a 1400x900 screen)."""
    if window.settings.value("window/geometry") is None:
        screen = window.screen().availableGeometry().size()
        wanted = FIRST_SIZE + FRAME_ROOM
        if wanted.width() > screen.width() or wanted.height() > screen.height():
            window.showMaximized()
            return
        window.resize(FIRST_SIZE)
    window.show()


def has_display() -> bool:
    """Whether a window can be shown (on Linux: an X11 or Wayland display, or a chosen
    Qt platform such as offscreen in tests)."""
    if not sys.platform.startswith("linux"):
        return True
    return bool(os.environ.get("QT_QPA_PLATFORM") or os.environ.get("DISPLAY")
                or os.environ.get("WAYLAND_DISPLAY"))


def run_window(project_path: Path | None) -> int:
    if not has_display():
        # Without this check Qt would fall back to offscreen and run an invisible window forever.
        print("error: no display to open the window on (DISPLAY is not set). Run it in a "
              "desktop session or under xvfb-run; `annotator screenshot FILE` renders the "
              "window to a PNG without a display.", file=sys.stderr)
        return 2
    app = ensure_app()
    try:
        project = open_project(project_path)
    except AnnotatorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        # started from a desktop there is no terminal: say it in a window too
        QMessageBox.critical(None, "annotator: cannot open the project", str(exc))
        return 1
    window = build_window(project, ask_name=True)
    show_window(window)
    window.open_last_document()
    window.article.setFocus()
    code = app.exec()
    # background jobs (pre-annotation...) stop before their window goes (bounded wait)
    workers.stop_all()
    # delete the window before Python tears down (else Qt may crash at interpreter exit)
    shiboken6.delete(window)
    window.controller.project.close()
    return int(code)


def render_screenshot(out: Path, project: Project, doc_external_id: str | None = None,
                      size: QSize = QSize(1400, 900), *, focus_first: bool = True,  # noqa: B008
                      dark: bool = False) -> QSize:
    """Render the window to a PNG; returns the image size."""
    app = ensure_app()
    window = build_window(project, restore=False)
    window.persist = False
    window.resize(size)
    if dark:
        window.action_table["toggle_dark"].setChecked(True)
        window.toggle_dark()
    if doc_external_id is not None:
        doc = project.documents.by_external_id(doc_external_id)
        if doc is None:
            raise AnnotatorError(f"no document with id {doc_external_id!r} in {project.path}")
        window.open_document(doc.id)
    else:
        window.open_last_document()
    window.show()
    window.article.setFocus()
    if focus_first:
        window.controller.step_focus(1)
    for _ in range(5):
        app.processEvents()
    image = window.grab().toImage()
    if not image.save(str(out), "PNG"):  # type: ignore[call-overload]
        raise AnnotatorError(f"{out}: cannot write the PNG")
    window.close()
    window.deleteLater()
    app.processEvents()
    return image.size()
