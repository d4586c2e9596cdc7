"""The editor's window rules, Qt-free: propagation, the word at the caret, claim edges,
accept all claims, and marking a document done with undecided suggestions."""

from __future__ import annotations

from annotator.core import commands as cmds
from annotator.core.editing import PROPAGATION, Editor, moved_edges, other_mentions, word_at
from annotator.core.model import Claim, DocStatus, EntitySpan, SpanStatus
from annotator.core.store import NewDocument, Project
from annotator.core.text import tokenize

TEXT = ("Putin menerima Kim Jong Un di Moskow. Kim Jong Un memuji Putin. "
        "Warga Moskow menyambut Kim Jong Un.")


def _doc(project: Project) -> int:
    return project.documents.insert([NewDocument(TEXT, "a", lang="id")]).doc_ids[0]


def test_labelling_propagates_to_other_mentions_never_over_a_decision(
        project: Project) -> None:
    doc_id = _doc(project)
    editor = Editor(project)
    kims = [i for i in range(len(TEXT)) if TEXT.startswith("Kim Jong Un", i)]
    no = cmds.AddEntity(doc_id, kims[2], kims[2] + 11, "ORG", SpanStatus.SUGGESTED,
                        source="test")
    project.execute(no)
    project.execute(cmds.reject(no.entity_id or 0))
    editor.label_span(doc_id, kims[0], kims[0] + 11, "PER", text=TEXT)
    spans = {(e.start, e.end): e for e in project.spans.list(doc_id, include_rejected=True)}
    assert (spans[(kims[1], kims[1] + 11)].label, spans[(kims[1], kims[1] + 11)].status,
            spans[(kims[1], kims[1] + 11)].source) == ("PER", SpanStatus.SUGGESTED, PROPAGATION)
    assert spans[(kims[2], kims[2] + 11)].status == SpanStatus.REJECTED  # left alone
    # undo takes back the person's span; the program's suggestions stay suggestions
    editor.undo(doc_id)
    assert all(e.source == PROPAGATION for e in project.spans.list(doc_id))


def test_other_mentions_are_whole_words() -> None:
    text = "Rus, Rusia dan Rusia."
    assert other_mentions(text, 5, 10, []) == [(15, 20)]
    assert other_mentions(text, 0, 3, []) == []  # "Rus" is inside no other word here
    assert other_mentions(text, 5, 10, [EntitySpan(1, 14, 21, "X")]) == []


def test_word_at_the_caret() -> None:
    tokens = tokenize(TEXT)
    at = TEXT.index("Moskow")
    assert word_at(TEXT, tokens, at + 3) == (at, at + 6)
    assert word_at(TEXT, tokens, at + 6) == (at, at + 6)  # just after the word
    dot = TEXT.index(".")
    assert word_at(TEXT, tokens, dot) in (None, (at, at + 6))


def test_moved_edges() -> None:
    tokens = [(0, 3), (4, 7), (8, 11)]
    assert moved_edges(tokens, 4, 7, "start", -1) == (0, 7)
    assert moved_edges(tokens, 4, 7, "end", 1) == (4, 11)
    assert moved_edges(tokens, 4, 7, "end", -1) is None  # would vanish
    assert moved_edges(tokens, 0, 11, "start", -1) is None  # at the edge already


def test_finish_decides_suggestions_and_marks_done_in_one_step(project: Project) -> None:
    doc_id = _doc(project)
    editor = Editor(project)
    editor.propagation = False
    add = cmds.AddEntity(doc_id, 0, 5, "PER", SpanStatus.SUGGESTED, source="test")
    project.execute(add)
    claim = Claim(doc_id, 0, 37, "CHECKWORTHY", status=SpanStatus.SUGGESTED, source="claims")
    project.claims.insert(claim)
    assert editor.undecided(doc_id) == (1, 1)
    editor.finish(doc_id, SpanStatus.REJECTED)
    assert project.documents.status(doc_id) == DocStatus.DONE
    assert editor.undecided(doc_id) == (0, 0)
    editor.undo(doc_id)
    assert editor.undecided(doc_id) == (1, 1)
    assert project.documents.status(doc_id) == DocStatus.NEW
    assert editor.accept_all_claims(doc_id) == 1
    assert project.claims.list(doc_id)[0].status == SpanStatus.ACCEPTED
