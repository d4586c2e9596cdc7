"""Label Studio: a JSON array of tasks that Label Studio 1.x imports as is.

Each task: ``data`` (``text``, our document ``id``, ``meta``), ``annotations``
and ``predictions``. A ``done`` document's accepted spans are its annotation; a
``skipped`` one's annotation is cancelled (Label Studio's "skipped"); the
accepted spans of an unfinished document are the prediction
``annotator-accepted`` (shown, not counted as labelled); suggestions (with
``include_suggested``) are the prediction ``annotator`` with their scores.
Entities use the labels control ``label``, claims the control ``claim``, and a
claimant is a ``claimant`` relation from the claim to its entity. Offsets are
code points with the span's ``text``, as Label Studio writes them. The labelling
config these names need is in the README (Export > Label Studio).
"""

from __future__ import annotations

from typing import Any

from annotator.core.exporters.native import Writer, dumps_bytes
from annotator.core.exporters.source import (
    CachedRun,
    ExportClaim,
    ExportDoc,
    ExportSpan,
    check_range,
)
from annotator.core.model import DocStatus, SpanStatus

ENTITY_CONTROL = "label"
CLAIM_CONTROL = "claim"
TEXT_OBJECT = "text"
ACCEPTED_PREDICTION = "annotator-accepted"
SUGGESTED_PREDICTION = "annotator"


class LabelStudioWriter(Writer):

    def __init__(self, out: Any, summary: Any, unit: str = "document") -> None:
        super().__init__(out, summary, unit)
        self._first = True

    def _region(self, doc: ExportDoc, span: ExportSpan | ExportClaim, control: str, key: str
                ) -> dict[str, Any]:
        check_range(doc, span.start, span.end, f"{span.label} span")
        region: dict[str, Any] = {
            "id": key, "from_name": control, "to_name": TEXT_OBJECT, "type": "labels",
            "value": {"start": span.start, "end": span.end,
                      "text": doc.text[span.start:span.end], "labels": [span.label]}}
        if span.status == SpanStatus.SUGGESTED and span.score is not None:
            region["score"] = span.score
        return region

    def _results(self, doc: ExportDoc, status: SpanStatus) -> list[dict[str, Any]]:
        results = []
        keys: dict[int, str] = {}
        for ent in doc.entities:
            if ent.status == status:
                keys[ent.id or 0] = f"e{ent.id}"
                results.append(self._region(doc, ent, ENTITY_CONTROL, f"e{ent.id}"))
        for claim in doc.claims:
            if claim.status != status:
                continue
            results.append(self._region(doc, claim, CLAIM_CONTROL, f"c{claim.id}"))
            if claim.claimant_id is not None and claim.claimant_id in keys:
                results.append({"from_id": f"c{claim.id}", "to_id": keys[claim.claimant_id],
                                "type": "relation", "direction": "right",
                                "labels": ["claimant"]})
        return results

    def write(self, doc: ExportDoc) -> None:
        data: dict[str, Any] = {"text": doc.text, "id": doc.external_id, "meta": doc.meta}
        task: dict[str, Any] = {"data": data, "annotations": [], "predictions": []}
        accepted = self._results(doc, SpanStatus.ACCEPTED)
        if doc.status in (DocStatus.DONE, DocStatus.SKIPPED):
            task["annotations"].append({"result": accepted,
                                        "was_cancelled": doc.status == DocStatus.SKIPPED,
                                        "ground_truth": False})
        elif accepted:
            task["predictions"].append({"model_version": ACCEPTED_PREDICTION,
                                        "result": accepted})
        suggested = self._results(doc, SpanStatus.SUGGESTED)
        if suggested:
            scores = [r["score"] for r in suggested if "score" in r]
            prediction: dict[str, Any] = {"model_version": SUGGESTED_PREDICTION,
                                          "result": suggested}
            if scores:
                prediction["score"] = sum(scores) / len(scores)
            task["predictions"].append(prediction)
        self.frame(b"[\n" if self._first else b",\n")
        self.emit(dumps_bytes(task, newline=False))
        self._first = False
        self.summary.spans += len(doc.entities)
        self.summary.claims += len(doc.claims)

    def replay(self, run: CachedRun) -> None:
        self.frame(b"[\n" if self._first else b",\n")
        self._first = False
        self.emit(b",\n".join([out.data for out in run.outputs]))
        self._end_document()
        self._count(run)

    def close(self) -> None:
        self.frame(b"[]\n" if self._first else b"\n]\n")


def labelling_config(entity_labels: list[str], claim_labels: list[str]) -> str:
    """The Label Studio labelling config whose control names the export uses."""
    lines = ["<View>", f'  <Labels name="{ENTITY_CONTROL}" toName="{TEXT_OBJECT}">']
    lines += [f'    <Label value="{name}"/>' for name in entity_labels]
    lines.append("  </Labels>")
    if claim_labels:
        lines.append(f'  <Labels name="{CLAIM_CONTROL}" toName="{TEXT_OBJECT}">')
        lines += [f'    <Label value="{name}"/>' for name in claim_labels]
        lines.append("  </Labels>")
        lines.append('  <Relations><Relation value="claimant"/></Relations>')
    lines += [f'  <Text name="{TEXT_OBJECT}" value="${TEXT_OBJECT}"/>', "</View>"]
    return "\n".join(lines) + "\n"
