"""Convert the PolNeAR train split (BRAT standoff) into the project's quotes gold JSONL.

PolNeAR — the Political News Attribution Relations corpus (Newell, Margolin and Ruths, LREC 2018;
https://github.com/networkdynamics/PolNeAR) — annotates every attribution in 1,008 articles of the 2016 US
election coverage of seven publishers: a **Source** span (who), a **Cue** span (said, told, according to) and
a **Content** span (what), linked by an event ``E<n> Attribution:T.. Content:T.. Cue:T.. Source:T..``.

A *direct quotation* is a Content fragment wrapped in quotation marks: after stripping blanks and trailing
punctuation (``,`` ``.`` ``;`` ``:`` ``!`` ``?`` ``—``) it opens with a quotation mark and ends with one, the
closing mark being the partner of the opening one. A discontinuous Content (“A,” he said, “B.”) gives one gold
quote per wrapped fragment; fragments separated only by blanks (PolNeAR cuts many Contents at sentence ends)
are joined first. The gold ``quote`` is the fragment between its outer marks (the text a reader
would copy), its ``speaker`` the Source span as written (fragments joined by a space), ``null`` when the
attribution has no Source. With ``--partial``, quoted stretches *inside* a Content that is not wrapped as a
whole (paraphrase with a partial quotation: said the deal was “a disaster”) are gold quotes too, credited to
the same Source. Marks inside a quotation (nested single marks) do not start quotes of their own.

``--speaker`` chooses what the gold ``speaker`` holds:

* ``as-written`` (default): the Source span exactly as annotated ("he", "Mr. Trump", "the senator", "Jeff
  Weaver, Sanders’ campaign manager,");
* ``name``: the person a reader would name. A pronoun Source (he, she, I, we, they, it, him, her) takes the
  nearest earlier Source of the same article that is not a pronoun (the annotators' own previous source);
  then a leading article is dropped, an apposition after the first comma is cut, and when the rest ends in
  capitalized words, those words without honorifics and titles (Mr., Ms., Sen., President, press secretary
  ...) are the name: "Mr. Trump" → Trump, "White House press secretary Josh Earnest" → Josh Earnest;
  otherwise the description stays ("the senator" → senator). PolNeAR's CoreNLP coreference would be the
  better resolver, but its files are too large to be fetched here; this rule is documented so that the
  figures it gives can be read for what they are.

Licence and provenance: the PolNeAR repository has no licence file; its articles are copyrighted news. So this
converter is committed, the corpus is not: run it on a local copy of the repository (``git clone
https://github.com/networkdynamics/PolNeAR``). Only ``data/train`` may be used for development — ``dev`` and
``test`` are held out, and the script refuses any other folder. Articles annotated by several annotators
(the agreement batches) are read from the first annotator of the file names in sorted order, so the output is
deterministic.

Usage::

    python benchmarks/polnear_to_gold.py PolNeAR/data/train --out train.jsonl
    python benchmarks/polnear_to_gold.py PolNeAR/data/train --out dev80.jsonl --fold dev --seed 0
    python benchmarks/polnear_to_gold.py PolNeAR/data/train --out check20.jsonl --fold check --seed 0
    tiktok-study validate --kind quotes --gold train.jsonl

``--fold dev|check`` splits the train articles 80/20 by a hash of the file name (stable across machines), so
that rules can be developed on one part and checked on the other.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

OPENING_MARKS = {"“": "”", '"': '"', "‘": "’", "'": "'", "«": "»", "„": "“"}
CLOSING_MARKS = frozenset("”\"’'»“")
TRAILING_PUNCTUATION = " \t\n,.;:!?—–-…"
PRONOUNS = frozenset(str.split("he she i we they it him her his them us me"))
HONORIFICS = frozenset(
    str.split(
        """mr. mr mrs. mrs ms. ms dr. dr sen. sen rep. rep gov. gov gen. gen lt. col. sgt. prof. rev. president
    vice senator sens. reps. representative governor mayor secretary chairman chairwoman chair judge justice
    former presidential candidate nominee republican democratic democrat gop speaker leader majority minority
    attorney general adviser advisor spokesman spokeswoman spokesperson manager director press aide chief
    strategist campaign staff deputy communications executive ceo founder host anchor correspondent"""
    )
)
DETERMINER_RE = re.compile(r"^(?:the|a|an)\s+", re.I)
PARENTHESIS_RE = re.compile(r"\s*\([^()]*\)")
REFLEXIVE_END_RE = re.compile(r"\s+(?:himself|herself|themselves|itself)$")
CAPITALIZED_TAIL_RE = re.compile(r"(?:(?<=\s)|^)((?:[A-Z][\w’'.-]*\s+(?:of\s+)?)*[A-Z][\w’'.-]*)$")
# a quoted stretch inside a Content (double marks only: single marks are too often apostrophes)
INNER_QUOTE_RE = re.compile(r"“([^“”]+)”|\"([^\"]+)\"|''((?:(?!'').)+)''")
SPAN_LINE_RE = re.compile(r"^(?P<id>T\d+)\t(?P<label>\S+) (?P<ranges>[\d ;]+)\t(?P<text>.*)$")
EVENT_LINE_RE = re.compile(r"^(?P<id>E\d+)\t(?P<args>.*)$")


@dataclass(frozen=True, slots=True)
class Span:
    label: str
    ranges: tuple[tuple[int, int], ...]


def read_ann(path: Path) -> tuple[dict[str, Span], list[dict[str, str]]]:
    """The text-bound spans and the attribution events of one ``.ann`` file."""
    spans: dict[str, Span] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = SPAN_LINE_RE.match(line)
        if m:
            ranges = tuple(
                (int(a), int(b)) for a, b in (piece.split() for piece in m.group("ranges").split(";"))
            )
            spans[m.group("id")] = Span(m.group("label"), ranges)
            continue
        m = EVENT_LINE_RE.match(line)
        if m:
            roles = {}
            for arg in m.group("args").split():
                role, _, ref = arg.partition(":")
                roles[role] = ref
            events.append(roles)
    return spans, events


def wrapped(text: str, a: int, b: int) -> tuple[int, int] | None:
    """The content offsets (inside the outer marks) when ``text[a:b]`` is one quotation, else None.

    Doubled ASCII marks (``''`` and ``\u0060\u0060``, the New York Times archive's convention) count as one mark.
    """
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1] in TRAILING_PUNCTUATION:
        b -= 1
    if b - a < 3:
        return None
    # annotators often leave the outer marks out of the span: take a mark right next to it
    if text[a] not in OPENING_MARKS and a > 0 and text[a - 1] in OPENING_MARKS:
        a -= 2 if a > 1 and text[a - 2 : a] in ("''", "``") else 1
    end = b
    while end < len(text) and text[end] in ",.;:!?…" and end - b < 2:
        end += 1
    if text[b - 1] not in CLOSING_MARKS and end < len(text) and text[end] in CLOSING_MARKS:
        b = end + (2 if text[end : end + 2] == "''" else 1)
    if text[a : a + 2] in ("''", "``") and text[b - 2 : b] == "''" and b - a > 4:
        inner_a, inner_b, closer = a + 2, b - 2, "''"
    elif text[a] in OPENING_MARKS and text[b - 1] in CLOSING_MARKS:
        closer = OPENING_MARKS[text[a]]
        if text[b - 1] != closer and not (text[a] == "„" and text[b - 1] in "“”"):
            return None
        inner_a, inner_b = a + 1, b - 1
    else:
        return None
    # the opening mark must not be closed before the end ("“A” and “B”" is two quotations, not one)
    inner = text[inner_a:inner_b]
    if (text[a] in "“„" and "”" in inner) or (closer in ('"', "''") and closer in inner):
        return None
    return (inner_a, inner_b) if inner.strip() else None


def merged_ranges(text: str, ranges: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
    """The fragments of a span in text order, those separated only by blanks joined (PolNeAR often splits a
    Content at its sentence ends: “A. B.” comes as “A. and B.”)."""
    out: list[list[int]] = []
    for a, b in sorted(ranges):
        if out and not text[out[-1][1] : a].strip():
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def inner_quotes(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Quoted stretches (double marks) inside ``text[a:b]``."""
    out = []
    for m in INNER_QUOTE_RE.finditer(text, a, b):
        g = next(i for i in (1, 2, 3) if m.group(i) is not None)
        if m.group(g).strip():
            out.append(m.span(g))
    return out


def speaker_name(source: str) -> str:
    """The name in a Source span (see ``--speaker name`` in the module docstring)."""
    s = PARENTHESIS_RE.sub("", source).strip()  # "(D-N.Y.)"
    s = DETERMINER_RE.sub("", s)
    s = s.split(",")[0].strip()
    s = REFLEXIVE_END_RE.sub("", s)  # "Mr. Rubio himself"
    m = CAPITALIZED_TAIL_RE.search(s)
    if m:
        words = m.group(1).split()
        titles = [i for i, w in enumerate(words) if w.lower() in HONORIFICS]
        for i in list(titles):  # "Secretary of State John Kerry": the department belongs to the title
            if i + 2 < len(words) and words[i + 1] == "of":
                titles.append(i + 2)
        if titles and titles[-1] < len(words) - 1:
            words = words[titles[-1] + 1 :]  # "House Speaker Paul Ryan" → Paul Ryan
        while words and words[0].lower() in HONORIFICS:
            words.pop(0)
        if words:
            return " ".join(words).removesuffix("’s").removesuffix("'s")
    return s


def resolve_sources(text: str, spans: dict[str, Span], events: list[dict[str, str]]) -> dict[str, str]:
    """Source id -> speaker name, pronouns taking the nearest earlier non-pronoun Source of the article."""
    sources = []
    for roles in events:
        source = spans.get(roles.get("Source", ""))
        if source is not None:
            written = " ".join(" ".join(text[a:b].split()) for a, b in source.ranges)
            sources.append((source.ranges[0][0], roles["Source"], written))
    sources.sort()
    out: dict[str, str] = {}
    last_named: str | None = None
    for _, ref, written in sources:
        if written.lower() in PRONOUNS:
            out[ref] = last_named or written
        else:
            out[ref] = last_named = speaker_name(written)
    return out


def article_quotes(
    text: str, spans: dict[str, Span], events: list[dict[str, str]], *, partial: bool, names: bool = False
) -> list:
    """Gold quotes of one article: (start, end, speaker) sorted by start, without duplicates."""
    found: dict[tuple[int, int], str | None] = {}
    resolved = resolve_sources(text, spans, events) if names else {}
    for roles in events:
        content = spans.get(roles.get("Content", ""))
        if content is None:
            continue
        source = spans.get(roles.get("Source", ""))
        speaker = None
        if source is not None:
            speaker = " ".join(" ".join(text[a:b].split()) for a, b in source.ranges) or None
            speaker = resolved.get(roles["Source"], speaker)
        for a, b in merged_ranges(text, content.ranges):
            whole = wrapped(text, a, b)
            if whole is not None:
                found.setdefault(whole, speaker)
            elif partial:
                for inner in inner_quotes(text, a, b):
                    found.setdefault(inner, speaker)
    # a quotation inside another one (nested marks) is part of it, not a quote of its own
    spans_sorted = sorted(found)
    kept = []
    for s, e in spans_sorted:
        if any(ks <= s and e <= ke and (ks, ke) != (s, e) for ks, ke in spans_sorted):
            continue
        kept.append((s, e, found[(s, e)]))
    return kept


def fold_of(name: str, seed: int) -> str:
    """``dev`` (80 %) or ``check`` (20 %), from a hash of the article name and the seed."""
    digest = hashlib.sha256(f"{seed}:{name}".encode()).digest()
    return "check" if digest[0] % 5 == 0 else "dev"


def convert(
    train: Path, *, partial: bool = False, fold: str = "all", seed: int = 0, names: bool = False
) -> list[dict]:
    """Gold records (one per article with a text and an annotation) of the PolNeAR folder ``train``."""
    if train.resolve().name != "train":
        raise SystemExit(f"polnear_to_gold: {train} is not PolNeAR's data/train (dev and test are held out)")
    texts, anns = train / "text", train / "attributions"
    by_article: dict[str, Path] = {}
    for ann in sorted(anns.glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]  # <article>_<annotator>.ann
        by_article.setdefault(name, ann)
    records = []
    for name, ann in sorted(by_article.items()):
        text_path = texts / f"{name}.txt"
        if not text_path.is_file():
            continue
        if fold != "all" and fold_of(name, seed) != fold:
            continue
        text = text_path.read_text(encoding="utf-8")
        spans, events = read_ann(ann)
        quotes = [
            {"quote": text[s:e], "speaker": speaker, "start": s, "end": e}
            for s, e, speaker in article_quotes(text, spans, events, partial=partial, names=names)
        ]
        records.append({"text": text, "quotes": quotes, "source": f"polnear/train/{name}"})
    return records


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("train", type=Path, help="PolNeAR's data/train folder (text/ and attributions/)")
    parser.add_argument("--out", type=Path, required=True, help="the gold JSONL to write")
    parser.add_argument("--partial", action="store_true", help="also quoted stretches inside paraphrase")
    parser.add_argument("--fold", choices=["all", "dev", "check"], default="all")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--speaker", choices=["as-written", "name"], default="as-written")
    args = parser.parse_args(argv)
    records = convert(
        args.train, partial=args.partial, fold=args.fold, seed=args.seed, names=args.speaker == "name"
    )
    with args.out.open("w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    n_quotes = sum(len(r["quotes"]) for r in records)
    print(f"{len(records)} articles, {n_quotes} quotes -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
