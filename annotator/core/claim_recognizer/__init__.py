"""The claim recognizer: attributed claims from reporting cues and quotation marks.

Mechanics are language-neutral; the words come from ``resources/cues/LANG.toml``
(table ``[claims]``, see lexicon.py). Everything is deterministic and works on the
document's tokens and sentences (Stanza's where a Stanza recognizer ran, else the
fallback) and on the PER/ORG entities the entity recognizers (or the annotator) found.

What becomes a claim (all ``status='suggested'``, ``source='claims'``; detect.py):

- **Direct quote**: a quotation (``"…"``, ``“…”``, ``‘…’``, ``«…»``, ``„…“``) with a
  cue right after it in the same sentence (``"…," kata X``, ``"…," X said``) or
  right before it (``X said: "…"``). The claim span is the quoted text without the
  quotation marks and without a trailing comma; ``quote='direct'``. A quotation
  with no cue right after an attributed one (later in its paragraph, or alone in the
  next) continues that speaker's quote (lower score).
- **Indirect**: a cue outside quotations, not negated ("tidak mengonfirmasi").
  With a complementizer (``bahwa``, ``that``) the claim is the clause after it; after
  a full verb the clause after it ("X mengatakan, …", "X menilai …"; the speaker is
  the subject before the verb, "Jabatan, Nama, mengatakan, …" included); after a
  comma and a short passive form (``…, kata X.``, ``…, X said.``) it is the sentence
  up to that comma; ``source`` cues (``menurut X, …``) take the part on the other side
  of the comma; ``hearsay`` cues (``dikabarkan``, ``reportedly``) make the whole
  sentence a claim with no claimant; "Hal itu disampaikan X" gives the sentence before
  to X; a plain verb needs a clause after it, not a noun phrase ("menyampaikan pidato").
  A sentence opening with "Pihaknya" right after a claim continues that speaker's
  speech. ``quote='indirect'``.

The claimant (claimant.py): a PER entity in the speaker's phrase, else an ORG, else
the phrase as free text trimmed of titles, datelines and trailing phrases; pronouns
resolve to the nearest earlier person (or organisation for group pronouns).
The label (labels.py): from the cue and the claim's words.
``claim_at`` (caret.py) shapes the claim the annotator asks for at a caret or a
selection.
"""

from annotator.core.claim_recognizer.caret import ClaimHint, claim_at
from annotator.core.claim_recognizer.detect import NAME, SCORES, suggest_claims
from annotator.core.claim_recognizer.document import SPEAKER_LABELS, WordedDoc, find_quotes
from annotator.core.claim_recognizer.lexicon import Cue, CueLexicon, cue_file, load_cues

__all__ = ["NAME", "SCORES", "SPEAKER_LABELS", "ClaimHint", "Cue", "CueLexicon", "WordedDoc",
           "claim_at", "cue_file", "find_quotes", "load_cues", "suggest_claims"]
