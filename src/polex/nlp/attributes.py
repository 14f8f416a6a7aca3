"""The same work as spaCy's attribute ruler, with its rules tested on integer tables.

The English pipelines map fine-grained tags (and a few words) to coarse POS, morphology
and lemmas with about 180 attribute-ruler patterns, nearly all of one token tested on
its tag and lower-case form, a score more on its dependency label or on two tokens; run
through the Matcher they cost more than the tagger. :func:`speed_up` gives a loaded
ruler a ``match`` that reads each token's tag, lower-case form, dependency label and
space flag as integers once and tests every pattern step on them with bit masks, one
per attribute value; patterns it cannot read that way (other attributes, operators)
are left to a Matcher of their own. The matches, their order and so the attributes set
are the ruler's own: later patterns still win.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, cast

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.strings import StringStore, get_string_id
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

Match = tuple[int, int, int, int]  # (pattern number, match id, start, end), as the ruler sorts
Step = dict[str, Any]  # one token's conditions in a Matcher pattern
# The attributes read as integers, in the order of Doc.to_array's columns.
READ = ("TAG", "LOWER", "DEP", "IS_SPACE")
COLUMNS = [TAG, LOWER, DEP, IS_SPACE]
STRING_VALUED = frozenset({"TAG", "LOWER", "DEP"})
VALUE_CACHE = 100_000  # distinct values per attribute whose step masks are kept


def speed_up(nlp: Language, name: str = "attribute_ruler") -> None:
    """Replace the named attribute ruler's matching with the table lookup, in place."""
    if name not in nlp.component_names:
        return
    ruler = nlp.get_pipe(name)
    if isinstance(ruler, AttributeRuler):
        ruler.match = _TableMatch(ruler)  # type: ignore[method-assign]
        ruler.set_annotations = _OneTokenSetter(ruler)  # type: ignore[method-assign]


class _TableMatch:
    """Each pattern step is a bit; a token's mask is the AND of the masks of its four
    values (a step that does not test an attribute has its bit set for every value)."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.strings = ruler.vocab.strings
        self.others = Matcher(ruler.vocab, validate=False)
        self.match_ids: list[int] = []
        self.steps: list[Step] = []
        self.one_token = 0  # the bits of one-token patterns' steps
        self.number_of_step: list[int] = []  # step bit → pattern number
        self.longer: list[tuple[int, list[int]]] = []  # (pattern number, its step bits)
        for number, entry in enumerate(ruler.patterns):
            key = self.strings.add(str(number))
            self.match_ids.append(key)
            patterns = cast(list[list[Step]], entry["patterns"])
            unreadable = [p for p in patterns if not self._add(p, number)]
            if unreadable:
                self.others.add(key, unreadable)
        self.values = [_StepMasks(self.steps, name, self.strings) for name in READ]

    def _add(self, pattern: list[Step], number: int) -> bool:
        """File a pattern's steps as bits, if every condition is one this class reads."""
        if not pattern or not all(_readable(step) for step in pattern):
            return False
        bits = [1 << bit for bit in range(len(self.steps), len(self.steps) + len(pattern))]
        self.steps.extend(pattern)
        self.number_of_step.extend([number] * len(pattern))
        if len(bits) == 1:
            self.one_token |= bits[0]
        else:
            self.longer.append((number, bits))
        return True

    def __call__(self, doc: Doc) -> list[Match]:
        tags, lowers, deps, spaces = self.values
        masks = [tags[t] & lowers[w] & deps[d] & spaces[s]
                 for t, w, d, s in doc.to_array(COLUMNS).tolist()]
        found: set[Match] = set()
        ids, number_of_step = self.match_ids, self.number_of_step
        for i, mask in enumerate(masks):
            steps = mask & self.one_token
            while steps:
                lowest = steps & -steps
                number = number_of_step[lowest.bit_length() - 1]
                found.add((number, ids[number], i, i + 1))
                steps ^= lowest
        for number, bits in self.longer:
            size, first = len(bits), bits[0]
            for start in [i for i, mask in enumerate(masks[:len(masks) - size + 1])
                          if mask & first]:
                if all(masks[start + k] & bit for k, bit in enumerate(bits)):
                    found.add((number, ids[number], start, start + size))
        if len(self.others):
            for match_id, start, end in self.others(doc, allow_missing=True, as_spans=False):
                found.add((int(self.strings[match_id]), match_id, start, end))
        return sorted(found)


class _StepMasks(dict[int, int]):
    """Value of one attribute (as Doc.to_array gives it) → mask of the steps it satisfies,
    computed when a value is first seen; kept within VALUE_CACHE values."""

    def __init__(self, steps: list[Step], name: str, strings: StringStore) -> None:
        super().__init__()
        self.tests = [_test(step.get(name), name, strings) for step in steps]

    def __missing__(self, value: int) -> int:
        mask = 0
        for bit, test in enumerate(self.tests):
            if test(value):
                mask |= 1 << bit
        if len(self) >= VALUE_CACHE:
            self.clear()
        self[value] = mask
        return mask


def _readable(step: Step) -> bool:
    return all(name in READ and _readable_value(name, value) for name, value in step.items())


def _readable_value(name: str, value: Any) -> bool:
    if name not in STRING_VALUED:
        return isinstance(value, bool)
    if isinstance(value, str):
        return True
    if not isinstance(value, dict) or len(value) != 1:
        return False
    (operator, argument), = value.items()
    if operator == "REGEX":
        return isinstance(argument, str)
    return operator in ("IN", "NOT_IN") and all(isinstance(v, str) for v in argument)


def _test(value: Any, name: str, strings: StringStore) -> Callable[[int], bool]:
    """A step's condition on one attribute as a test of the attribute's integer value,
    as the Matcher judges it."""
    if value is None:
        return lambda _: True
    if name not in STRING_VALUED:
        return lambda flag: flag == int(value)
    if isinstance(value, str):
        wanted = get_string_id(value)
        return lambda found: found == wanted
    (operator, argument), = value.items()
    if operator == "REGEX":
        pattern = re.compile(argument)
        return lambda found: bool(pattern.search(strings[found]))
    choices = frozenset(get_string_id(v) for v in argument)
    if operator == "IN":
        return lambda found: found in choices
    return lambda found: found not in choices


class _OneTokenSetter:
    """The ruler's ``set_annotations``, which builds a Span for every match to find the
    token to change: a one-token match's token is read from the Doc directly (index 0 or
    -1 of a one-token span is that token); other matches go through the ruler's own."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.ruler = ruler
        self.original = ruler.set_annotations

    def __call__(self, doc: Doc, matches: list[Match]) -> None:
        attrs, indices = self.ruler.attrs, self.ruler.indices
        for match in matches:
            number, _, start, end = match
            if end - start == 1 and indices[number] in (0, -1):
                set_token_attrs(doc[start], attrs[number])
            else:
                self.original(doc, [match])
