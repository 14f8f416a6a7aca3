"""RAMS passages as polex sees them: rebuilt text, the PLOVER type of the annotated event,
and the trigger's character span.

RAMS (Roles Across Multiple Sentences; CC BY-SA 4.0) is read from ``../shared/training/
rams/`` and never copied into the project. Its AIDA event types are mapped to PLOVER by
``training/aida_to_plover.tsv``. RAMS gives tokenized sentences and token offsets; the
text is rebuilt with a small detokenizer that keeps each token's character span.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RAMS_DIR = ROOT.parent / "shared" / "training" / "rams"
MAPPING_FILE = Path(__file__).resolve().parent / "aida_to_plover.tsv"
NOT_CODED = "-"

Span = tuple[int, int]  # character offsets, end exclusive

# Tokens written without a space before them, and those without a space after them.
_CLOSING = {",", ".", ":", ";", "?", "!", ")", "]", "}", "%", "…", "...", "....", "”", "’"}
_OPENING = {"(", "[", "{", "$", "£", "€", "#", "“", "‘"}
_CLITICS = {"'s", "n't", "'re", "'ve", "'m", "'d", "'ll"}
_JOINERS = {"-"}  # hyphens split off compounds: "long - term" is "long-term"


@dataclass(frozen=True)
class Mapping:
    aida_type: str
    plover_event: str | None  # None when PLOVER does not code the type ('-')
    plover_mode: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class Passage:
    doc_key: str
    text: str
    aida_type: str
    plover_event: str | None
    plover_mode: tuple[str, ...]
    trigger: Span  # the gold trigger in ``text``
    sentence: Span  # the RAMS sentence holding the trigger
    line: int  # line number in the split file, from 1

    @property
    def trigger_text(self) -> str:
        return self.text[self.trigger[0]:self.trigger[1]]


def read_mapping(path: Path = MAPPING_FILE) -> dict[str, Mapping]:
    """The AIDA→PLOVER table: '#' lines and the column-name row are skipped."""
    table: dict[str, Mapping] = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.startswith("#") or raw.startswith("aida_type\t"):
            continue
        fields = raw.split("\t")
        if len(fields) != 4:
            raise ValueError(f"{path}:{number}: expected 4 tab-separated fields, "
                             f"got {len(fields)}")
        aida, event, mode, note = (f.strip() for f in fields)
        if aida in table:
            raise ValueError(f"{path}:{number}: {aida} is mapped twice")
        modes = tuple(m.strip() for m in mode.split(",") if m.strip())
        table[aida] = Mapping(aida, None if event == NOT_CODED else event, modes, note)
    return table


def _is_clitic(token: str) -> bool:
    return token.replace("’", "'").lower() in _CLITICS


def detokenize(sentences: Sequence[Sequence[str]]) -> tuple[str, list[Span]]:
    """Text from tokenized sentences, with the character span of each token (in the
    order of the flattened tokens, as RAMS counts them).

    No space before closing punctuation and clitics ('s, n't), none after opening
    brackets and quotes, hyphens joined to both sides. A straight double quote closes
    at the end of a sentence or before punctuation, opens at the start of one or after
    an opening bracket or colon, and otherwise alternates (passages may start mid-quote).
    """
    parts: list[str] = []
    spans: list[Span] = []
    length = 0
    glue_next = True  # no space before the first token
    double_open = single_open = False
    for words in sentences:
        for position, token in enumerate(words):
            glue = glue_next
            glue_next = False
            if token in _CLOSING or _is_clitic(token) or token in _JOINERS:
                glue = True
            if token in _OPENING or token in _JOINERS:
                glue_next = True
            if token == '"':
                after = words[position + 1] if position + 1 < len(words) else None
                before = words[position - 1] if position > 0 else None
                if after is None or after in _CLOSING:
                    double_open = True
                elif before is None or before in _OPENING or before == ":":
                    double_open = False
                if double_open:
                    glue = True
                else:
                    glue_next = True
                double_open = not double_open
            elif token == "'":
                if single_open:
                    glue, single_open = True, False
                elif parts and parts[-1][-1:] in {"s", "S"}:
                    glue = True  # plural possessive: "the players '"
                else:
                    glue_next, single_open = True, True
            if parts and not glue:
                parts.append(" ")
                length += 1
            spans.append((length, length + len(token)))
            parts.append(token)
            length += len(token)
    return "".join(parts), spans


def passage_from_record(record: dict[str, Any], mapping: dict[str, Mapping],
                        line: int = 0) -> Passage:
    """One RAMS jsonlines record as a Passage (its first annotated event; RAMS has one)."""
    sentences: list[list[str]] = record["sentences"]
    text, spans = detokenize(sentences)
    first, last, labels = record["evt_triggers"][0]
    aida = str(labels[0][0])
    if aida not in mapping:
        raise KeyError(f"{aida} has no row in the AIDA→PLOVER table")
    row = mapping[aida]
    offset = 0
    sentence: Span = (0, len(text))
    for words in sentences:
        if offset <= first < offset + len(words):
            sentence = (spans[offset][0], spans[offset + len(words) - 1][1])
            break
        offset += len(words)
    return Passage(
        doc_key=str(record["doc_key"]), text=text, aida_type=aida,
        plover_event=row.plover_event, plover_mode=row.plover_mode,
        trigger=(spans[first][0], spans[last][1]), sentence=sentence, line=line,
    )


def load_passages(path: Path, mapping: dict[str, Mapping] | None = None) -> list[Passage]:
    """Every passage of a RAMS split file (``dev.jsonlines``, ``test.jsonlines``)."""
    table = mapping if mapping is not None else read_mapping()
    with path.open(encoding="utf-8") as lines:
        return [passage_from_record(json.loads(raw), table, number)
                for number, raw in enumerate(lines, start=1) if raw.strip()]


def event_types(paths: Sequence[Path]) -> set[str]:
    """The AIDA event types annotated in some RAMS split files."""
    found: set[str] = set()
    for path in paths:
        with path.open(encoding="utf-8") as lines:
            for raw in lines:
                if raw.strip():
                    for _, _, labels in json.loads(raw)["evt_triggers"]:
                        found.update(str(label[0]) for label in labels)
    return found
