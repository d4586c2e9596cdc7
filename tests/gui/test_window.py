"""Offsets with emoji and combining marks, the PySide6 refcount regression, the
screenshot command, settings, shortcuts overrides, the document list, jobs."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage, QTextCursor
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from annotator.cli import main
from annotator.core.commands import SetDocumentStatus
from annotator.core.model import DocStatus
from annotator.core.paths import data_dir
from annotator.core.store import NewDocument, Project
from annotator.core.text import Utf16Map, tokenize
from annotator.gui.app import build_window, ensure_app
from annotator.gui.main_window import MainWindow
from annotator.gui.workers import Job, JobContext

K = Qt.Key
M = Qt.KeyboardModifier

TRICKY = ("Famili 👩\u200d👩\u200d👧 bertemu 🇮🇩 di Jakarta.\n"
          "Cafe\u0301 ne\u0301e 😀😀 Bandung dan 𝒳 Surabaya.")


def _open_tricky(window: MainWindow, project: Project) -> int:
    result = project.documents.insert([NewDocument(TRICKY, external_id="tricky")])
    doc_id = result.doc_ids[0]
    window.open_document(doc_id)
    window.article.setFocus()
    return doc_id


def _point_at(window: MainWindow, cp: int) -> QPoint:
    view = window.article
    cursor = QTextCursor(view.document())
    cursor.setPosition(Utf16Map(TRICKY).to_utf16(cp))
    return view.cursorRect(cursor).center()


def test_mouse_selection_after_emoji_lands_on_code_points(window: MainWindow, seeded: Project,
                                                          qtbot: QtBot) -> None:
    doc_id = _open_tricky(window, seeded)
    start = TRICKY.index("Jakarta")
    end = start + len("Jakarta")
    viewport = window.article.viewport()
    a, b = _point_at(window, start), _point_at(window, end)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, M.NoModifier, a)
    QTest.mouseMove(viewport, b)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, M.NoModifier, b)
    assert window.article.selection_codepoints() == (start, end)
    QTest.keyClick(window.article, K.Key_3)
    ents = seeded.spans.list(doc_id)
    assert [(e.start, e.end, e.label) for e in ents] == [(start, end, "LOC")]
    assert TRICKY[ents[0].start:ents[0].end] == "Jakarta"
    # a click on the span focuses it
    window.controller.focus(None)
    mid = _point_at(window, start + 3)
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, M.NoModifier, mid)
    assert window.controller.focused_id == ents[0].id


def test_keyboard_selection_over_combining_marks_and_astral(window: MainWindow,
                                                            seeded: Project) -> None:
    doc_id = _open_tricky(window, seeded)
    view = window.article
    # put the caret before "ne\u0301e" with a click, then extend it with Shift+Right:
    # Qt moves by grapheme (e + U+0301 is one step), the stored span is in code points
    start = TRICKY.index("ne\u0301e")
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, M.NoModifier,
                     _point_at(window, start))
    assert view.textCursor().position() == Utf16Map(TRICKY).to_utf16(start)
    for _ in range(3):  # n, é, e
        QTest.keyClick(view, K.Key_Right, M.ShiftModifier)
    window.toggle_precision()  # exact characters
    QTest.keyClick(view, K.Key_5)
    # after two emoji (four UTF-16 units): "Bandung" via Ctrl+Shift+Right in word mode
    window.toggle_precision()
    band = TRICKY.index("Bandung")
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, M.NoModifier,
                     _point_at(window, band))
    QTest.keyClick(view, K.Key_Right, M.ShiftModifier | M.ControlModifier)
    QTest.keyClick(view, K.Key_3)
    # after the astral 𝒳: "Surabaya" selected from its end backwards
    sby = TRICKY.index("Surabaya")
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, M.NoModifier,
                     _point_at(window, sby + len("Surabaya")))
    for _ in range(len("Surabaya")):
        QTest.keyClick(view, K.Key_Left, M.ShiftModifier)
    QTest.keyClick(view, K.Key_3)
    got = sorted((e.start, e.end, e.label) for e in seeded.spans.list(doc_id))
    nee = start + len("ne\u0301e")
    assert got == [(start, nee, "MISC"), (band, band + 7, "LOC"), (sby, sby + 8, "LOC")]
    # the same offsets the core's tokenizer gives
    tokens = set(tokenize(TRICKY))
    assert {(s, e) for s, e, _ in got} <= tokens


def test_many_void_qt_calls_do_not_crash(window: MainWindow) -> None:
    """PySide6 6.12.0 on Python 3.11 corrupted None's refcount (none_dealloc abort)."""
    widget = window.article
    for _ in range(20_000):
        widget.setEnabled(True)
        widget.update()
    window.controller.step_focus(1)
    assert widget.isEnabled() and window.isVisible()


def test_screenshot_command_writes_a_real_png(tmp_path: Path, seeded: Project,
                                              qtbot: QtBot) -> None:
    ensure_app()
    out = tmp_path / "shot.png"
    result = CliRunner().invoke(main, ["screenshot", str(out), "--project", str(seeded.path),
                                       "--doc", "001_9a646063f88033d4"])
    assert result.exit_code == 0, result.output
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1400, 900)
    colours = {image.pixel(x, y) for x in range(0, 1400, 37) for y in range(0, 900, 29)}
    assert len(colours) > 10
    bad = CliRunner().invoke(main, ["screenshot", str(out), "--project", str(seeded.path),
                                    "--doc", "no-such-doc"])
    assert bad.exit_code != 0 and "no-such-doc" in bad.output


def test_layout_name_and_last_document_are_remembered(qtbot: QtBot, seeded: Project) -> None:
    ensure_app()
    first = build_window(seeded)
    qtbot.addWidget(first)
    doc = seeded.documents.by_external_id("003_10b382b21a4f655d")
    assert doc is not None
    first.open_document(doc.id)
    first.splitter.setSizes([200, 900, 250])
    sizes = first.splitter.sizes()
    first.close()
    second = build_window(seeded)
    qtbot.addWidget(second)
    second.open_last_document()
    assert second.controller.doc is not None and second.controller.doc.id == doc.id
    assert second.splitter.sizes() == sizes
    assert (data_dir() / "window.ini").exists()
    second.persist = False
    second.close()


def test_user_shortcuts_override_the_defaults(qtbot: QtBot, seeded: Project) -> None:
    (data_dir() / "shortcuts.toml").write_text(
        '[shortcuts]\nmark_done_next = "Ctrl+Return"\nno_such_action = "X"\n', encoding="utf-8")
    ensure_app()
    win = build_window(seeded, restore=False)
    qtbot.addWidget(win)
    keys = [s.toString() for s in win.action_table["mark_done_next"].shortcuts()]
    assert keys == ["Ctrl+Return"]
    assert "no_such_action" in win.statusBar().currentMessage()
    win.persist = False


def test_empty_states(qtbot: QtBot, project: Project) -> None:
    ensure_app()
    win = build_window(project, restore=False)
    qtbot.addWidget(win)
    win.open_last_document()
    assert win.controller.doc is None
    assert "Import articles" in win.article._empty_text
    project.documents.insert([NewDocument("Satu dua tiga.", external_id="a")])
    project.notify(None)
    win.open_last_document()
    assert win.controller.doc is not None
    win.mark_and_next(DocStatus.DONE)
    assert win.controller.doc is None
    assert "All 1 documents are done" in win.article._empty_text
    assert "1 / 1 done" in win.documents.counts.text()
    win.persist = False


def test_document_list_is_lazy_filters_and_searches(qtbot: QtBot, project: Project) -> None:
    project.documents.insert(
        NewDocument(f"Berita nomor {i}\nIsi {'langka' if i == 777 else 'biasa'}.",
                    external_id=f"n{i}") for i in range(3000))
    project.search.update_index()
    ensure_app()
    win = build_window(project, restore=False)
    qtbot.addWidget(win)
    model = win.documents.model
    assert model.rowCount() == 3000
    assert len(model._cache) == 0  # nothing fetched before a row is asked for
    assert model.data(model.index(10)) == "Berita nomor 10"
    assert 0 < len(model._cache) <= 300
    win.documents.search.setText("langka")
    win.documents._apply_search()
    assert [model.data(model.index(r)) for r in range(model.rowCount())] == ["Berita nomor 777"]
    win.documents.search.setText("")
    win.documents._apply_search()
    win.documents.set_filter(3)  # Done
    assert model.rowCount() == 0
    win.persist = False


def test_job_progress_result_error_and_cancel(qtbot: QtBot) -> None:
    ensure_app()
    seen: list[tuple[int, int]] = []

    def work(ctx: JobContext) -> int:
        for i in range(5):
            ctx.progress(i + 1, 5)
        return 42

    job = Job("count", work)
    job.progress.connect(lambda d, t: seen.append((d, t)))
    with qtbot.waitSignal(job.succeeded, timeout=5000) as blocker:
        job.start()
    assert blocker.args == [42]
    qtbot.waitUntil(lambda: len(seen) == 5)

    def cancelled(ctx: JobContext) -> None:
        while True:
            ctx.progress(1)

    job2 = Job("forever", cancelled)
    job2.cancel()
    with qtbot.waitSignal(job2.cancelled, timeout=5000):
        job2.start()

    def broken(ctx: JobContext) -> None:
        from annotator.core.model import AnnotatorError
        raise AnnotatorError("file.txt, line 3: bad")

    job3 = Job("broken", broken)
    with qtbot.waitSignal(job3.failed, timeout=5000) as failed:
        job3.start()
    assert failed.args == ["file.txt, line 3: bad"]


@pytest.mark.parametrize("fmt", ["jsonl"])
def test_import_and_export_run_as_jobs(window: MainWindow, seeded: Project, qtbot: QtBot,
                                       tmp_path: Path, fmt: str) -> None:
    pytest.importorskip("annotator.core.importers")
    pytest.importorskip("annotator.core.exporters")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Presiden Jokowi ke Bandung.\n", encoding="utf-8")
    before = seeded.documents.count()
    job = window.files.start_import([folder])
    assert job is not None
    qtbot.waitUntil(lambda: not job.running, timeout=10000)
    assert job.error is None
    assert seeded.documents.count() == before + 1
    assert window.documents.model.rowCount() == before + 1
    seeded.execute(SetDocumentStatus(1, DocStatus.DONE))
    out = tmp_path / f"out.{fmt}"
    job2 = window.files.start_export(fmt, out, "done")
    assert job2 is not None
    qtbot.waitUntil(lambda: not job2.running, timeout=10000)
    assert job2.error is None and out.stat().st_size > 0
