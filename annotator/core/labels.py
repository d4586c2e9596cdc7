"""The label scheme: resources/labels.toml, overridable per project."""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from annotator.core.model import AnnotatorError
from annotator.core.paths import resources_dir

LabelKind = Literal["entity", "claim"]
KINDS: tuple[LabelKind, ...] = ("entity", "claim")

# Colours for labels that arrive with imported data and are not in the scheme.
_EXTRA_COLOURS = ["#ffadad", "#a0c4ff", "#caffbf", "#fdffb6", "#bdb2ff", "#ffc6ff", "#9bf6ff"]


@dataclass(slots=True)
class Label:
    name: str
    kind: LabelKind
    color: str
    hotkey: str = ""
    guideline: str = ""


@dataclass(slots=True)
class LabelScheme:
    entities: list[Label] = field(default_factory=list)
    claims: list[Label] = field(default_factory=list)
    claim_attributes: dict[str, list[str]] = field(default_factory=dict)

    def of_kind(self, kind: LabelKind) -> list[Label]:
        return self.entities if kind == "entity" else self.claims

    def get(self, kind: LabelKind, name: str) -> Label | None:
        return next((lab for lab in self.of_kind(kind) if lab.name == name), None)

    def names(self, kind: LabelKind) -> list[str]:
        return [lab.name for lab in self.of_kind(kind)]

    def by_hotkey(self, kind: LabelKind, key: str) -> Label | None:
        return next((lab for lab in self.of_kind(kind) if lab.hotkey == key), None)

    def ensure(self, kind: LabelKind, name: str) -> bool:
        """Add an unknown label with a fresh colour; True if it was added."""
        if self.get(kind, name) is not None:
            return False
        labels = self.of_kind(kind)
        used = {lab.hotkey for lab in labels}
        hotkey = next((str(d) for d in range(1, 10) if str(d) not in used), "")
        colour = _EXTRA_COLOURS[len(labels) % len(_EXTRA_COLOURS)]
        labels.append(Label(name, kind, colour, hotkey, "Added from imported data."))
        return True

    def new_labels(self, than: LabelScheme) -> list[tuple[LabelKind, str]]:
        """The labels of this scheme that ``than`` lacks, as (kind, name)."""
        return [(kind, lab.name) for kind in KINDS for lab in self.of_kind(kind)
                if than.get(kind, lab.name) is None]

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity": [_label_dict(lab) for lab in self.entities],
            "claim": [_label_dict(lab) for lab in self.claims],
            "claim_attributes": self.claim_attributes,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], source: str = "label scheme") -> LabelScheme:
        try:
            entities = [_label(item, "entity") for item in data.get("entity", [])]
            claims = [_label(item, "claim") for item in data.get("claim", [])]
            attrs = {str(k): [str(v) for v in vals]
                     for k, vals in data.get("claim_attributes", {}).items()}
        except (KeyError, TypeError, AttributeError) as exc:
            raise AnnotatorError(f"{source}: malformed label entry ({exc})") from None
        return cls(entities, claims, attrs)


def _label_dict(label: Label) -> dict[str, Any]:
    d = asdict(label)
    d.pop("kind")
    return d


def _label(item: dict[str, Any], kind: LabelKind) -> Label:
    return Label(
        name=str(item["name"]),
        kind=kind,
        color=str(item.get("color", "#cccccc")),
        hotkey=str(item.get("hotkey", "")),
        guideline=str(item.get("guideline", "")),
    )


def load_scheme(path: Path | None = None) -> LabelScheme:
    path = path or resources_dir() / "labels.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise AnnotatorError(f"{path}: cannot read the label scheme ({exc})") from None
    return LabelScheme.from_dict(data, str(path))
