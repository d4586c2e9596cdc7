"""Edits made while another process holds the project's write lock (issue 15.10):
the window stays responsive, says it is waiting, and saves every edit, in order,
once the lock is released. A real second process holds the lock."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from annotator.core.model import SpanStatus
from annotator.core.store import Project
from annotator.gui.main_window import MainWindow

HOLD_S = 3.0
TICK_MS = 20

HOLDER = textwrap.dedent("""
    import sys, time
    from annotator.core.store import Project
    project = Project(sys.argv[1])
    with project.transaction():  # the write lock, as a long import holds it
        project.settings.set("holder", 1)
        print("LOCKED", flush=True)
        time.sleep(float(sys.argv[2]))
    print("RELEASED", flush=True)
""")


def hold_write_lock(path: Path, seconds: float) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(path), str(seconds)],
                            stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "LOCKED"
    return proc


def _word(text: str, word: str) -> int:
    return text.index(f" {word}") + 1


def test_edits_during_another_process_write_wait_and_all_land(
        qtbot: QtBot, window: MainWindow, seeded: Project) -> None:
    ctl = window.controller
    doc_id = seeded.documents.ids()[0]
    window.open_document(doc_id)
    text = ctl.doc.text  # type: ignore[union-attr]
    ticks = [0]
    heartbeat = QTimer(interval=TICK_MS)
    heartbeat.timeout.connect(lambda: ticks.__setitem__(0, ticks[0] + 1))
    messages: list[str] = []
    ctl.message.connect(messages.append)

    holder = hold_write_lock(seeded.path, HOLD_S)
    heartbeat.start()
    try:
        # two edits while the other process writes: both wait, in order
        first = _word(text, "Rusia")
        assert not ctl.label_range(first, first + 5, "LOC")
        second = _word(text, "Putin")
        assert not ctl.label_range(second, second + 5, "PER")
        assert ctl.waiting_edits == 2
        assert any("waiting for another program" in m for m in messages)
        assert seeded.spans.list(doc_id) == []  # not saved yet: the lock is theirs
        qtbot.waitUntil(lambda: holder.poll() is not None, timeout=int(HOLD_S * 1000) + 10_000)
        held_ticks = ticks[0]
        qtbot.waitUntil(lambda: ctl.waiting_edits == 0, timeout=5000)
    finally:
        heartbeat.stop()
        if holder.poll() is None:
            holder.kill()
        holder.communicate()
    # The event loop kept turning while the lock was held: a blocked GUI thread
    # (5 s per edit before) would have let almost no heartbeat through.
    expected = HOLD_S * 1000 / TICK_MS
    assert held_ticks >= expected / 3, f"{held_ticks} heartbeats of ~{expected:.0f}"
    saved = [(text[e.start:e.end], e.label, e.status) for e in seeded.spans.list(doc_id)]
    assert ("Rusia", "LOC", SpanStatus.ACCEPTED) in saved
    assert ("Putin", "PER", SpanStatus.ACCEPTED) in saved
    assert any(m.startswith("saved 2 edits") for m in messages)
    assert seeded.settings.get("holder") == 1  # their write landed too
    assert ctl.editor.can_undo(doc_id)  # the waiting edits joined the undo history


def test_file_menu_backs_up_the_open_project_in_the_background(
        qtbot: QtBot, window: MainWindow, seeded: Project, tmp_path: Path) -> None:
    from annotator.gui.backup import start_backup

    assert window.action_table["backup"].text() == "&Back up project…"
    doc_id = seeded.documents.ids()[0]
    window.open_document(doc_id)
    text = window.controller.doc.text  # type: ignore[union-attr]
    start = _word(text, "Rusia")
    assert window.controller.label_range(start, start + 5, "LOC")  # in the -wal too
    out = tmp_path / "backup.db"
    job = start_backup(window, out)
    with qtbot.waitSignal(job.finished, timeout=10_000):
        pass
    with Project(out, create=False) as copy:
        # (the other mentions of "Rusia" became suggestions: propagation)
        assert [(e.start, e.label) for e in copy.spans.list(doc_id)
                if e.status == SpanStatus.ACCEPTED] == [(start, "LOC")]
        assert copy.documents.count() == seeded.documents.count()
    assert "Backed up the project" in window.statusBar().currentMessage()


def test_the_project_file_alone_holds_the_windows_last_edit(
        window: MainWindow, seeded: Project, tmp_path: Path) -> None:
    import shutil
    import sqlite3

    doc_id = seeded.documents.ids()[1]
    window.open_document(doc_id)  # the list, the view and the panels have read the file
    text = window.controller.doc.text  # type: ignore[union-attr]
    start = _word(text, "Putin")
    assert window.controller.label_range(start, start + 5, "PER")
    copy = tmp_path / "copy.db"
    shutil.copyfile(seeded.path, copy)  # the .db alone, the window still open
    conn = sqlite3.connect(copy)
    try:
        assert conn.execute("SELECT start, label FROM entities WHERE doc_id = ? "
                            "AND status = 'accepted'", [doc_id]).fetchall() == [(start, "PER")]
    finally:
        conn.close()
