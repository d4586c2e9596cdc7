"""`D` on a document with undecided suggestions: ask what to do with them.

Training reads a suggestion nobody decided as "no entity" (its words count as not
a name), so marking such a document done silently teaches the model the opposite
of what the suggestions say. The dialog says so and offers, from the keyboard:
Enter accepts them all and marks the document done, Alt+R rejects them all and
marks it done, Alt+D marks it done anyway, Escape cancels. The decisions and the
status are one undo step (``core.editing.Editor.finish``).
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QAbstractButton, QMessageBox

from annotator.core.model import DocStatus, SpanStatus

if TYPE_CHECKING:
    from annotator.gui.context import WindowContext


class Choice(enum.Enum):
    ACCEPT_ALL = "accept"
    REJECT_ALL = "reject"
    AS_IS = "as-is"
    CANCEL = "cancel"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def consequences(spans: int, claims: int) -> list[str]:
    """What leaving them undecided does, for entities and for claims (claims are not
    names: "no entity" was wrong for them)."""
    said = []
    if spans:
        said.append("Training counts an undecided suggested entity as “no entity”: its "
                    "words are taught as not being a name.")
    if claims:
        said.append("An undecided suggested claim is left out of the exported claims, as "
                    "if nobody had made it.")
    return said


def ask(window: WindowContext, spans: int, claims: int) -> Choice:
    parts = [p for p in (_plural(spans, "suggested entity") if spans else "",
                         _plural(claims, "suggested claim") if claims else "") if p]
    box = QMessageBox(window)
    box.setObjectName("finishDialog")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Undecided suggestions")
    box.setText(f"This document still has {' and '.join(parts)} nobody decided.")
    box.setInformativeText(" ".join(consequences(spans, claims))
                           + " Decide them before marking the document done?")
    accept = box.addButton("&Accept all and mark done", QMessageBox.ButtonRole.AcceptRole)
    reject = box.addButton("&Reject all and mark done", QMessageBox.ButtonRole.DestructiveRole)
    as_is = box.addButton("Mark &done anyway", QMessageBox.ButtonRole.ActionRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(accept)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    window.activateWindow()
    window.article.setFocus()  # back to the article, whatever was chosen
    choices: dict[QAbstractButton, Choice] = {accept: Choice.ACCEPT_ALL,
                                              reject: Choice.REJECT_ALL, as_is: Choice.AS_IS}
    return choices.get(clicked, Choice.CANCEL)


def mark_done(window: WindowContext) -> bool:
    """Mark the open document done, asking first when suggestions are undecided;
    False when it was not marked (cancelled, refused)."""
    ctl = window.controller
    doc = ctl.doc
    if doc is None:
        return False
    spans, claims = ctl.editor.undecided(doc.id)
    if not spans and not claims:
        ok = ctl.set_status(DocStatus.DONE)
        if ok:
            window.say(f"{doc.external_id} marked done")
        return ok
    choice = ask(window, spans, claims)
    if choice == Choice.CANCEL:
        window.say("not marked done: the suggestions are still there to decide")
        return False
    decide = {Choice.ACCEPT_ALL: SpanStatus.ACCEPTED,
              Choice.REJECT_ALL: SpanStatus.REJECTED}.get(choice)
    if not ctl.run(lambda: ctl.editor.finish(doc.id, decide)):
        return False
    n = spans + claims
    window.say({Choice.ACCEPT_ALL: f"{doc.external_id} done: {n} suggestions accepted",
                Choice.REJECT_ALL: f"{doc.external_id} done: {n} suggestions rejected",
                Choice.AS_IS: f"{doc.external_id} done with {n} undecided suggestions "
                              f"({' '.join(consequences(spans, claims))})"}[choice])
    return True
