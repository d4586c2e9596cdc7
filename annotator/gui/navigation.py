"""Keyboard paths between the search box, the document list and the article.

- In the search box: Tab goes to the article (not down the focus chain into the
  list, which would open another document); Escape clears the search and goes
  back to the article; Enter searches now and opens the first result; Down
  goes into the results (opening the first one); the list's Up / Down then open
  the document under the highlight.
- In the list: Enter or Tab goes to the article.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent

if TYPE_CHECKING:
    from annotator.gui.context import WindowContext
    from annotator.gui.document_list import DocumentList

K = Qt.Key


class SearchNavigation(QObject):
    def __init__(self, window: WindowContext, documents: DocumentList) -> None:
        super().__init__(window)
        self.window = window
        self.documents = documents
        documents.search.installEventFilter(self)
        documents.view.installEventFilter(self)

    def to_article(self) -> None:
        self.window.article.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_first(self) -> bool:
        docs = self.documents
        docs.apply_search_now()
        if not docs.model.ids:
            self.window.say("no document matches this search")
            return False
        docs.view.setCurrentIndex(docs.model.index(0))  # opens it
        return True

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key, mods = event.key(), event.modifiers()
        docs = self.documents
        if obj is docs.search:
            if key in (K.Key_Tab, K.Key_Backtab):
                self.to_article()
                return True
            if key == K.Key_Escape:
                docs.search.clear()
                docs.apply_search_now()
                self.to_article()
                return True
            if key in (K.Key_Return, K.Key_Enter) and not mods:
                if self.open_first():
                    self.to_article()
                return True
            if key == K.Key_Down and not mods:
                docs.apply_search_now()
                docs.view.setFocus(Qt.FocusReason.OtherFocusReason)
                if docs.model.ids and docs.view.currentIndex().row() < 0:
                    docs.view.setCurrentIndex(docs.model.index(0))
                return True
        elif obj is docs.view and key in (K.Key_Return, K.Key_Enter, K.Key_Tab):
            self.to_article()
            return True
        return False
