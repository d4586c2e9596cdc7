"""Teams without a server: split a corpus (assign), bring the files back (merge),
compare the annotators (agreement) and find what is left to adjudicate (review).

No SQL here: the layer tables are read and written through
``annotator.core.store.layers``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annotator.core.store import Project

CONSENSUS = "consensus"  # the annotator name of gold rows all annotators agreed on
ANNOTATOR_SETTING = "annotator"  # the name an assigned project file records


def member_name(project: Project) -> str | None:
    """The annotator an assigned project file belongs to (its decisions carry this
    name, whoever opens it), or None for any other project."""
    name = project.settings.get(ANNOTATOR_SETTING)
    return name if isinstance(name, str) and name else None
