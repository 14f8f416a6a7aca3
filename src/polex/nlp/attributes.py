"""The same work as spaCy's attribute ruler, with its simple rules looked up in tables.

The English pipelines map fine-grained tags (and a few words) to coarse POS, morphology
and lemmas with about 180 attribute-ruler patterns, nearly all of one token tested on
its tag and lower-case form; run through the Matcher they cost more than the tagger.
:func:`speed_up` gives a loaded ruler a ``match`` that finds those one-token patterns by
dictionary lookup and leaves the rest (several tokens, dependency labels, regular
expressions) to a Matcher of their own. The matches, their order and so the attributes
set are the ruler's own: later patterns still win.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from itertools import product
from typing import Any, cast

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

Match = tuple[int, int, int, int]  # (pattern number, match id, start, end), as the ruler sorts
LOOKUP_KEYS = frozenset({"TAG", "LOWER"})
ANY = None


def speed_up(nlp: Language, name: str = "attribute_ruler") -> None:
    """Replace the named attribute ruler's matching with the table lookup, in place."""
    if name not in nlp.component_names:
        return
    ruler = nlp.get_pipe(name)
    if isinstance(ruler, AttributeRuler):
        ruler.match = _TableMatch(ruler)  # type: ignore[method-assign]
        ruler.set_annotations = _OneTokenSetter(ruler)  # type: ignore[method-assign]


class _TableMatch:
    def __init__(self, ruler: AttributeRuler) -> None:
        self.strings = ruler.vocab.strings
        self.table: dict[tuple[str | None, str | None], list[int]] = defaultdict(list)
        self.others = Matcher(ruler.vocab, validate=False)
        self.match_ids: list[int] = []
        for number, entry in enumerate(ruler.patterns):
            key = self.strings.add(str(number))
            self.match_ids.append(key)
            patterns = cast(list[list[dict[str, Any]]], entry["patterns"])
            complex_patterns = [p for p in patterns if not self._add_simple(p, number)]
            if complex_patterns:
                self.others.add(key, complex_patterns)

    def _add_simple(self, pattern: list[dict[str, Any]], number: int) -> bool:
        """File a one-token pattern on tag and lower-case form in the table, if it is one."""
        if len(pattern) != 1 or not pattern[0] or set(pattern[0]) - LOOKUP_KEYS:
            return False
        tags = _choices(pattern[0].get("TAG", ANY))
        lowers = _choices(pattern[0].get("LOWER", ANY))
        if tags is None or lowers is None:
            return False
        for key in product(tags, lowers):
            self.table[key].append(number)
        return True

    def __call__(self, doc: Doc) -> list[Match]:
        found: set[Match] = set()
        for token in doc:
            tag, lower = token.tag_, token.lower_
            for key in ((tag, lower), (tag, ANY), (ANY, lower)):
                for number in self.table.get(key, ()):
                    found.add((number, self.match_ids[number], token.i, token.i + 1))
        for match_id, start, end in self.others(doc, allow_missing=True, as_spans=False):
            found.add((int(self.strings[match_id]), match_id, start, end))
        return sorted(found)


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


def _choices(value: Any) -> list[str | None] | None:
    """The strings a token attribute may equal under a pattern value ([None]: any), or
    None when the value is not a plain string or an IN list of strings."""
    if value is ANY:
        return [ANY]
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and set(value) == {"IN"} and _all_strings(value["IN"]):
        return list(value["IN"])
    return None


def _all_strings(values: Iterable[Any]) -> bool:
    return all(isinstance(v, str) for v in values)
