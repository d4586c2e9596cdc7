"""CoNLL columns: CoNLL-2003, IOB1, IOB2 (BIO), BIOES and BILOU tags.

One token a line, the token in the first column and its tag in the last (the
columns between, e.g. POS and chunk tags, are ignored); a blank line ends a
sentence; a ``-DOCSTART-`` line starts a document. A file without
``-DOCSTART-`` lines has one document per sentence (CoNLL files without
document marks, e.g. WNUT, are lists of unrelated sentences). The text is
rebuilt from the tokens: joined with spaces, a sentence a line. A first line
of column names (``token<TAB>tag``, as TSV files have) is skipped. The tag schemes
need no option: ``B-`` and ``S-``/``U-`` always start a span, ``I-`` after ``O``
or another label starts one too (IOB1), ``E-``/``L-`` end one.

A line that is not ``TOKEN ... TAG`` is an error naming the line: a text file
is never read as CoNLL by accident.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from annotator.core.importers.common import ReadContext
from annotator.core.model import AnnotatorError, DocStatus, EntitySpan
from annotator.core.store import NewDocument
from annotator.core.text import tags_to_spans

TAG = re.compile(r"O|[BIESLU]-\S+")
_PREFIX = {"L": "E", "U": "S"}  # BILOU spelled as BIOES


def looks_like_conll(head: str) -> bool:
    """The start of a file (4 KB) in CoNLL columns: ``-DOCSTART-`` first, or at
    least 3 lines and every complete one ``TOKEN ... TAG`` with 2 to 10 columns."""
    lines = head.splitlines()
    if not head.endswith("\n"):
        lines = lines[:-1]  # cut by the 4 KB read
    lines = [ln for ln in lines if ln.strip()]
    if lines and lines[0].startswith("-DOCSTART-"):
        return True
    if lines and _is_header(lines[0]):
        lines = lines[1:]
    if len(lines) < 3:
        return False
    for line in lines:
        cols = line.split()
        if not 2 <= len(cols) <= 10 or not TAG.fullmatch(cols[-1]):
            return False
    return True


def _is_header(line: str) -> bool:
    """A TSV header such as ``token<TAB>ner_tag``: a few names, the last not a tag."""
    cols = line.split()
    return 2 <= len(cols) <= 10 and not TAG.fullmatch(cols[-1]) and all(
        c.replace("_", "").replace("-", "").isalpha() for c in cols)


def columns(line: str) -> list[str]:
    """A line's columns: split at tabs when it has any (a token may then hold a space,
    'New York'), else at white space."""
    if "\t" in line and line.strip():
        return [c.strip() for c in line.strip("\r\n").split("\t")]
    return line.split()


def read_conll(ctx: ReadContext, path: Path) -> Iterator[NewDocument]:
    name = ctx.name(path)
    stem = path.stem if name == str(path) else "stdin"
    has_docstart = False
    sentences: list[list[tuple[str, str]]] = []
    sentence: list[tuple[str, str]] = []
    count = 0
    first_line = 0

    def document() -> NewDocument | None:
        nonlocal count, first_line
        if sentence:
            sentences.append(list(sentence))
            sentence.clear()
        if not sentences:
            return None
        count += 1
        doc = _build(ctx, sentences, f"{stem}-{count}", name, first_line)
        sentences.clear()
        first_line = 0
        return doc

    for lineno, line in ctx.lines(path):
        cols = columns(line)
        if not cols:
            if sentence:
                sentences.append(list(sentence))
                sentence.clear()
                if not has_docstart:
                    doc = document()
                    if doc:
                        yield doc
            continue
        if cols[0] == "-DOCSTART-":
            has_docstart = True
            doc = document()
            if doc:
                yield doc
            first_line = lineno
            continue
        if line.startswith("#") and not TAG.fullmatch(cols[-1]):
            continue  # a comment (CoNLL-U style "# sent_id = 1")
        if lineno == 1 and _is_header(line):
            ctx.warn(f"{name}, line 1: {line.strip()!r} read as a column header, skipped")
            continue
        if len(cols) < 2 or not cols[0] or not TAG.fullmatch(cols[-1]):
            raise AnnotatorError(
                f"{name}, line {lineno}: not a CoNLL line (expected TOKEN ... TAG with a tag "
                f"such as O, B-PER, I-LOC, E-ORG, S-MISC): {line.strip()[:60]!r}")
        first_line = first_line or lineno
        sentence.append((cols[0], cols[-1]))
    doc = document()
    if doc:
        yield doc


def _build(ctx: ReadContext, sentences: list[list[tuple[str, str]]], ext_id: str,
           source: str, line: int) -> NewDocument:
    parts: list[str] = []
    tokens: list[tuple[int, int]] = []
    tags: list[str] = []
    pos = 0
    for k, sentence in enumerate(sentences):
        if k:
            parts.append("\n")
            pos += 1
        for i, (token, tag) in enumerate(sentence):
            if i:
                parts.append(" ")
                pos += 1
            parts.append(token)
            tokens.append((pos, pos + len(token)))
            pos += len(token)
            prefix, _, label = tag.partition("-")
            tags.append(f"{_PREFIX.get(prefix, prefix)}-{label}" if label else tag)
        tags.append("O")  # a span never runs on into the next sentence
        tokens.append((pos, pos))
    where = f"{source}, line {line}" if line else source
    doc = NewDocument(text="".join(parts), external_id=ext_id,
                      meta={"source": source, "line": line}, status=DocStatus.DONE)
    for start, end, label in tags_to_spans(tokens, tags):
        doc.entities.append(EntitySpan(0, start, end, ctx.label("entity", label, where),
                                       source="import"))
    return doc
