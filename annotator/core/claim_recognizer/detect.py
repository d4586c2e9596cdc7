"""Claims from reporting cues and quotation marks (see the package docstring)."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from annotator.core.claim_recognizer.claimant import (
    Speaker,
    pronoun_kind,
    speaker_after,
    speaker_before,
)
from annotator.core.claim_recognizer.document import (
    CLOSING_MARKS,
    FoundCue,
    WordedDoc,
    in_quote,
    inner,
    strip,
)
from annotator.core.claim_recognizer.labels import label_for
from annotator.core.claim_recognizer.lexicon import Cue, CueLexicon, load_cues
from annotator.core.model import (
    Claim,
    Document,
    EntitySpan,
    Offsets,
    QuoteKind,
    SpanStatus,
    Stance,
)

NAME = "claims"
MAX_GAP_AFTER = 6  # word tokens between a closing quote and its cue ('"…," the minister said')
MAX_GAP_BEFORE = 3  # word tokens between a cue and an opening quote ('kata dia, "…"')
MAX_TO_COMPLEMENT = 8  # words between a cue and "bahwa"/"that" ("mengatakan kepada X bahwa")
MIN_WORDS = 3  # a claim has at least this many words (a denial, a judgement: two)
SCORES = {"direct": 0.85, "continued": 0.45, "complement": 0.75, "inverted": 0.7,
          "source": 0.72, "verb": 0.55, "passive": 0.55, "backref": 0.4, "hearsay": 0.35}


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    cue: FoundCue | None
    quote: str
    score: float
    speaker: Speaker


def suggest_claims(doc: Document, entities: Sequence[EntitySpan], lang: str | None = None,
                   *, cues_folder: Path | None = None) -> list[Claim]:
    """Suggested claims for one document (see the package docstring for the rules)."""
    lex = load_cues(lang or doc.lang or "", cues_folder)
    if lex is None or not doc.text.strip():
        return []
    d = WordedDoc(doc, entities)
    return [to_claim(doc, d, lex, c) for c in candidates(d, lex)]


def candidates(d: WordedDoc, lex: CueLexicon) -> list[Candidate]:
    q_starts = [q[0] for q in d.quotes]
    d.set_cues([c for c in find_cues(d, lex) if not in_quote(c.start, d.quotes, q_starts)])
    used: set[int] = set()
    found: list[Candidate] = []
    last_direct: Candidate | None = None
    for quote in d.quotes:
        span = inner(d.text, quote)
        if d.word_count(*span) < MIN_WORDS:
            continue
        cue = cue_after_quote(d, quote, span) or cue_before_quote(d, lex, quote)
        if cue is not None:
            used.add(cue.start)
            if cue.start >= quote[1]:
                speaker = _or_before(speaker_after(d, lex, cue, d.sentence(cue.start)[1]),
                                     d, lex, cue, quote[1])
            else:
                speaker = speaker_before(d, lex, cue, d.sentence(cue.start)[0])
            cand = Candidate(*span, cue, QuoteKind.DIRECT.value, SCORES["direct"], speaker)
            found.append(cand)
            last_direct = cand
        elif last_direct is not None and _continues(d, last_direct, quote):
            cand = Candidate(*span, None, QuoteKind.DIRECT.value, SCORES["continued"],
                             last_direct.speaker)
            found.append(cand)
            last_direct = cand
    for cue in d.cues:
        if cue.start not in used:
            reported = indirect(d, lex, cue)
            if reported is not None:
                found.append(reported)
    chosen = select(found)
    _pronouns_follow_speakers(d, chosen)
    continued = _continued_speech(d, lex, chosen)
    return select(chosen + continued) if continued else chosen


def _or_before(after: Speaker, d: WordedDoc, lex: CueLexicon, cue: FoundCue,
               floor: int) -> Speaker:
    """The speaker after the cue, else the one before it; a pronoun or a description
    after the cue ("..., lanjut pelatih itu") stays, to be resolved to the speaker
    named before even when no entity is near."""
    return after if (after or after.pronoun) else speaker_before(d, lex, cue, floor)


def _continued_speech(d: WordedDoc, lex: CueLexicon,
                      chosen: list[Candidate]) -> list[Candidate]:
    """A sentence with no cue that opens with a speaker's pronoun ("Pihaknya juga akan
    ...") right after a claim with a speaker continues that speaker's reported speech."""
    out: list[Candidate] = []
    if not lex.continuation_openers:
        return out
    for cand in chosen:
        if not cand.speaker:
            continue
        k = d.sentence_no(cand.end - 1) + 1
        if k >= len(d.sentences) or d.line_no(d.sentences[k][0]) - d.line_no(cand.end) > 1:
            continue
        span = strip(d.text, *d.sentences[k])
        words = d.words_in(*span)
        if (not words or words[0] not in lex.continuation_openers or d.cues_in(span[0] - 1, span[1])
                or d.word_count(*span) < MIN_WORDS or d.quoted(span[0])):
            continue
        out.append(Candidate(*span, None, QuoteKind.INDIRECT.value, SCORES["continued"],
                             cand.speaker))
    return out


def _pronouns_follow_speakers(d: WordedDoc, chosen: list[Candidate]) -> None:
    """A pronoun ("ia", "katanya", "mereka") refers to the previous claim's speaker when
    that one is of the pronoun's kind (a person, a group) and at most three sentences
    back; the nearest such entity is the fallback (already in the speaker)."""
    previous: Candidate | None = None
    for cand in chosen:
        who = cand.speaker
        if who.pronoun is not None and previous is not None and previous.speaker and (
                d.sentence_no(cand.start) - d.sentence_no(previous.start) <= 3):
            before = previous.speaker
            wanted = "PER" if who.pronoun == "person" else "ORG"
            fits = (before.entity.label == wanted if before.entity is not None
                    else who.entity is None or who.entity.label != wanted)
            # a person named after the previous claim is nearer ("... Bagus meragukan
            # angka itu. Ia menilai ..."): the nearest one stays
            newer = who.entity is not None and who.entity.start >= previous.end
            if fits and not newer:
                cand.speaker = Speaker(before.entity, before.text, who.pronoun)
        if cand.speaker:
            previous = cand


def _continues(d: WordedDoc, previous: Candidate, quote: Offsets) -> bool:
    """A quotation with no cue continues the previous quote: it stands alone (in its
    paragraph, or after the sentence of that quote) in the same or the next paragraph."""
    if d.line_no(quote[0]) - d.line_no(previous.start) > 1:
        return False
    line_end = d.text.find("\n", quote[1])
    line_end = len(d.text) if line_end < 0 else line_end
    if d.text[quote[1]:line_end].strip(" \t.,"):
        return False
    line_start = d.text.rfind("\n", 0, quote[0]) + 1
    before = d.text[max(line_start, previous.end):quote[0]]
    if d.line_no(quote[0]) == d.line_no(previous.start) and d.text[
            :quote[0]].rstrip().endswith(",") and d.sentence(quote[0]) == d.sentence(
            previous.end):
        return True  # '"Kondisi ini harus diatasi," tutur X, "sebelum panen tiba."'
    if d.line_no(quote[0]) == d.line_no(previous.start):
        # same paragraph: only the previous quote's attribution sentence in between
        return d.sentence(quote[0])[0] >= quote[0] - 1 and not any(
            c is not previous.cue for c in d.cues_in(previous.end, quote[0]))
    return not d.text[line_start:quote[0]].strip() or not before.strip()


def find_cues(d: WordedDoc, lex: CueLexicon) -> list[FoundCue]:
    found: list[FoundCue] = []
    i = 0
    n = len(d.tokens)
    while i < n:
        match = None
        for cue in lex.cues.get(d.words[i], ()):
            k = len(cue.words)
            if tuple(d.words[i:i + k]) != cue.words:
                continue
            # the words of a multi-word cue are separated by whitespace only
            if all(not d.text[d.tokens[j][1]:d.tokens[j + 1][0]].strip()
                   for j in range(i, i + k - 1)):
                match = FoundCue(d.tokens[i][0], d.tokens[i + k - 1][1], i, i + k, cue)
                break
        if match is None:
            i += 1
            continue
        i = match.tok_end
        if match.cue.inverted and not follows_break(d, match.start):
            if not _opens_with_speaker(d, lex, match):
                continue
            # "Kata dia, harga akan naik.": the speaker follows, then the claim
            match.cue = replace(match.cue, kind="source")
        elif match.cue.kind == "hearsay" and match.cue.label is None and _opens_with_speaker(
                d, lex, match, named=True):
            # "Dikatakan Iswar, pihaknya ...": hearsay in form, but the speaker is named
            match.cue = replace(match.cue, kind="source")
        if _negated(d, lex, match):  # "tidak mengonfirmasi jadwal ..." reports nothing
            continue
        if match.cue.label == "DENIAL" and match.cue.kind == "verb" and _negated(
                d, lex, match, denials=True):
            # "tak menampik timnya tertekan": a denial denied is an admission
            match.cue = replace(match.cue, label=None, stance=Stance.ASSERTS.value)
        found.append(match)
    return found


def _opens_with_speaker(d: WordedDoc, lex: CueLexicon, cue: FoundCue, *,
                        named: bool = False) -> bool:
    """"Kata Jokowi, ..." at a sentence's start: a short speaker, then a comma; or a cue
    with the speaker as its suffix, then a comma ("Ditambahkannya, ..."). ``named``: the
    speaker must be a capitalised word ("Dikatakan Iswar, ...", not "Dikatakan pula,")."""
    s_start = d.sentence(cue.start)[0]
    if d.text[s_start:cue.start].strip():
        return False
    comma = d.text.find(",", cue.end, d.sentence(cue.start)[1])
    if comma < 0:
        return False
    words = d.word_count(cue.end, comma)
    if words == 0:
        return pronoun_kind(lex, cue) is not None
    if named and not d.text[cue.end:comma].strip()[:1].isupper():
        return False
    return words <= 4


def _negated(d: WordedDoc, lex: CueLexicon, cue: FoundCue, *, denials: bool = False) -> bool:
    if cue.cue.kind != "verb" or (cue.cue.label == "DENIAL") != denials:
        return False
    before = d.words[max(0, cue.tok - 2):cue.tok]
    gap = d.text[d.tokens[max(0, cue.tok - 2)][0]:cue.start] if cue.tok else ""
    return any(w in lex.negations for w in before) and not any(ch in gap for ch in ",.;:")


def follows_break(d: WordedDoc, pos: int) -> bool:
    """True if only a comma or a closing quote (and spaces) precede ``pos``."""
    before = d.text[max(0, pos - 8):pos].rstrip()
    return bool(before) and before[-1] in "," + CLOSING_MARKS


def cue_after_quote(d: WordedDoc, quote: Offsets, span: Offsets) -> FoundCue | None:
    close = quote[1]
    if close - 1 <= quote[0] or d.text[close - 1] not in CLOSING_MARKS:
        return None  # unclosed: runs to the end of the line
    # '"…," kata X' / '"… ." said X' / '"…", X said': the quote ends a clause
    if not ("," in d.text[span[1]:close] or d.text[span[1] - 1] in ".!?…"
            or d.text[close:close + 3].lstrip().startswith(",")):
        return None
    sentence = d.sentence(close - 1)
    k = bisect.bisect_left(d.quote_starts, close)
    next_quote = d.quotes[k][0] if k < len(d.quotes) else len(d.text)
    for cue in d.cues_in(close - 1, len(d.text)):
        if cue.start >= min(sentence[1], next_quote):
            return None
        if d.word_count(close, cue.start) <= MAX_GAP_AFTER and cue.cue.kind != "hearsay":
            return cue
        return None
    return None


def cue_before_quote(d: WordedDoc, lex: CueLexicon, quote: Offsets) -> FoundCue | None:
    opener = quote[0]
    gap_end = d.text[:opener].rstrip()
    if gap_end and gap_end[-1] not in ":,":
        return None
    line_start = d.text.rfind("\n", 0, opener) + 1
    best = None
    for cue in d.cues_in(line_start - 1, opener):
        if cue.end > opener:
            break
        if cue.cue.kind != "hearsay":
            best = cue
    if best is None or d.word_count(best.end, opener) > MAX_GAP_BEFORE:
        return None
    gap_words = d.words[best.tok_end:d.tok_at(opener)]
    if lex.complementizers.intersection(gap_words):
        return None
    return best


def skip_dateline(d: WordedDoc, start: int, end: int) -> int:
    """After "JAKARTA, KOMPAS - " or "KONTAN.CO.ID - MOSKOW. " at a paragraph's start."""
    if start and d.text[start - 1] != "\n":
        return start
    head = d.text[start:min(end, start + 60)]
    for dash in (" - ", " – ", " — "):
        k = head.find(dash)
        if k > 0 and len(head[:k].split()) <= 5 and any(
                w.isupper() and len(w) > 1 for w in head[:k].replace(",", " ").split()):
            return start + k + len(dash)
    return start


def indirect(d: WordedDoc, lex: CueLexicon, cue: FoundCue) -> Candidate | None:
    s_start, s_end = d.sentence(cue.start)
    if cue.cue.kind == "hearsay":
        whole = strip(d.text, skip_dateline(d, s_start, s_end), s_end)
        return Candidate(*whole, cue, QuoteKind.INDIRECT.value, SCORES["hearsay"], Speaker())
    if cue.cue.kind == "source":
        return _source(d, lex, cue, s_start, s_end)
    if cue.cue.kind == "backref":
        return _backref(d, lex, cue, s_start, s_end)
    if cue.cue.kind == "passive":
        return _passive(d, lex, cue, s_start, s_end)
    kind = ""
    span: Offsets | None = None
    after_words = d.word_count(cue.end, s_end)
    ahead = d.words[cue.tok_end:min(cue.tok_end + MAX_TO_COMPLEMENT, d.tok_at(s_end))]
    comp = next((i for i, w in enumerate(ahead) if w in lex.complementizers), None)
    if comp is not None:
        tok = d.tokens[cue.tok_end + comp]
        if "," not in d.text[cue.end:tok[0]]:
            span, kind = (tok[1], s_end), "complement"
    if span is None and not cue.cue.inverted and after_words >= MIN_WORDS - 1:
        # "X mengatakan, ..." / "X menilai ..." / "X mengatakan kepada wartawan, ..."
        begin = cue.end
        comma = d.text.find(",", cue.end, s_end)
        if comma >= 0 and d.word_count(cue.end, comma) <= 4 and (
                not d.text[cue.end:comma].strip()
                or d.words[cue.tok_end] in lex.speaker_stops):
            begin = comma + 1
        if d.words[d.tok_at(begin)] not in lex.speaker_stops:  # "... mengatakan kepada AP."
            span, kind = (begin, s_end), "verb"
    comma_before = d.text.rfind(",", s_start, cue.start)
    if span is None and comma_before >= 0 and (
            follows_break(d, cue.start) or not d.text[cue.end:s_end].strip(" .!?")
            or cue.cue.inverted):
        # "..., kata X." / "..., demikian disampaikan X."
        span, kind = (skip_dateline(d, s_start, comma_before), comma_before), "inverted"
    if span is None:
        return None
    span = strip(d.text, *_before_trailing_cue(d, cue, span))
    opening = tuple(d.words_in(*span)[:4])
    if kind == "verb" and any(opening[:len(p)] == p for p in lex.non_claim_starts):
        return None  # "menyampaikan terima kasih kepada ...": no claim
    if kind == "verb" and cue.cue.label is None and not _has_predicate(d, lex, span):
        return None  # "menyampaikan pidato di Gedung DPR": an object, not a reported clause
    # a judgement or a denial of a named thing: "menampik tuduhan itu", "meragukan angka itu"
    short = 2 if cue.cue.label in ("DENIAL", "OPINION") else MIN_WORDS
    if d.word_count(*span) < short:
        return None
    if kind == "inverted":
        speaker = _or_before(speaker_after(d, lex, cue, s_end), d, lex, cue,
                             comma_before + 1)
    else:
        speaker = speaker_before(d, lex, cue, s_start)
    if speaker.entity is not None and span[0] <= speaker.entity.start < span[1]:
        speaker = Speaker()  # the speaker found inside the claim itself is no speaker
    return Candidate(*span, cue, QuoteKind.INDIRECT.value, SCORES[kind], speaker)


def _has_predicate(d: WordedDoc, lex: CueLexicon, span: Offsets) -> bool:
    """The words after a plain verb hold a clause: a figure, an auxiliary or copula
    ("sudah", "akan", "adalah"), a word with a verb prefix ("menangani"), or a label
    word ("adil", "harus")."""
    if not lex.predicate_words and not lex.verb_prefixes:
        return True  # a language without the lists: every object counts
    for word in d.words_in(*span):
        if any(ch.isdigit() for ch in word) or word in lex.predicate_words:
            return True
        if len(word) > 5 and word.startswith(lex.verb_prefixes):
            return True
    # an evaluative or modal word is a predicate too ("hasil imbang ini adil")
    return any(d.has_phrase(*span, markers) for markers in (
        lex.opinion_markers, lex.modal_markers, lex.future_markers, lex.denial_markers))


def _backref(d: WordedDoc, lex: CueLexicon, cue: FoundCue, s_start: int,
             s_end: int) -> Candidate | None:
    """"Hal itu disampaikan X di Jakarta.": the sentence before is X's claim."""
    if d.text[s_start:cue.start].strip() or s_start == 0:
        return None
    k = d.sentence_no(s_start) - 1
    if k < 0 or d.line_no(d.sentences[k][0]) < d.line_no(s_start) - 1:
        return None
    span = strip(d.text, skip_dateline(d, *d.sentences[k]), d.sentences[k][1])
    if d.word_count(*span) < MIN_WORDS or d.quoted(span[0]):
        return None
    speaker = speaker_after(d, lex, cue, s_end)
    return Candidate(*span, cue, QuoteKind.INDIRECT.value, SCORES["backref"], speaker)


def _passive(d: WordedDoc, lex: CueLexicon, cue: FoundCue, s_start: int,
             s_end: int) -> Candidate | None:
    """"Kabar bahwa X dibantah oleh Y.": the subject before the cue (the clause after
    "bahwa" when it has one) is the claim, the agent after it the speaker."""
    begin = skip_dateline(d, s_start, cue.start)
    if d.text[begin:cue.start].rstrip().endswith(tuple(",;:" + CLOSING_MARKS)):
        return None  # '"...," dibantah X': a quote's attribution, not a passive subject
    words = d.words[d.tok_at(begin):cue.tok]
    comp = next((i for i, w in enumerate(words) if w in lex.complementizers), None)
    if comp is not None:
        begin = d.tokens[d.tok_at(begin) + comp][1]
    span = strip(d.text, begin, cue.start)
    if d.word_count(*span) < 2 or d.quoted(span[0]):
        return None
    speaker = speaker_after(d, lex, cue, s_end)
    return Candidate(*span, cue, QuoteKind.INDIRECT.value, SCORES["passive"], speaker)


def _before_trailing_cue(d: WordedDoc, cue: FoundCue, span: Offsets) -> Offsets:
    """"X mengatakan inflasi naik, menurut data BPS.": the claim ends at the comma."""
    for other in d.cues_in(span[0], span[1]):
        if other is not cue:
            comma = d.text.rfind(",", span[0], other.start)
            if comma > span[0] and not d.text[comma + 1:other.start].strip():
                return span[0], comma
    return span


def _source(d: WordedDoc, lex: CueLexicon, cue: FoundCue, s_start: int,
            s_end: int) -> Candidate | None:
    """"Menurut X, ..." / "..., menurut X." / "according to X ...": X speaks."""
    comma = d.text.find(",", cue.end, s_end)
    span: Offsets | None = None
    if comma >= 0 and d.word_count(cue.end, comma) <= 8:
        begin = comma + 1
        # "Mengutip Reuters, Rabu (6/9), ...": a date between the source and the claim
        nxt = d.text.find(",", begin, s_end)
        if nxt >= 0 and d.word_count(begin, nxt) <= 3 and _all_time(d, lex, begin, nxt):
            begin = nxt + 1
        span = (begin, s_end)
    elif d.text[s_start:cue.start].rstrip().endswith(","):
        span = (s_start, d.text.rfind(",", s_start, cue.start))
    else:
        ent = next((e for e in d.speakers if cue.end <= e.start < s_end
                    and d.word_count(cue.end, e.start) <= 2), None)
        if ent is None:
            return None
        span = (ent.end, s_end)
    span = strip(d.text, *span)
    if d.word_count(*span) < MIN_WORDS:
        return None
    if any(c is not cue and c.cue.kind == "verb" and not c.cue.inverted
           for c in d.cues_in(span[0] - 1, span[1])):
        return None  # "Mengutip Reuters, pejabat AS menyatakan ...": the verb's claim
    speaker = speaker_after(d, lex, cue, span[0] if span[0] > cue.end else s_end)
    return Candidate(*span, cue, QuoteKind.INDIRECT.value, SCORES["source"], speaker)


def _all_time(d: WordedDoc, lex: CueLexicon, start: int, end: int) -> bool:
    words = d.words_in(start, end)
    return bool(words) and all(w in lex.time_words or not w.isalpha() for w in words)


def select(found: list[Candidate]) -> list[Candidate]:
    """Best first; drop a candidate that overlaps a better one or whose cue it covers."""
    chosen: list[Candidate] = []
    starts: list[int] = []  # of the chosen spans, which never overlap: kept sorted
    ends: list[int] = []
    cue_starts: list[int] = []
    for cand in sorted(found, key=lambda c: (-c.score, c.start, c.end)):
        k = bisect.bisect_left(starts, cand.end)  # chosen spans starting before our end
        if k and ends[k - 1] > cand.start:
            continue
        j = bisect.bisect_left(cue_starts, cand.start)
        if j < len(cue_starts) and cue_starts[j] < cand.end:
            continue
        chosen.append(cand)
        k = bisect.bisect_left(starts, cand.start)
        starts.insert(k, cand.start)
        ends.insert(k, cand.end)
        if cand.cue is not None:
            bisect.insort(cue_starts, cand.cue.start)
    return sorted(chosen, key=lambda c: (c.start, c.end))


def _named_entity(d: WordedDoc, name: str, pos: int) -> EntitySpan | None:
    """A PER/ORG mention elsewhere with exactly the free-text speaker's name (the
    entity recognizers found the name there, not here): the nearest one."""
    key = name.casefold()
    same = [e for e in d.speakers if d.text[e.start:e.end].casefold() == key]
    return min(same, key=lambda e: abs(e.start - pos), default=None)


def to_claim(doc: Document, d: WordedDoc, lex: CueLexicon, c: Candidate) -> Claim:
    cue = c.cue.cue if c.cue is not None else Cue(())
    stance = cue.stance
    label = label_for(d, lex, c.cue.cue if c.cue is not None else None, c.start, c.end)
    if label == "DENIAL":
        stance = Stance.DENIES.value
    elif stance == Stance.ASSERTS.value and d.text[c.start:c.end].rstrip().endswith("?"):
        stance = Stance.QUESTIONS.value
    who = c.speaker
    if who.entity is None and who.text:
        who = Speaker(_named_entity(d, who.text, c.start), who.text, who.pronoun)
    score = c.score if (who or cue.kind == "hearsay") else c.score * 0.8
    return Claim(
        doc_id=doc.id, start=c.start, end=c.end, label=label,
        claimant_id=who.entity.id if who.entity is not None else None,
        claimant_text=None if who.entity is not None else who.text,
        cue_start=c.cue.start if c.cue is not None else None,
        cue_end=c.cue.end if c.cue is not None else None,
        attrs={"quote": c.quote, "stance": stance},
        status=SpanStatus.SUGGESTED, source=NAME, score=round(score, 3))
