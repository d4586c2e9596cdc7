"""Who makes a claim: the person or organisation next to its cue.

The speaker's phrase is cut into comma chunks ("Kepala Dinas Kesehatan, Anhar Hadian,
mengatakan": an office, then a name). A PER entity in the phrase is the claimant (the
person, not the office), else an ORG entity (the first one: "Badan Pusat Statistik
(BPS)"), else the phrase as free text, trimmed of titles, datelines and trailing
phrases ("Perry dalam konferensi pers di Jakarta" -> "Perry"). A pronoun ("ia", "dia",
"katanya", "he") is the nearest earlier person; a group pronoun ("mereka", "pihaknya",
"they") the nearest earlier organisation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from annotator.core.claim_recognizer.document import (
    SPEAKER_LABELS,
    STRIP,
    FoundCue,
    WordedDoc,
)
from annotator.core.claim_recognizer.lexicon import CueLexicon
from annotator.core.model import EntitySpan, Offsets

MAX_FREE_TEXT = 8  # words of a free-text claimant
MAX_CHUNKS = 3  # comma chunks of a speaker's phrase ("X, jabatan, lembaga, mengatakan")
_CHUNK_BREAKS = ",;:\"“”«»„\n"
_DATE = re.compile(r"^\(?\d[\d/.\-]*\)?$")


@dataclass(slots=True)
class Speaker:
    entity: EntitySpan | None = None
    text: str | None = None
    pronoun: str | None = None  # "person"/"group": resolved from a pronoun

    def __bool__(self) -> bool:
        return self.entity is not None or bool(self.text)


def speaker_before(d: WordedDoc, lex: CueLexicon, cue: FoundCue, floor: int) -> Speaker:
    """The subject of a cue: the words between ``floor`` and the cue ("X mengatakan")."""
    if pronoun_kind(lex, cue) is not None:
        return resolve_pronoun(d, lex, cue.start, "person")
    floor = max(floor, d.cue_end_before(cue.start))
    floor = _skip_dateline(d, floor, cue.start)
    chunks = _chunks(d, floor, cue.start)
    if not chunks:
        return Speaker()
    last = _trimmed(d, lex, chunks[-1])
    if last[1] > last[0]:
        # the subject is right before the cue: only that chunk, after any "setelah ..."
        subject = _after_last_link(d, lex, last)
        kind = _pronoun_phrase(d, lex, subject) or _description(
            d, lex, _after_last_link(d, lex, chunks[-1]))
        if kind is not None:
            return resolve_pronoun(d, lex, cue.start, kind)
        return _pick(d, lex, [subject])
    # "X, jabatan, mengatakan": an appositive phrase, chunk by chunk back to an adverbial
    phrase: list[Offsets] = []
    for chunk in reversed(chunks[:-1]):
        if _all_time(d, lex, chunk):
            continue  # "Kremlin, pekan lalu, menyatakan"
        if _is_adverbial(d, lex, chunk) or len(phrase) == MAX_CHUNKS:
            break
        phrase.append(_after_last_link(d, lex, chunk))
    # "Hendra dalam konferensi pers di Gedung Thamrin, Jakarta, Kamis, mengatakan": once
    # the head's words turn into a place or an occasion, the chunks after it go with them
    for k in range(len(phrase) - 1, -1, -1):
        if _cut_at_stop(d, lex, phrase[k]) != phrase[k]:
            phrase = phrase[k:]
            break
    return _pick(d, lex, phrase, head_last=True)


def speaker_after(d: WordedDoc, lex: CueLexicon, cue: FoundCue, ceiling: int) -> Speaker:
    """The speaker named after a cue ("..., kata Menteri X, Senin", "menurut X, ...")."""
    if pronoun_kind(lex, cue) is not None:
        return resolve_pronoun(d, lex, cue.start, "person")
    nxt = d.cue_after(cue.end)
    if nxt is not None and nxt.start < ceiling and nxt.cue.kind == "source" and (
            d.word_count(cue.end, nxt.start) <= 6):
        # "kata kantor berita X mengutip pernyataan Menteri Y": Y said it
        quoted = speaker_after(d, lex, nxt, ceiling)
        if quoted:
            return quoted
    ceiling = min(ceiling, nxt.start) if nxt is not None else ceiling
    chunks = _chunks(d, cue.end, ceiling)
    phrase: list[Offsets] = []
    for k, chunk in enumerate(chunks):
        if k and (_is_adverbial(d, lex, chunk) or _starts_with(d, chunk, lex.speaker_stops)):
            break
        cut = _cut_at_stop(d, lex, chunk)
        if cut[1] <= cut[0] or len(phrase) == MAX_CHUNKS:
            break
        phrase.append(cut)
        if cut != chunk:  # "kata Perry dalam konferensi pers, ...": the phrase ended
            break
    if len(phrase) == 1:
        kind = _pronoun_phrase(d, lex, phrase[0]) or _description(d, lex, phrase[0])
        if kind is not None:
            return resolve_pronoun(d, lex, cue.start, kind)
    return _pick(d, lex, phrase)


def _description(d: WordedDoc, lex: CueLexicon, chunk: Offsets) -> str | None:
    """"pelatih asal Korea Selatan itu", "perusahaan tersebut": a speaker described by a
    title or an office, not named, and marked as known (``anaphora_ends``) is the one
    named before: ``person`` after a title, ``group`` after an office ("perusahaan")."""
    toks = [t for t in _toks(d, chunk) if d.text[t[0]].isalnum()]
    words = [_word(d, t) for t in toks]
    if not 2 <= len(words) <= 7 or words[-1] not in lex.anaphora_ends:
        return None
    first = d.text[toks[0][0]]
    at_start = not d.text[d.sentence(toks[0][0])[0]:toks[0][0]].strip()
    if not (first.islower() or at_start) or _entities_in(d, chunk, "PER") or any(
            e.start <= toks[0][0] < e.end for e in d.entities_over(*toks[0])):
        return None  # "Persib itu", "kata Budi itu": a name, not a description
    if words[0] in lex.org_heads:
        return "group"
    if any(tuple(words[:len(t)]) == t for t in lex.titles):
        return "person"
    return None  # "sumber tersebut": an unnamed source stays as it is written


def pronoun_kind(lex: CueLexicon, cue: FoundCue) -> str | None:
    """``person`` for a cue with the speaker as a suffix ("katanya", "menurutnya")."""
    last = cue.cue.words[-1]
    if any(last.endswith(s) and len(last) > len(s) + 2 for s in lex.pronoun_suffixes):
        return "person"
    return None


def resolve_pronoun(d: WordedDoc, lex: CueLexicon, pos: int, kind: str,
                    previous: Speaker | None = None) -> Speaker:
    """The nearest earlier person (``kind='person'``) or organisation (``'group'``)
    named outside quotations in this or the three previous sentences."""
    first = max(0, d.sentence_no(pos) - 3)
    floor = d.sentences[first][0] if d.sentences else 0
    earlier = [e for e in d.entities_over(floor, pos) if e.label in SPEAKER_LABELS
               and floor <= e.start and e.end <= pos and not d.quoted(e.start)]
    wanted = "PER" if kind == "person" else "ORG"
    same = [e for e in earlier if e.label == wanted]
    if same:
        return Speaker(same[-1], pronoun=kind)
    if previous:
        return previous
    return Speaker(earlier[-1] if earlier else None, pronoun=kind)


# --- phrases -----------------------------------------------------------------------------

def _chunks(d: WordedDoc, start: int, end: int) -> list[Offsets]:
    """``[start, end)`` cut at commas and quotation marks (brackets kept whole)."""
    out: list[Offsets] = []
    depth = 0
    chunk_start = start
    for i in range(start, end):
        ch = d.text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch in _CHUNK_BREAKS and depth == 0:
            out.append((chunk_start, i))
            chunk_start = i + 1
    out.append((chunk_start, end))
    return [(s, e) for s, e in (_strip_space(d, c) for c in out)] or []


def _strip_space(d: WordedDoc, chunk: Offsets) -> Offsets:
    s, e = chunk
    while s < e and d.text[s].isspace():
        s += 1
    while e > s and d.text[e - 1].isspace():
        e -= 1
    return s, e


def _toks(d: WordedDoc, chunk: Offsets) -> list[Offsets]:
    return d.toks_in(*chunk)


def _span(toks: Sequence[Offsets]) -> Offsets:
    return (toks[0][0], toks[-1][1]) if toks else (0, 0)


def _word(d: WordedDoc, tok: Offsets) -> str:
    return d.text[tok[0]:tok[1]].lower()


def _trimmed(d: WordedDoc, lex: CueLexicon, chunk: Offsets) -> Offsets:
    toks = _toks(d, chunk)
    while toks and (_word(d, toks[-1]) in lex.trim or not d.text[toks[-1][0]].isalnum()):
        toks.pop()
    return _span(toks) if toks else (chunk[1], chunk[1])


def _after_last_link(d: WordedDoc, lex: CueLexicon, chunk: Offsets) -> Offsets:
    toks = _toks(d, chunk)
    links = [k for k, t in enumerate(toks) if _word(d, t) in lex.clause_links]
    if links and links[-1] + 1 < len(toks):
        return _span(toks[links[-1] + 1:])
    return chunk


def _cut_at_stop(d: WordedDoc, lex: CueLexicon, chunk: Offsets) -> Offsets:
    toks = _toks(d, chunk)
    for k, t in enumerate(toks):
        if _word(d, t) in lex.speaker_stops or (k and _is_time(d, lex, t)):
            return _span(toks[:k])
    return chunk


def _starts_with(d: WordedDoc, chunk: Offsets, words: frozenset[str]) -> bool:
    toks = _toks(d, chunk)
    return bool(toks) and _word(d, toks[0]) in words


def _is_time(d: WordedDoc, lex: CueLexicon, tok: Offsets) -> bool:
    word = d.text[tok[0]:tok[1]]
    return word.lower() in lex.time_words or bool(_DATE.match(word))


def _all_time(d: WordedDoc, lex: CueLexicon, chunk: Offsets) -> bool:
    toks = _toks(d, chunk)
    return bool(toks) and all(_is_time(d, lex, t) or not d.text[t[0]].isalnum() for t in toks)


def _skip_dateline(d: WordedDoc, start: int, end: int) -> int:
    """After "BANDUNG - " or "JAKARTA, KOMPAS - " at a paragraph's start."""
    if start and d.text[start - 1] != "\n":
        return start
    head = d.text[start:min(end, start + 40)]
    for dash in (" - ", " – ", " — "):
        k = head.find(dash)
        if k > 0 and len(head[:k].split()) <= 4 and any(
                w.isupper() and len(w) > 1 for w in head[:k].replace(",", " ").split()):
            return start + k + len(dash)
    return start


def _is_adverbial(d: WordedDoc, lex: CueLexicon, chunk: Offsets) -> bool:
    """"Sementara itu", "Rabu (17/1)", "pekan lalu": not a speaker's words."""
    toks = _toks(d, chunk)
    if not toks:
        return True
    if _word(d, toks[0]) in lex.adverbial_openers:
        return True
    return all(_is_time(d, lex, t) or not d.text[t[0]].isalnum() for t in toks)


def _pronoun_phrase(d: WordedDoc, lex: CueLexicon, chunk: Offsets) -> str | None:
    words = [w for w in d.words_in(*chunk) if w not in lex.trim]
    if len(words) != 1:
        return None
    if words[0] in lex.person_pronouns:
        return "person"
    if words[0] in lex.group_pronouns:
        return "group"
    return None


def _entities_in(d: WordedDoc, chunk: Offsets, label: str) -> list[EntitySpan]:
    return [e for e in d.entities_over(*chunk) if e.label == label]


def _pick(d: WordedDoc, lex: CueLexicon, phrase: list[Offsets], *,
          head_last: bool = False) -> Speaker:
    """PER in the nearest chunk that has one, else ORG, else free text.

    ``phrase`` runs from the chunk nearest to the cue; with ``head_last`` the farthest
    chunk is the head of the phrase (the subject before an appositive).
    """
    for chunk in phrase:
        found = _entities_in(d, chunk, "PER")
        if found:
            # a title comes before the name ("Ekonom Lembaga X Budi Santoso"): the person
            # last in the chunk heads it, whatever a recognizer made of the office before
            return Speaker(found[-1])
    names = [c for c in phrase if _looks_like_name(d, lex, c) and not d.entities_over(*c)]
    if names:  # a name no recognizer knows beats the office around it
        return Speaker(text=free_text(d, lex, names[0]))
    for chunk in phrase:
        found = _entities_in(d, chunk, "ORG")
        if found:
            inside = _person_inside_office(d, lex, chunk, found[-1])
            return Speaker(text=inside) if inside else Speaker(found[0])
    order = list(reversed(phrase)) if head_last else phrase
    for chunk in order:
        text = free_text(d, lex, chunk)
        if text:
            return Speaker(text=text)
    return Speaker()


def _person_inside_office(d: WordedDoc, lex: CueLexicon, chunk: Offsets,
                          org: EntitySpan) -> str | None:
    """"Kepala <Dinas Pariwisata Bali Tjok Bagus Pemayun>": a person's title before an
    organisation that runs to the end of the phrase means the recognizer swallowed the
    person's name into the office; the name is what follows the office's marks."""
    toks = _toks(d, chunk)
    words = [_word(d, t) for t in toks]
    if not toks or org.end < toks[-1][1] or not any(
            tuple(words[:len(t)]) == t for t in lex.titles):
        return None
    name = free_text(d, lex, chunk, ignore=org)
    spaced = name.split()
    office = d.text[org.start:org.end]
    if 2 <= len(spaced) <= 4 and len(name) < len(office) and office.endswith(name) and all(
            w[:1].isupper() for w in spaced):
        return name
    return None


def _looks_like_name(d: WordedDoc, lex: CueLexicon, chunk: Offsets) -> bool:
    """"Fithra Faisal": capitalised words, no title, office, acronym or time word."""
    words = [w.strip("()[].,'\"") for w in d.text[chunk[0]:chunk[1]].split()]
    words = [w for w in words if w]
    return 1 <= len(words) <= 4 and all(w[0].isupper() for w in words) and not any(
        w.lower() in lex.time_words or w.lower() in lex.org_heads
        or (len(w) > 1 and w.isupper()) for w in words) and not any(
        tuple(w.lower() for w in words[:len(title)]) == title for title in lex.titles)


def free_text(d: WordedDoc, lex: CueLexicon, chunk: Offsets,
              ignore: EntitySpan | None = None) -> str:
    """The speaker's words without edges that are not the speaker.

    Cut at a trailing phrase ("dalam konferensi pers ..."), without leading adverbs
    and time words ("akhir tahun lalu AS" -> "AS"), and without a leading title when a
    name follows it ("Gubernur BI Perry Warjiyo" -> "Perry Warjiyo").
    """
    def droppable(t: Offsets) -> bool:
        return (_word(d, t) in lex.trim or _is_time(d, lex, t)
                or not any(ch.isalnum() for ch in d.text[t[0]:t[1]]))

    toks = _toks(d, chunk)
    while toks and droppable(toks[0]):
        toks.pop(0)
    if not toks:
        return ""
    toks = _toks(d, _cut_at_stop(d, lex, _span(toks)))[:MAX_FREE_TEXT + 8]
    while toks and (droppable(toks[-1]) and d.text[toks[-1][0]] != ")"):
        toks.pop()
    if len(toks) > 3 and d.text[toks[-1][0]] == ")" and d.text[toks[-3][0]] == "(":
        toks = toks[:-3]  # "Badan Pusat Statistik (BPS)": the acronym repeats the name
    if not toks:
        return ""
    toks = _name_after_title(d, lex, toks, ignore)
    toks = toks[:MAX_FREE_TEXT]
    end = toks[-1][1]
    while end < chunk[1] and not d.text[end].isspace() and d.text[end] not in ",;:(":
        end += 1  # a word cut inside ("U-23", "Tae-yong") stays whole
    text = d.text[toks[0][0]:end]
    if text.count("(") != text.count(")"):  # a bracket cut off by the cap
        text = text[:text.rfind("(")] if text.count("(") > text.count(")") else text
    text = text.strip(STRIP + "(")
    words = text.lower().split()
    if len(words) == 1 and words[0] in lex.pronouns:
        return ""
    return text


def _attached(d: WordedDoc, toks: Sequence[Offsets], k: int) -> bool:
    """The token continues a hyphenated word ("Tae-yong": "yong")."""
    return k > 0 and toks[k - 1][1] == toks[k][0] and d.text[toks[k - 1][0]] in "-'"


def _name_after_title(d: WordedDoc, lex: CueLexicon, toks: list[Offsets],
                      ignore: EntitySpan | None = None) -> list[Offsets]:
    """"Kepala Departemen Komunikasi BI Erwin Haryono" -> "Erwin Haryono".

    The name is the run of capitalised words that ends the phrase, after a title or
    lower-case role words ("pengamat sepak bola Tommy Welly"), and inside that run
    after the last title, acronym or entity that is not a person ("... KAI Joni
    Martinus", "... Kalimantan Tengah Bayu Herinata"). Without any such mark the whole
    phrase stays (the office may be all there is).
    """
    words = [_word(d, t) for t in toks]
    title = next((t for t in lex.titles if tuple(words[:len(t)]) == t), ())
    k = len(toks)
    while k > len(title) and (d.text[toks[k - 1][0]].isupper()
                              or d.text[toks[k - 1][0]] in "-'" or _attached(d, toks, k - 1)):
        k -= 1
    run = toks[k:]
    if not run or (k and not title and words[k - 1] in lex.conjunctions):
        return toks  # "baik Rusia maupun Korea Utara": two speakers, not a role and a name
    if k > len(title) and not d.text[toks[k - 1][0]].isalnum() and len(
            _whitespace_words(d, run)) < 2:
        return toks  # "PT Jasa Marga (Persero) Tbk": the run goes on past a bracket
    cut = 0
    for i, t in enumerate(run):
        word = d.text[t[0]:t[1]]
        inside_other = any(e.start <= t[0] and t[1] <= e.end and e.label != "PER"
                           for e in d.entities_over(*t) if e is not ignore)
        acronym = len(word) > 1 and word.isupper() and word.isalpha()
        if word.lower() in lex.org_heads:
            continue  # "PT Sawit Makmur Lestari": the acronym is part of the name
        if inside_other and (k or title) and len(_whitespace_words(d, run[i + 1:])) >= 2:
            cut = i + 1  # "Direktur Walhi Kalimantan Tengah Bayu Herinata"
        elif acronym or word.lower() in lex.time_words or (word.lower(),) in lex.titles:
            cut = i + 1
    name = run[cut:]
    while name and not d.text[name[0][0]].isalnum():
        name.pop(0)
    if name and name[0][0] > 0 and d.text[name[0][0] - 1] == "(":
        return toks  # "PT PLN (Persero)": a bracket is no name
    spaced = _whitespace_words(d, name)
    titlecase = any(w[:1].isupper() and w[1:2].islower() for w, _ in spaced)
    if spaced and spaced[0][0].lower() in lex.org_heads and cut == 0 and (title or k):
        # "Juru Bicara Kementerian Kesehatan Mohammad Syahril": the office, then a name
        named = _named_elsewhere(d, lex, name)
        if named or len(spaced) >= 4:
            return named or [t for t in name if t[0] >= spaced[-2][1]]
        return toks
    if not titlecase or (cut == 0 and k == 0 and not title) or (
            spaced[0][0].lower() in lex.org_heads) or all(
            any(e.start <= t[0] and t[1] <= e.end and e.label in ("LOC", "ORG")
                for e in d.entities_over(*t) if e is not ignore)
            for t in name):
        # "badan intelijen Korea Selatan": the place is no name (a MISC span over a
        # title and a name is a recognizer's slip, not a place)
        return toks
    named = _named_elsewhere(d, lex, name)
    if named and (cut == 0 or len(spaced) >= 4):
        return named  # "Menteri Keuangan Sri Mulyani Indrawati" + later "Sri Mulyani"
    if len(spaced) >= 4:
        # "Gubernur Kalimantan Tengah Sugianto Sabran": nothing marks where the office
        # ends; a name is most often its last two words
        start = spaced[-2][1]
        return [t for t in name if t[0] >= start]
    return name


def _named_elsewhere(d: WordedDoc, lex: CueLexicon,
                     run: list[Offsets]) -> list[Offsets] | None:
    """The tail of ``run`` that starts where the document names the person again: two
    of its words together elsewhere ("Sri Mulyani"), or one right after a cue ("kata
    Herman", "menurut Faisal")."""
    spaced = _whitespace_words(d, run)
    if len(spaced) < 2:
        return None
    here = (run[0][0], run[-1][1])
    for i in range(1, len(spaced)):
        start = spaced[i][1]
        pair = " ".join(w for w, _ in spaced[i:i + 2])
        if i + 1 < len(spaced) and len(spaced) - i <= 3 and _occurs_elsewhere(
                d.text, pair, here):
            return [t for t in run if t[0] >= start]
        if spaced[i][0] in _cue_named(d, lex):
            return [t for t in run if t[0] >= start]
    return None


def _occurs_elsewhere(text: str, phrase: str, here: Offsets) -> bool:
    pattern = re.compile(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)")
    return any(not here[0] <= m.start() < here[1] for m in pattern.finditer(text))


def _cue_named(d: WordedDoc, lex: CueLexicon) -> set[str]:
    """Capitalised words right after a cue ("kata Herman", "menurut Faisal")."""
    if d.cue_named is not None:
        return d.cue_named
    found: set[str] = set()
    for cue in d.cues:
        if cue.tok_end < len(d.tokens):
            s, e = d.tokens[cue.tok_end]
            word = d.text[s:e]
            if word[:1].isupper() and word.lower() not in lex.pronouns and (
                    word.lower() not in lex.time_words):
                found.add(word)
    d.cue_named = found
    return found


def _whitespace_words(d: WordedDoc, toks: Sequence[Offsets]) -> list[tuple[str, int]]:
    """The words of ``toks`` split at spaces only ("Tae-yong" is one): (word, start)."""
    out: list[tuple[str, int]] = []
    for k, t in enumerate(toks):
        if k and toks[k - 1][1] == t[0]:
            word, start = out[-1]
            out[-1] = (word + d.text[t[0]:t[1]], start)
        else:
            out.append((d.text[t[0]:t[1]], t[0]))
    return out
