"""The action table: id, menu, text, handler. Shortcuts are data.

Default shortcuts live in ``resources/shortcuts.toml``; a ``shortcuts.toml`` in
the user's data folder overrides any of them. Label keys come from the label
scheme (each label's ``hotkey``).
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from annotator.core.model import AnnotatorError, DocStatus
from annotator.core.paths import data_dir, resources_dir
from annotator.gui import label_dialog

if TYPE_CHECKING:
    from annotator.gui.context import WindowContext

Handler = Callable[["WindowContext"], object]


@dataclass(frozen=True, slots=True)
class ActionSpec:
    id: str
    menu: str
    text: str
    handler: Handler
    checkable: bool = False


def _claim_label(hotkey: str) -> Handler:
    def handler(w: WindowContext) -> None:
        w.claims.label_key(hotkey)
    return handler


def _review_take(number: int) -> Handler:
    def handler(w: WindowContext) -> None:
        w.review.take(number)
    return handler


def _train_model(w: WindowContext) -> None:
    from annotator.gui import train_dialog

    train_dialog.open_dialog(w)


def _back_up(w: WindowContext) -> None:
    from annotator.gui import backup

    backup.back_up_project(w)


def _label_selection_or_relabel(w: WindowContext, label: str) -> None:
    w.label_key(label)


ACTIONS: list[ActionSpec] = [
    # File
    ActionSpec("new_project", "File", "&New project…", lambda w: w.files.new_project()),
    ActionSpec("open_project", "File", "&Open project…", lambda w: w.files.open_project()),
    ActionSpec("import_files", "File", "&Import…", lambda w: w.files.import_files()),
    ActionSpec("import_folder", "File", "Import &folder…", lambda w: w.files.import_folder()),
    ActionSpec("export", "File", "&Export…", lambda w: w.files.export()),
    ActionSpec("backup", "File", "&Back up project…", lambda w: _back_up(w)),
    ActionSpec("annotator_name", "File", "Annotator na&me…", lambda w: w.change_annotator_name()),
    ActionSpec("quit", "File", "&Quit", lambda w: w.close()),
    # Edit
    ActionSpec("undo", "Edit", "&Undo", lambda w: w.controller.undo_edit()),
    ActionSpec("redo", "Edit", "&Redo", lambda w: w.controller.redo_edit()),
    ActionSpec("focus_search", "Edit", "&Find documents…", lambda w: w.focus_search()),
    # Annotate
    ActionSpec("next_span", "Annotate", "Next span", lambda w: w.step_span(1)),
    ActionSpec("previous_span", "Annotate", "Previous span", lambda w: w.step_span(-1)),
    ActionSpec("accept_span", "Annotate", "&Accept span", lambda w: w.controller.accept_focused()),
    ActionSpec("reject_span", "Annotate", "&Reject span", lambda w: w.controller.reject_focused()),
    ActionSpec("remove_span", "Annotate", "&Delete span", lambda w: w.controller.remove_focused()),
    ActionSpec("accept_all", "Annotate", "Accept all &suggestions",
               lambda w: w.controller.accept_all()),
    # the edges of the focused span, or of the focused claim
    ActionSpec("widen_start", "Annotate", "Widen span at start",
               lambda w: w.move_edge("start", -1)),
    ActionSpec("narrow_start", "Annotate", "Narrow span at start",
               lambda w: w.move_edge("start", 1)),
    ActionSpec("widen_end", "Annotate", "Widen span at end",
               lambda w: w.move_edge("end", 1)),
    ActionSpec("narrow_end", "Annotate", "Narrow span at end",
               lambda w: w.move_edge("end", -1)),
    ActionSpec("clear_focus", "Annotate", "Clear focus and selection", lambda w: w.clear_focus()),
    ActionSpec("toggle_precision", "Annotate", "&Character precision",
               lambda w: w.toggle_precision(), checkable=True),
    # Document
    ActionSpec("mark_done_next", "Document", "Mark &done and go to next unfinished",
               lambda w: w.mark_and_next(DocStatus.DONE)),
    ActionSpec("skip_document", "Document", "&Skip and go to next unfinished",
               lambda w: w.mark_and_next(DocStatus.SKIPPED)),
    ActionSpec("next_unfinished", "Document", "Next &unfinished document",
               lambda w: w.go_next_unfinished()),
    ActionSpec("next_document", "Document", "&Next document", lambda w: w.step_document(1)),
    ActionSpec("previous_document", "Document", "&Previous document",
               lambda w: w.step_document(-1)),
    # Claims (annotator/gui/claim_panel.py; claim label keys: claim_label_N = the label
    # whose hotkey is N in the scheme)
    ActionSpec("mark_claim", "Claims", "&Claim the sentence or selection",
               lambda w: w.claims.mark_claim()),
    *[ActionSpec(f"claim_label_{n}", "Claims", f"Claim label {n}", _claim_label(str(n)))
      for n in range(1, 10)],
    ActionSpec("cycle_claimant", "Claims", "Next clai&mant", lambda w: w.claims.cycle_claimant()),
    ActionSpec("mark_cue", "Claims", "Selection is the c&ue (none: clear)",
               lambda w: w.claims.mark_cue()),
    ActionSpec("toggle_quote", "Claims", "&Quote direct / indirect",
               lambda w: w.claims.toggle_quote()),
    ActionSpec("cycle_stance", "Claims", "&Stance asserts / denies / questions",
               lambda w: w.claims.cycle_stance()),
    ActionSpec("next_claim", "Claims", "&Next claim", lambda w: w.claims.step(1)),
    ActionSpec("previous_claim", "Claims", "&Previous claim", lambda w: w.claims.step(-1)),
    ActionSpec("accept_claim", "Claims", "&Accept claim", lambda w: w.claims.accept_current()),
    ActionSpec("accept_all_claims", "Claims", "Accept a&ll suggested claims",
               lambda w: w.claims.accept_all()),
    ActionSpec("remove_claim", "Claims", "&Reject or delete claim",
               lambda w: w.claims.remove_current()),
    ActionSpec("edit_labels", "Claims", "&Edit label scheme…",
               lambda w: label_dialog.edit_labels(w)),
    ActionSpec("show_guidelines", "Help", "Annotation &guidelines",
               lambda w: label_dialog.show_guidelines(w)),
    # Review (annotator/gui/review.py: adjudicating a merged team project;
    # review_take_N takes annotator N's version, in the project's annotator order)
    ActionSpec("review_mode", "Review", "&Review disagreements (on / off)",
               lambda w: w.review.toggle()),
    ActionSpec("review_next", "Review", "&Next disagreement", lambda w: w.review.step(1)),
    ActionSpec("review_previous", "Review", "&Previous disagreement",
               lambda w: w.review.step(-1)),
    *[ActionSpec(f"review_take_{n}", "Review", f"Take annotator {n}'s version",
                 _review_take(n)) for n in range(1, 10)],
    ActionSpec("review_take_all", "Review", "Take &all versions", lambda w: w.review.take_all()),
    ActionSpec("review_take_none", "Review", "Take n&either version",
               lambda w: w.review.take_none()),
    ActionSpec("review_next_document", "Review", "Next &document with disagreements",
               lambda w: w.review.next_document()),
    # Model (annotator/gui/train_dialog.py)
    ActionSpec("train_model", "Model", "&Train model…", lambda w: _train_model(w)),
    # View / Help
    ActionSpec("toggle_dark", "View", "&Dark theme", lambda w: w.toggle_dark(), checkable=True),
    ActionSpec("show_shortcuts", "Help", "&Keyboard shortcuts", lambda w: w.show_shortcuts()),
    ActionSpec("about", "Help", "&About annotator", lambda w: w.show_about()),
]

MENUS = ["File", "Edit", "Annotate", "Claims", "Document", "Review", "Model", "View", "Help"]
# Alt+letter opens a menu (Alt+A is "accept all claims", so Annotate takes N)
MENU_TITLES = {"File": "&File", "Edit": "&Edit", "Annotate": "A&nnotate", "Claims": "&Claims",
               "Document": "&Document", "Review": "&Review", "Model": "&Model",
               "View": "&View", "Help": "&Help"}


def _parse(data: dict[str, object], source: str) -> dict[str, list[str]]:
    table = data.get("shortcuts", {})
    if not isinstance(table, dict):
        raise AnnotatorError(f"{source}: [shortcuts] must be a table")
    out: dict[str, list[str]] = {}
    for key, value in table.items():
        if isinstance(value, str):
            out[key] = [value] if value else []
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            out[key] = [v for v in value if v]
        else:
            raise AnnotatorError(f"{source}: shortcut {key!r} must be a string or a list")
    return out


def _read(path: Path) -> dict[str, list[str]]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise AnnotatorError(f"{path}: {exc}") from None
    return _parse(data, str(path))


def user_shortcuts_path() -> Path:
    return data_dir() / "shortcuts.toml"


def load_shortcuts() -> tuple[dict[str, list[str]], str | None]:
    """Default shortcuts merged with the user's; second item: a warning, if any."""
    shortcuts = _read(resources_dir() / "shortcuts.toml")
    warning = None
    user = user_shortcuts_path()
    if user.exists():
        try:
            overrides = _read(user)
        except (AnnotatorError, OSError) as exc:
            warning = f"{exc} (user shortcuts ignored)"
        else:
            unknown = sorted(set(overrides) - {a.id for a in ACTIONS})
            if unknown:
                warning = f"{user}: unknown actions {', '.join(unknown)}"
            shortcuts.update({k: v for k, v in overrides.items() if k not in unknown})
    return shortcuts, warning


def build_actions(window: WindowContext,
                  shortcuts: dict[str, list[str]]) -> dict[str, QAction]:
    actions: dict[str, QAction] = {}
    for spec in ACTIONS:
        act = QAction(spec.text, window)
        act.setObjectName(spec.id)
        act.setShortcuts([QKeySequence(s) for s in shortcuts.get(spec.id, [])])
        act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        act.setCheckable(spec.checkable)
        act.triggered.connect(lambda _=False, h=spec.handler: h(window))
        window.addAction(act)
        actions[spec.id] = act
    return actions


CLAIM_DIGITS = {str(n) for n in range(1, 10)}  # claim hotkeys served by claim_label_N


def build_label_actions(window: WindowContext) -> list[QAction]:
    """Actions for the scheme's label keys: each entity label's hotkey, and Alt+hotkey
    for a claim label whose hotkey is not 1-9 (those go through claim_label_N, whose
    keys come from shortcuts.toml). Built again whenever the scheme changes."""
    scheme = window.controller.project.scheme
    acts = []
    for lab in scheme.entities:
        act = QAction(f"Label as {lab.name}", window)
        act.setObjectName(f"label:{lab.name}")
        if lab.hotkey:
            act.setShortcut(QKeySequence(lab.hotkey))
        act.triggered.connect(lambda _=False, n=lab.name: _label_selection_or_relabel(window, n))
        window.addAction(act)
        acts.append(act)
    for lab in scheme.claims:
        if not lab.hotkey or lab.hotkey in CLAIM_DIGITS:
            continue
        act = QAction(f"Claim label {lab.name}", window)
        act.setObjectName(f"claim_label:{lab.name}")
        act.setShortcut(QKeySequence(f"Alt+{lab.hotkey}"))
        act.triggered.connect(lambda _=False, h=lab.hotkey: window.claims.label_key(h))
        window.addAction(act)
        acts.append(act)
    for n in sorted(CLAIM_DIGITS):
        claim = scheme.by_hotkey("claim", n)
        action = window.action_table[f"claim_label_{n}"]
        action.setText(f"Claim label {n}: {claim.name}" if claim else f"Claim label {n}")
        action.setVisible(claim is not None)  # no menu item that does nothing
    return acts


def scheme_keys(window: WindowContext) -> tuple[tuple[str, ...], ...]:
    """What the label key bindings, the Label menu and the strip are built from."""
    scheme = window.controller.project.scheme
    return tuple((lab.kind, lab.name, lab.hotkey, lab.color, lab.guideline)
                 for lab in (*scheme.entities, *scheme.claims))


def shortcut_rows(shortcuts: dict[str, list[str]]) -> list[tuple[str, str, str]]:
    """(menu, action text, keys) for the help dialog and the README table."""
    rows = []
    for spec in ACTIONS:
        keys = ", ".join(shortcuts.get(spec.id, []))
        rows.append((spec.menu, spec.text.replace("&", "").rstrip("…"), keys))
    return rows
