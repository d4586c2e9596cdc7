"""Other tools' files on tricky texts (emoji before entities, combining marks, CRLF,
NBSP, a ZWJ sequence), through the command line: Label Studio JSON and JSON-MIN (as
Label Studio 1.x writes them) and brat folders import, auto-detected and named, to
the same spans (Python code points); exported to Label Studio and brat and imported
again they stay identical; the CoNLL export is strict IOB2 for seqeval."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from seqeval.scheme import IOB2, Entities

from annotator.cli import main as cli

TEXTS = {
    "emoji": "😀👍🏽 Presiden Joko Widodo bertemu 👨‍👩‍👧 Anwar Ibrahim di Jakarta.",
    "marks": "Menteri Nadie\u0301m Makarim berkunjung ke Bali\u0301 pada Senin.",
    "nbsp": "Gubernur\u00a0Anies Baswedan tiba di\u00a0DKI Jakarta 🇮🇩 hari ini.",
    "crlf": "Baris satu di Surabaya.\r\nBaris dua: Prabowo Subianto berkata.\r\n",
}
ENTITIES = {
    "emoji": [("Joko Widodo", "PER"), ("Anwar Ibrahim", "PER"), ("Jakarta", "LOC")],
    "marks": [("Nadie\u0301m Makarim", "PER"), ("Bali\u0301", "LOC"), ("Senin", "DATE")],
    "nbsp": [("Anies Baswedan", "PER"), ("DKI Jakarta", "LOC")],
    "crlf": [("Surabaya", "LOC"), ("Prabowo Subianto", "PER")],
}


def raw_spans(key: str) -> list[tuple[int, int, str, str]]:
    text = TEXTS[key]
    return [(text.index(words), text.index(words) + len(words), words, label)
            for words, label in ENTITIES[key]]


def expected() -> dict[str, list[tuple[int, int, str, str]]]:
    """The stored text (CRLF -> LF) and its spans, found in it independently."""
    out = {}
    for key, text in TEXTS.items():
        stored = text.replace("\r\n", "\n")
        out[stored] = sorted((stored.index(w), stored.index(w) + len(w), label, w)
                             for w, label in ENTITIES[key])
    return out


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def spans_of(project: Path) -> dict[str, list[tuple[int, int, str, str]]]:
    out = run("export", "--project", str(project), "--format", "jsonl", "--status", "all")
    records = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    return {r["text"]: sorted((s["start"], s["end"], s["label"], r["text"][s["start"]:s["end"]])
                              for s in r["spans"]) for r in records}


def write_label_studio(path: Path) -> None:
    tasks = []
    for n, key in enumerate(TEXTS, 1):
        result = [{"id": f"r{n}_{k}", "from_name": "label", "to_name": "text",
                   "type": "labels", "origin": "manual",
                   "value": {"start": s, "end": e, "text": w, "labels": [label]}}
                  for k, (s, e, w, label) in enumerate(raw_spans(key))]
        tasks.append({"id": n, "data": {"text": TEXTS[key]},
                      "annotations": [{"id": 100 + n, "completed_by": 1, "result": result,
                                       "was_cancelled": False, "ground_truth": False,
                                       "created_at": "2024-05-01T10:00:00.000000Z",
                                       "lead_time": 3.5, "task": n, "project": 1}],
                      "predictions": [{"id": 200 + n, "model_version": "v1", "score": 0.5,
                                       "result": result}],
                      "meta": {}, "inner_id": n, "total_annotations": 1, "project": 1})
    path.write_text(json.dumps(tasks, ensure_ascii=False, indent=2), encoding="utf-8")


def write_json_min(path: Path) -> None:
    rows = [{"text": TEXTS[key], "id": n,
             "label": [{"start": s, "end": e, "text": w, "labels": [label]}
                       for s, e, w, label in raw_spans(key)],
             "annotator": 1, "annotation_id": 100 + n, "created_at": "2024-05-01T10:00:00Z",
             "updated_at": "2024-05-01T10:00:00Z", "lead_time": 3.5}
            for n, key in enumerate(TEXTS, 1)]
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")


def write_brat(folder: Path) -> None:
    folder.mkdir()
    for key, text in TEXTS.items():
        (folder / f"{key}.txt").write_bytes(text.encode("utf-8"))
        lines = [f"T{k}\t{label} {s} {e}\t{w}"
                 for k, (s, e, w, label) in enumerate(raw_spans(key), 1)]
        lines.append("#1\tAnnotatorNotes T1\tcatatan")
        (folder / f"{key}.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    # a discontinuous span: left out with a warning, the rest imports
    (folder / "split.txt").write_text("Kim Jong Un dan Putin.\n", encoding="utf-8")
    (folder / "split.ann").write_text("T1\tPER 0 3;8 11\tKim Un\nT2\tPER 16 21\tPutin\n",
                                      encoding="utf-8")


@pytest.mark.parametrize("kind", ["labelstudio", "json-min", "brat"])
@pytest.mark.parametrize("fmt", ["auto", "named"])
def test_other_tools_files_import_and_round_trip(tmp_path: Path, kind: str, fmt: str) -> None:
    source = tmp_path / ("brat" if kind == "brat" else f"{kind}.json")
    {"labelstudio": write_label_studio, "json-min": write_json_min,
     "brat": write_brat}[kind](source)
    project = tmp_path / "p.db"
    named = ["--format", "brat" if kind == "brat" else "labelstudio"] if fmt == "named" else []
    run("import", str(source), "--project", str(project), *named)
    got = spans_of(project)
    if kind == "brat":
        assert got.pop("Kim Jong Un dan Putin.\n") == [(16, 21, "PER", "Putin")]
    assert got == expected()

    for out_fmt, out in (("labelstudio", tmp_path / "out.json"), ("brat", tmp_path / "out")):
        run("export", "--project", str(project), "--format", out_fmt, "--status", "all",
            "--out", str(out))
        again = tmp_path / f"again-{out_fmt}.db"
        run("import", str(out), "--project", str(again))
        assert spans_of(again) == spans_of(project)

    conll = tmp_path / "out.conll"
    run("export", "--project", str(project), "--format", "conll", "--status", "all",
        "--out", str(conll))
    sentences: list[list[str]] = []
    current: list[str] = []
    for line in conll.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-") or not line.strip():
            if current:
                sentences.append(current)
            current = []
        else:
            current.append(line.split()[-1])
    strict = Entities(sentences, IOB2)  # raises on a tag IOB2 does not know
    assert sum(len(s) for s in strict.entities) == sum(len(v) for v in got.values()) + (
        1 if kind == "brat" else 0)
