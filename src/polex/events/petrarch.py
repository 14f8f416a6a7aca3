"""Convert PETRARCH/TABARI CAMEO verb-pattern dictionaries into polex trigger rules.

A verb dictionary (PETRARCH2's ``CAMEO.2.0.verbs.txt``) holds synonym sets and verb
blocks::

    &CURRENCY                 a synonym set, then its members
    +DOLLAR
    ---  ASK   [---]  ---     a verb block: label and default CAMEO code ([---]: no event)
    ASK     [020]             verb lemmas, with irregular forms in {...} and an own code
    +ASK_FOR {+ASKED_FOR}     a multi-word verb ("+" marks the verb, "_" joins the words)
    - * (FOR {FINANCIAL AID})   [0231]   # ASK
                              a pattern: "*" is the verb, (PREP NOUN) a prepositional
                              phrase, {...} a noun phrase, &SET a synonym set,
                              $ and + the source and target, ^ any word

Every pattern applies to every verb of its block, as in PETRARCH. A pattern becomes
constraints of polex's rule table (``polex/data/triggers.tsv``): words before the verb
``subj=``, particles and adverbs after it ``prt=``, nouns ``obj=``, ``(PREP NOUN)``
``prep=PREP`` with ``pobj=NOUN``; a set is expanded into alternatives, a noun phrase
gives one constraint per word (the object's modifiers count as its words). CAMEO codes
become PLOVER types, modes and contexts through the CAMEO-to-PLOVER table. Codes PLOVER
drops (01x statements, 02x appeals) and ``[---]`` become non-event rules only where they
block a more general event sense of the same verb. Whatever cannot be expressed is
reported with ``file:line`` and a reason.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from polex import ontology
from polex.dictionary_lines import DictionaryLineError, Skipped

CONVERTER_VERSION = "1"
PATTERN_WEIGHT = 0.6  # a pattern's rule: evidence, below the hand rules' weights
VERB_WEIGHT = 0.5  # a bare verb's rule
NOT_AN_EVENT = "-"
NULL_CODE = "---"
NO_PLOVER = "no PLOVER event"

PARTICLES = frozenset({
    "about", "across", "ahead", "along", "apart", "around", "aside", "away", "back", "down",
    "forth", "forward", "in", "off", "on", "out", "over", "through", "together", "up",
})
PREPOSITIONS = frozenset({
    "about", "above", "across", "after", "against", "along", "amid", "among", "around", "as",
    "at", "before", "behind", "below", "beside", "between", "beyond", "by", "despite",
    "during", "for", "from", "in", "inside", "into", "near", "of", "off", "on", "onto", "out",
    "outside", "over", "since", "through", "throughout", "to", "toward", "towards", "under",
    "until", "upon", "via", "with", "within", "without",
})
# Words that are neither a subject nor an object: auxiliaries, negation, conjunctions.
FUNCTION_WORDS = frozenset({
    "a", "am", "an", "and", "are", "be", "been", "being", "can", "could", "did", "do",
    "does", "had", "has", "have", "is", "may", "might", "must", "no", "not", "or", "shall",
    "should", "that", "the", "to", "was", "were", "will", "would",
})
LICENSE_LINES = (
    "The MIT License (MIT)",
    "Copyright (c) 2014 Open Event Data; dictionary (c) 2015 Open Event Data Alliance",
    "Permission is hereby granted, free of charge, to any person obtaining a copy of",
    'this software and associated documentation files (the "Software"), to deal in',
    "the Software without restriction, including without limitation the rights to",
    "use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of",
    "the Software, and to permit persons to whom the Software is furnished to do so,",
    "subject to the following conditions:",
    "The above copyright notice and this permission notice shall be included in all",
    "copies or substantial portions of the Software.",
    'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR',
    "IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS",
    "FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR",
    "COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER",
    "IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN",
    "CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.",
)

_TABLE_LINE = re.compile(r"^(\d{2,4})\s*:\s*([A-Z]+)\s*(?:,([^,#]*))?(?:,([^#]*))?")
_HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")
_VERB = re.compile(r"^(\+?)([A-Z][A-Z_'-]*)\s*(\{[^}]*\})?\s*(.*)$")
_CODE = re.compile(r"\[([^\]]*)\]\s*$")
_TOKEN = re.compile(r"\([^)]*\)|\{[^}]*\}|\S+")

Condition = tuple[str, tuple[str, ...]]  # a constraint kind and its alternative words


class PetrarchError(DictionaryLineError):
    """A line that cannot be converted."""


# -- the CAMEO-to-PLOVER table -------------------------------------------------------------


@dataclass(frozen=True)
class PloverEvent:
    event: str
    mode: str | None = None
    context: str | None = None


@dataclass
class CameoToPlover:
    """CAMEO event codes to PLOVER; a code not listed falls back to its parent code."""

    codes: dict[str, PloverEvent] = field(default_factory=dict)
    notes: list[Skipped] = field(default_factory=list)  # modes and contexts left out

    def lookup(self, code: str) -> PloverEvent | None:
        for length in range(len(code), 1, -1):
            found = self.codes.get(code[:length])
            if found is not None:
                return found
        return None


def read_cameo_plover(text: str, label: str) -> CameoToPlover:
    """Parse ``CAMEO2PLOVER``: ``code: TYPE, mode, context # label`` lines. Modes and
    contexts polex's PLOVER ontology does not have are left out, and noted."""
    table = CameoToPlover()
    for number, raw in enumerate(text.splitlines(), start=1):
        match = _TABLE_LINE.match(raw.strip())
        if match is None:
            continue
        code, event = match.group(1), match.group(2)
        if event not in ontology.event_types() or code in table.codes:
            continue
        origin = f"{label}:{number}"
        mode = _valid(_first(match.group(3)), ontology.modes(event), origin, "mode", table)
        context = _valid(_first(match.group(4)), ontology.contexts(), origin, "context", table)
        table.codes[code] = PloverEvent(event, mode, context)
    return table


def _first(cell: str | None) -> str | None:
    """ "crime; corruption": the first value (a polex rule carries one context)."""
    value = (cell or "").split(";")[0].strip()
    return value or None


def _valid(value: str | None, allowed: Iterable[str], origin: str, what: str,
           table: CameoToPlover) -> str | None:
    if value is None or value in allowed:
        return value
    table.notes.append(Skipped(origin, f"{what} not in polex's PLOVER ontology, left out", value))
    return None


# -- reading a verb dictionary -------------------------------------------------------------


@dataclass(frozen=True)
class Verb:
    lemma: str
    conditions: tuple[Condition, ...]  # a multi-word verb's other words
    code: str | None  # its own CAMEO code, else the block's
    origin: str


@dataclass(frozen=True)
class Pattern:
    text: str
    code: str
    origin: str


@dataclass
class VerbBlock:
    label: str
    code: str
    origin: str
    verbs: list[Verb] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)


@dataclass
class VerbDictionary:
    sets: dict[str, list[str]] = field(default_factory=dict)
    blocks: list[VerbBlock] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


class _Reader:
    def __init__(self, label: str) -> None:
        self.label = label
        self.result = VerbDictionary()
        self.current_set: str | None = None
        self.block: VerbBlock | None = None

    def read(self, text: str) -> VerbDictionary:
        for number, raw in enumerate(text.splitlines(), start=1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            origin = f"{self.label}:{number}"
            try:
                self._line(line, origin)
            except PetrarchError as exc:
                self.result.skipped.append(Skipped(origin, exc.reason, exc.detail))
        return self.result

    def _line(self, line: str, origin: str) -> None:
        if line.startswith("---"):
            self._header(line, origin)
        elif line.startswith("&"):
            self.current_set = line.split()[0][1:]
            self.result.sets[self.current_set] = []
        elif line.startswith("+") and self.current_set is not None:
            self.result.sets[self.current_set].append(line[1:].split()[0])
        elif line.startswith("~"):
            raise PetrarchError("transformation rule (not a verb pattern)", line)
        elif self.block is None:
            raise PetrarchError("line outside any verb block", line)
        elif line.startswith("-"):
            self._pattern(line, origin)
        else:
            verb, problem = _verb(line, origin)
            self.block.verbs.append(verb)
            if problem:
                raise PetrarchError(problem, line)

    def _header(self, line: str, origin: str) -> None:
        self.current_set = None
        match = _HEADER.match(line)
        if match is None:
            self.block = None
            raise PetrarchError("malformed verb block header", line)
        self.block = VerbBlock(match.group(1), match.group(2).strip(), origin)
        self.result.blocks.append(self.block)

    def _pattern(self, line: str, origin: str) -> None:
        assert self.block is not None
        match = _CODE.search(line)
        if match is None:
            raise PetrarchError("pattern without a [CAMEO code]", line)
        body = line[1 : match.start()].strip()
        self.block.patterns.append(Pattern(body, match.group(1).strip(), origin))


def _verb(line: str, origin: str) -> tuple[Verb, str]:
    """The verb, and a problem with its own code (the block's code is then used)."""
    line = line.split(";", 1)[0].strip()  # "SCRAP {...};shan 8/30/93": an old comment
    match = _VERB.match(line)
    if match is None:
        raise PetrarchError("malformed verb line", line)
    words = [w.lower() for w in match.group(2).strip("_").split("_") if w]
    if any(w in FUNCTION_WORDS - PREPOSITIONS for w in words):
        raise PetrarchError("multi-word verb with an auxiliary or conjunction", line)
    if len(words) > 1 and words[0].endswith("ed"):
        raise PetrarchError("multi-word verb in an inflected form, not a lemma", line)
    rest = match.group(4).strip()
    code_match = _CODE.fullmatch(rest)
    code = code_match.group(1).strip() if code_match else None
    problem = "unreadable code on a verb line: the block's code used" if rest and not code else ""
    return Verb(words[0], _multiword_conditions(words[1:]), code, origin), problem


def _multiword_conditions(words: list[str]) -> tuple[Condition, ...]:
    """ "call_off": prt=off; "ask_for": prep=for; "set_in_motion": prep=in, pobj=motion;
    "wage_war": obj=war."""
    conditions: list[Condition] = []
    for i, word in enumerate(words):
        following = words[i + 1] if i + 1 < len(words) else None
        after_prep = i > 0 and words[i - 1] in PREPOSITIONS and conditions[-1][0] == "prep"
        if after_prep:
            conditions.append(("pobj", _noun_forms(word)))
        elif word in PARTICLES and (following is None or following in PREPOSITIONS):
            conditions.append(("prt", (word,)))
        elif word in PREPOSITIONS:
            conditions.append(("prep", (word,)))
        else:
            conditions.append(("obj", _noun_forms(word)))
    return tuple(conditions)


def read_verb_dictionary(text: str, label: str) -> VerbDictionary:
    """Parse one verb dictionary's text; ``label`` names it in problem messages."""
    return _Reader(label).read(text)


# -- patterns to constraints ---------------------------------------------------------------


def _noun_forms(word: str) -> tuple[str, ...]:
    """The word and its singular ("sanctions" -> sanction): rules compare lemmas and words."""
    word = word.lower().strip("_")
    if "_" in word:
        word = word.rsplit("_", 1)[1]  # a multi-word member: its head noun
    forms = [word]
    if len(word) > 3 and word.endswith("ies"):
        forms.append(word[:-3] + "y")
    elif len(word) > 3 and word.endswith(("sses", "xes", "ches", "shes")):
        forms.append(word[:-2])
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        forms.append(word[:-1])
    return tuple(forms)


class _PatternReader:
    """One pattern's tokens, before and after the verb, as constraints."""

    def __init__(self, sets: dict[str, list[str]]) -> None:
        self.sets = sets

    def conditions(self, text: str) -> tuple[Condition, ...]:
        tokens = _TOKEN.findall(text)
        stars = [i for i, t in enumerate(tokens) if t == "*"]
        if len(stars) != 1:
            raise PetrarchError("pattern without exactly one verb (*)", text)
        before, after = tokens[: stars[0]], tokens[stars[0] + 1 :]
        return tuple(self._before(before)) + tuple(self._after(after))

    def _before(self, tokens: list[str]) -> list[Condition]:
        found: list[Condition] = []
        for token in tokens:
            if token in {"$", "^"}:
                continue
            if token == "+":
                raise PetrarchError("target (+) before the verb: roles reversed", token)
            if token == "%":
                raise PetrarchError("compound-actor marker (%)", token)
            if token.startswith("("):
                raise PetrarchError("prepositional phrase before the verb", token)
            if token.lower() in FUNCTION_WORDS:
                raise PetrarchError("auxiliary or negation before the verb", token)
            found += [("subj", forms) for forms in self._words(token)]
        return found

    def _after(self, tokens: list[str]) -> list[Condition]:
        found: list[Condition] = []
        pending_prep = False
        for token in tokens:
            if token in {"+", "^"}:
                continue
            if token == "$":
                raise PetrarchError("source ($) after the verb: roles reversed", token)
            if token.startswith("("):
                found += self._phrase(token[1:-1].split(), found)
                pending_prep = False
                continue
            word = token.lower()
            if word in PREPOSITIONS and not token.startswith(("{", "&")) and (
                word not in PARTICLES or any(k == "obj" for k, _ in found)
            ):
                found.append(("prep", (word,)))
                pending_prep = True
            elif word in PARTICLES or _is_adverb(word):
                found.append(("prt", (word,)))
            elif word in FUNCTION_WORDS:
                raise PetrarchError("function word after the verb", token)
            else:
                kind = "pobj" if pending_prep else "obj"
                found += [(kind, forms) for forms in self._words(token)]
        return found

    def _phrase(self, words: list[str], found: list[Condition]) -> list[Condition]:
        """ "(FOR {HUMANITARIAN AID})", "(TO +)", "(ASIDE RIFT)"."""
        if not words:
            raise PetrarchError("empty parentheses")
        head, rest = words[0].lower(), " ".join(words[1:])
        if "$" in rest.split():
            raise PetrarchError("source ($) after the verb: roles reversed", rest)
        nouns = [w for t in _TOKEN.findall(rest) if t not in {"+", "^"} for w in self._words(t)]
        if head == "of" and any(k == "obj" for k, _ in found):
            return [("obj", forms) for forms in nouns]  # "series (of attacks)": the object's
        if head in PREPOSITIONS:
            return [("prep", (head,))] + [("pobj", forms) for forms in nouns]
        if head in PARTICLES:
            return [("prt", (head,))] + [("obj", forms) for forms in nouns]
        raise PetrarchError("parenthesis that does not open with a preposition", " ".join(words))

    def _words(self, token: str) -> list[tuple[str, ...]]:
        """A word, a synonym set, or a noun phrase: one alternative tuple per word."""
        if token.startswith("{"):
            inner = _TOKEN.findall(token[1:-1])
            words = [w for t in inner if t.lower() not in FUNCTION_WORDS for w in self._words(t)]
            if not words:
                raise PetrarchError("empty noun phrase", token)
            return words[::-1]  # the head noun first
        if token.startswith("&"):
            members = self.sets.get(token[1:])
            if not members:
                raise PetrarchError("unknown synonym set", token)
            return [tuple(dict.fromkeys(f for m in members for f in _noun_forms(m)))]
        if not re.fullmatch(r"[A-Za-z][A-Za-z'_]*", token):
            raise PetrarchError(_odd_word_reason(token), token)
        return [_noun_forms(token)]


def _is_adverb(word: str) -> bool:
    """ "positively", "strongly": the parse makes them adverbs, which prt= matches."""
    return len(word) >= 7 and word.endswith("ly") and not word.endswith(("ply", "bly"))


def _odd_word_reason(token: str) -> str:
    if "-" in token:
        return "hyphenated word (the parse splits it)"
    if token in {"$", "+", "*", "%", "^"}:
        return "marker in a noun phrase"
    return "word with digits or symbols"


def pattern_conditions(text: str, sets: dict[str, list[str]]) -> tuple[Condition, ...]:
    """A pattern's constraints; raises PetrarchError for what polex cannot express."""
    return _PatternReader(sets).conditions(text)


# -- rules ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    lemma: str
    conditions: tuple[Condition, ...]
    event: PloverEvent | None  # None: not an event
    weight: float
    code: str
    origin: str  # the dictionary line the pattern (or the verb) came from
    why_not: str = ""  # for a non-event rule: "[---]" or NO_PLOVER
    is_verb: bool = False  # the verb's own sense, not a pattern's

    @property
    def key(self) -> frozenset[Condition]:
        return frozenset(self.conditions)

    def row(self) -> str:
        event = self.event.event if self.event else NOT_AN_EVENT
        mode = (self.event.mode or "") if self.event else ""
        context = (self.event.context or "") if self.event else ""
        constraints = ",".join(f"{kind}={'|'.join(values)}" for kind, values in self.conditions)
        note = f"CAMEO {self.code} from {self.origin}"
        return "\t".join([self.lemma, "VERB", constraints, event, mode, context,
                          f"{self.weight:g}", note])


@dataclass
class Conversion:
    rules: list[Rule] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[Skipped] = field(default_factory=list)  # code-table values left out
    sources: list[str] = field(default_factory=list)
    table: str = ""

    def counts(self) -> dict[str, int]:
        events = sum(1 for r in self.rules if r.event is not None)
        return {
            "rules": len(self.rules),
            "event rules": events,
            "non-event rules": len(self.rules) - events,
            "verbs": len({r.lemma for r in self.rules}),
            "skipped lines": len(self.skipped),
        }

    def skipped_by_reason(self) -> Counter[str]:
        return Counter(s.reason for s in self.skipped)

    def text(self) -> str:
        lines = [
            "# polex trigger rules converted from PETRARCH/TABARI CAMEO verb-pattern "
            "dictionaries",
            f"# by `polex lexicon import-petrarch` (converter version {CONVERTER_VERSION}).",
            f"# Sources: {', '.join(self.sources)}; CAMEO codes mapped to PLOVER with "
            f"{self.table}.",
            "# The dictionaries are PETRARCH2's (Open Event Data, https://github.com/"
            "openeventdata/petrarch2), under this licence:",
            *(f"#   {line}" for line in LICENSE_LINES),
            "# Counts: " + ", ".join(f"{k} {v}" for k, v in self.counts().items()),
            "# Skipped by reason: " + "; ".join(
                f"{reason} {n}" for reason, n in self.skipped_by_reason().most_common()
            ),
            "# Columns as in polex/data/triggers.tsv (lemma, pos, constraints, event, mode,",
            "# context, weight); an eighth, read by nobody, names the CAMEO code and the",
            "# dictionary line. Weights are below the hand rules': these rules are evidence.",
        ]
        return "\n".join(lines + [rule.row() for rule in self.rules]) + "\n"


def convert(dictionaries: Sequence[tuple[str, str]], table: CameoToPlover,
            table_name: str = "") -> Conversion:
    """Rules from verb dictionaries given as (label, text), in order."""
    result = Conversion(sources=[label for label, _ in dictionaries], table=table_name,
                        notes=list(table.notes))
    candidates: list[Rule] = []
    for label, text in dictionaries:
        parsed = read_verb_dictionary(text, label)
        result.skipped += parsed.skipped
        for block in parsed.blocks:
            candidates += _block_rules(block, parsed.sets, table, result.skipped)
    result.rules = _arrange(candidates, result.skipped)
    return result


def _block_rules(block: VerbBlock, sets: dict[str, list[str]], table: CameoToPlover,
                 skipped: list[Skipped]) -> list[Rule]:
    patterns: list[tuple[Pattern, tuple[Condition, ...]]] = []
    for pattern in block.patterns:
        try:
            patterns.append((pattern, pattern_conditions(pattern.text, sets)))
        except PetrarchError as exc:
            skipped.append(Skipped(pattern.origin, exc.reason, exc.detail))
    rules: list[Rule] = []
    for verb in block.verbs:
        for pattern, conditions in patterns:
            rule = _rule(verb.lemma, verb.conditions + conditions, pattern.code, PATTERN_WEIGHT,
                         pattern.origin, table, skipped)
            rules += [rule] if rule else []
        weight = PATTERN_WEIGHT if verb.conditions else VERB_WEIGHT
        rule = _rule(verb.lemma, verb.conditions, verb.code or block.code, weight,
                     verb.origin, table, skipped)
        rules += [replace(rule, is_verb=True)] if rule else []
    return rules


def _rule(lemma: str, conditions: tuple[Condition, ...], code: str, weight: float, origin: str,
          table: CameoToPlover, skipped: list[Skipped]) -> Rule | None:
    own, _, reverse = code.partition(":")
    own = own.strip()
    if not own and reverse:
        _skip_once(skipped, origin, "reverse-direction code only (target acts on source)", code)
        return None
    if own == NULL_CODE:
        return Rule(lemma, conditions, None, weight, own, origin, why_not="[---]")
    if not own.isdigit():
        _skip_once(skipped, origin, "unreadable CAMEO code", code)
        return None
    event = table.lookup(own)
    return Rule(lemma, conditions, event, weight, own, origin,
                why_not="" if event else NO_PLOVER)


def _skip_once(skipped: list[Skipped], origin: str, reason: str, detail: str) -> None:
    """A pattern applies to every verb of its block; its problem is reported once."""
    if not any(s.origin == origin and s.reason == reason for s in skipped[-200:]):
        skipped.append(Skipped(origin, reason, detail))


def _arrange(candidates: list[Rule], skipped: list[Skipped]) -> list[Rule]:
    """Per verb: one rule per constraint set (the first), the most specific first, and
    non-event rules only where they block a more general event rule."""
    by_lemma: dict[str, list[Rule]] = defaultdict(list)
    first_seen: dict[tuple[str, frozenset[Condition]], Rule] = {}
    dropped: dict[str, str] = {}  # dictionary line -> why its last rule was dropped
    details: dict[str, str] = {}
    for rule in candidates:
        earlier = first_seen.get((rule.lemma, rule.key))
        if earlier is None:
            first_seen[(rule.lemma, rule.key)] = rule
            by_lemma[rule.lemma].append(rule)
        else:
            dropped[rule.origin] = _duplicate_reason(rule, earlier)
            details[rule.origin] = f"CAMEO {rule.code}; first at {earlier.origin}"
    kept: list[Rule] = []
    for rules in by_lemma.values():
        ordered = sorted(rules, key=lambda r: -len(r.conditions))
        for i, rule in enumerate(ordered):
            if rule.event is not None or _blocks(rule, ordered[i + 1 :]):
                kept.append(rule)
            else:
                dropped[rule.origin] = _unblocking_reason(rule)
    _report_lines(candidates, kept, dropped, details, skipped)
    return kept


def _duplicate_reason(rule: Rule, earlier: Rule) -> str:
    if (rule.event, rule.code) == (earlier.event, earlier.code) or rule.event == earlier.event:
        return "duplicate of an earlier rule"
    return "same verb and constraints coded differently earlier (the first wins)"


def _unblocking_reason(rule: Rule) -> str:
    if rule.is_verb and not rule.conditions:
        return "verb without an event sense of its own (only its patterns make rules)"
    if rule.why_not == NO_PLOVER:
        return "CAMEO code with no PLOVER event (01x, 02x), blocking no event sense"
    return "not an event ([---]), blocking no event sense"


def _blocks(rule: Rule, later: list[Rule]) -> bool:
    """A non-event rule is needed when a more general event rule would otherwise match."""
    return any(other.event is not None and other.key < rule.key for other in later)


def _report_lines(candidates: list[Rule], kept: list[Rule], dropped: dict[str, str],
                  details: dict[str, str], skipped: list[Skipped]) -> None:
    """A dictionary line none of whose rules was kept is reported, with the reason."""
    used = {rule.origin for rule in kept}
    reported: set[str] = set()
    for rule in candidates:
        if rule.origin in used or rule.origin in reported:
            continue
        reported.add(rule.origin)
        reason = dropped.get(rule.origin, "not converted")
        skipped.append(Skipped(rule.origin, reason,
                               details.get(rule.origin, f"CAMEO {rule.code}")))
    skipped.sort(key=_origin_order)


def _origin_order(item: Skipped) -> tuple[str, int]:
    name, _, line = item.origin.rpartition(":")
    return name, int(line) if line.isdigit() else 0
