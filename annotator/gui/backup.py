"""File > Back up project…: a copy of the project made with SQLite's backup API, in
a background job (the window keeps working: the copy is a consistent snapshot and
writers are not blocked)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFileDialog

from annotator.core.store.files import backup_project
from annotator.gui.workers import Job, JobContext

if TYPE_CHECKING:
    from annotator.gui.context import WindowContext


def back_up_project(w: WindowContext) -> None:
    """Ask where, then back up (the action table's handler)."""
    project = w.controller.project
    stem = project.path.name.split(".")[0]
    default = str(project.path.with_name(f"{stem}-backup-{datetime.now():%Y%m%d-%H%M}.db"))
    path, _ = QFileDialog.getSaveFileName(w, "Back up project to", default,
                                          "Projects (*.db);;All files (*)")
    if path:
        start_backup(w, Path(path))


def start_backup(w: WindowContext, out: Path) -> Job:
    source = w.controller.project.path

    def work(_ctx: JobContext) -> Any:
        return backup_project(source, out)  # its own read-only connection: thread-safe

    def done(size: Any) -> None:
        w.say(f"Backed up the project to {out} ({int(size) / 1e6:.1f} MB)", 15000)

    return w.files.run(Job("Backing up", work), done)
