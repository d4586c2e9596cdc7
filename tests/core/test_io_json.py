"""orjson in import and export, and what it refuses handed to the standard library."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from annotator.core.exporters import export
from annotator.core.exporters.native import Writer, dumps_bytes
from annotator.core.exporters.source import ExportSummary
from annotator.core.importers import import_paths
from annotator.core.model import AnnotatorError
from annotator.core.store import Project


def test_big_integers_and_nan_import_and_export(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    big = 2 ** 70
    src.write_text('{"id": "a", "text": "Joko Widodo di Jakarta.", "meta": {"n": ' + str(big)
                   + ', "x": NaN}, "spans": [{"start": 0, "end": 11, "label": "PER"}]}\n',
                   encoding="utf-8")
    with Project(tmp_path / "p.annotator.db") as project:
        summary = import_paths(project, [src])
        assert summary.documents == 1 and summary.entities == 1
        out = tmp_path / "out.jsonl"
        export(project, "jsonl", out, status="all")
        record = json.loads(out.read_text(encoding="utf-8"))
        assert record["meta"]["n"] == big  # orjson cannot, the fallback can


def test_bad_json_keeps_the_line_and_column_in_its_error(tmp_path: Path) -> None:
    src = tmp_path / "bad.jsonl"
    src.write_text('{"id": "a", "text": "ok teks"}\n{"id": "b", "text": }\n', encoding="utf-8")
    with Project(tmp_path / "p.annotator.db") as project, \
            pytest.raises(AnnotatorError, match=r"line 2: not valid JSON .* column"):
        import_paths(project, [src])


def test_dumps_bytes_is_compact_utf8_with_a_newline() -> None:
    assert dumps_bytes({"t": "é", "n": [1, 2]}) == '{"t":"é","n":[1,2]}\n'.encode()
    assert dumps_bytes({"n": 2 ** 70}, newline=False) == b'{"n":%d}' % 2 ** 70


def test_writer_output_reaches_a_text_stream_without_a_byte_buffer() -> None:
    out = io.StringIO()
    writer = Writer(out, ExportSummary())
    writer.emit("ä\n".encode())
    writer.finish()
    assert out.getvalue() == "ä\n"


@pytest.mark.parametrize(("spans", "expect"), [
    ('[{"start": 0, "end": 4, "label": "PER"}, {"start": 5, "end": 11, "label": "PER"}]',
     [(0, 4), (5, 11)]),
    ('[{"start": 0, "end": 4, "label": "PER"}, {"start": 4, "end": 11, "label": "PER"}]',
     "whitespace trimmed"),                       # a space at the edge of a known label
    ('[{"id": 1, "start": 0, "end": 4, "label": "PER"}, '
     '{"id": "1", "start": 5, "end": 11, "label": "PER"}]', "used twice"),
    ('[{"start": 0, "end": 4, "label": "PER"}, {"start": 5, "end": 11, "label": ["PER"]}]',
     "label must be"),
    ('[{"start": 0, "end": 4, "label": "PER", "text": "Joko"}, '
     '{"start": 5, "end": 11, "label": "PER", "text": "Widodo!"}]', "does not match"),
])
def test_plain_spans_pass_every_check(tmp_path: Path, spans: str, expect: object) -> None:
    """The inline path for ordinary spans keeps every check of the general one."""
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "Joko Widodo di Jakarta.", "spans": ' + spans + "}\n",
                   encoding="utf-8")
    with Project(tmp_path / "p.annotator.db") as project:
        if isinstance(expect, list):
            import_paths(project, [src])
            assert [(e.start, e.end) for e in project.spans.list(1)] == expect
        elif expect == "whitespace trimmed":
            summary = import_paths(project, [src])
            assert any(expect in w for w in summary.warnings)
            assert [(e.start, e.end) for e in project.spans.list(1)] == [(0, 4), (5, 11)]
        else:
            with pytest.raises(AnnotatorError, match=str(expect)):
                import_paths(project, [src])
            assert project.documents.count() == 0
