"""Date each event the way the text dates it, not by the publication date.

:class:`EventDater` reads one parsed article. It finds the time expressions
(the model's DATE and TIME entities, plus a small pattern fallback for weekdays,
month names and years the model misses), normalizes each once, in text order,
with the tense of the clause it belongs to, and then answers, for any event
trigger, which date a careful human coder would give that event:

a. the time expression that governs the trigger's own clause: one inside the
   trigger's phrase ("the visit in 2017", "a loan signed in March"), or attached
   to the verb the trigger depends on ("held talks on Monday", "voted on Monday to
   impose martial law"), or a past one the parser hung on the trigger's open
   complement ("ordered the ambassador to leave within 48 hours in August 2023") or
   on the clause that names its target ("hit what Kyiv said was a depot on Sunday") —
   never one that belongs to another event's clause ("X, who visited in 2017, met Y
   on Tuesday");
b. else the sentence's only calendar point, unless it sits in another clause or
   dates another event noun;
c. else, for a past-tense clause that carries the story on (not a perfect, not
   a shift to present or future), the date of the sentence's own main clause when
   the trigger's clause is coordinated after it, else that of the latest earlier
   sentence of the same paragraph whose main clause the text dates in the past tense;
d. else the publication date. When the expression that governs the trigger
   names no possible date (an impossible day, a past-tense clause dated after
   publication), the event falls back to publication with its own source.

A time phrase the parser hangs on the verb but that directly follows an event
noun ("summits in Bishkek in 2019 and in Tashkent in March 2022") is given to
that noun, the way a reader attaches it; it still dates the verb whose phrase
holds that noun ("would meet on the sidelines of the summit in Bali on Monday").

Across sentences: chained expressions ("the next day") count from the latest
main-clause date, never from a date after publication. A month without its
year in a past clause ("on 26 July", "By November") counts on from the
paragraph's latest dated point when that point names an earlier year than
publication. Before (c), an event may share the date the text gives another:
an event noun it follows or precedes without a measure ("After the April 2017
vote", "in the days after the referendum") at that noun's precision and no
finer than a month, the verb whose object a participle describes ("passed a
resolution calling for..."), the verb of a trip a "where" clause describes, the main
clause of a "when" clause (its date) or of an "after" clause (its month).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from spacy.attrs import LOWER
from spacy.tokens import Doc, Span, Token

from polex.schema import DATED_BY_TEXT, DateSource, TimeValue
from polex.time.anchors import (
    Anchor,
    accompanying_participle,
    announcing_anchor,
    destination_clause_anchor,
    episode_anchor,
    event_noun_anchor,
    later_conjunct,
    offset_anchor,
    participle_anchor,
    purpose_anchor,
    relative_clause_noun,
    reporting_anchor,
    shared_subject_head,
    shifted_expression,
    since_clause_anchor,
    takes_office,
    temporal_clause_anchor,
    where_clause_anchor,
)
from polex.time.lexicon import time_words
from polex.time.normalize import (
    ExpressionKind,
    Tense,
    chained_within,
    classify_expression,
    resolve_expression,
    start_of,
)
from polex.time.tense import clause_tense, governing_verb, is_past_perfect, is_perfect

_TIME_LABELS = {"DATE", "TIME"}
_NOT_NAME_LABELS = _TIME_LABELS | {"CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}
# nouns that sum up the clause before them ("..., a finding the ministry rejected")
_SUMMARY_NOUNS = frozenset({"finding", "findings", "ruling", "decision", "verdict", "move",
                            "step", "conclusion", "judgment", "judgement", "accusation",
                            "charge", "claim", "assessment"})
_PLACE_LABELS = {"GPE", "LOC", "FAC", "ORG", "NORP"}
_CLAUSE_DEPS = {
    "relcl",
    "advcl",
    "ccomp",
    "csubj",
    "csubjpass",
    "acl",
    "xcomp",
    "conj",
    "parataxis",
    "pcomp",
}
_NOUN_INTERNAL_DEPS = {"compound", "poss", "nummod", "amod", "nmod"}
_NOMINAL = {"NOUN", "PROPN", "PRON"}
_FINITE_PRESENT = {"VBZ", "VBP"}
_BEFORE_THE_VERB = {"since", "after", "following"}  # a noun after these lies before its verb
_DASHES = {"-", "--", "\u2013", "\u2014"}
_DATELINE_MAX_OFFSET = 8
_NEWS_DAYS = timedelta(days=7)  # a lead's day this close to publication is the news day
# a lead's day this long before publication marks a feature or weekly, not same-day copy
_LEAD_CARRIES_AFTER = timedelta(days=1)
_AGENCY_MAX_TOKENS = 6  # "(Reuters)", "(Agence France-Presse)"
_EARLIER_MENTIONS_TRIED = 3  # how far back a definite event noun looks for its event
_DAY_NUMBER = re.compile(r"\d{1,2}(?:st|nd|rd|th)?")
_CHAIN_WORDS = {"later", "earlier"}


@dataclass
class EventDate:
    """The date given to one event, and where it came from."""

    time: TimeValue | None
    source: DateSource


@dataclass(frozen=True)
class TimeMention:
    """One time expression of the article, normalized in its clause's tense."""

    text: str
    start_char: int
    end_char: int
    sentence: int
    kind: ExpressionKind
    tense: Tense
    value: TimeValue | None


@dataclass(frozen=True)
class _Mention:
    public: TimeMention
    span: Span
    owner: Token | None  # the word the expression modifies
    noun_internal: bool  # "the 2017 visit", "last year's election": names the noun only

    @property
    def is_point(self) -> bool:
        return self.public.kind == "point"


class EventDater:
    """Dates the events of one parsed article (see the module documentation)."""

    def __init__(self, doc: Doc, published: date | None,
                 office_start: Callable[[Token], date | None] | None = None) -> None:
        """``office_start`` says when the person whose election, inauguration or swearing-in
        a word names took office (the knowledge base's term start), for a phrase the text
        leaves undated ("the day after his election")."""
        self._doc = doc
        self._published = published
        self._office_start = office_start
        self._sentences = list(doc.sents)
        self._sentence_starts = [s.start for s in self._sentences]
        self._paragraphs = _paragraph_of_sentences(doc, self._sentences)
        self._event_nouns = time_words().event_nouns
        self._mentions = self._read_mentions()
        self._stories: dict[int, tuple[TimeValue | None, Tense] | None] = {}
        self._placing: set[int] = set()  # triggers whose anchors are being followed
        self._referred: dict[int, TimeValue | None] = {}  # event nouns read back to a mention
        self._lead: tuple[TimeValue | None] | None = None  # the lead's news day, once read

    @property
    def mentions(self) -> tuple[TimeMention, ...]:
        """Every time expression found, in text order."""
        return tuple(m.public for m in self._mentions)

    def date_for(self, trigger: Token, place: Token | None = None) -> EventDate:
        """The date of the event ``trigger`` stands for.

        ``place``, when the event has a location word, picks among several time
        phrases of one trigger the one that goes with that place ("summits in
        Bishkek in 2019 and in Tashkent in March 2022").
        """
        own = self._own_mention(trigger, place)
        if own is not None:
            return self._from_mention(own)
        anchored = self._anchored(trigger, strong=True)
        if anchored is not None:
            return anchored
        governing = self._sentence_mention(trigger)
        if governing is not None:
            return self._from_mention(governing)
        anchored = self._anchored(trigger, strong=False)
        if anchored is not None:
            return anchored
        story = self._narrative_for(trigger) or self._lead_episode(trigger)
        if story is not None:
            return EventDate(story, "narrative")
        earlier = self._year_before_the_story(trigger)
        if earlier is not None:
            return EventDate(earlier, "narrative")
        return EventDate(self._publication(), "publication")

    def _year_before_the_story(self, trigger: Token) -> TimeValue | None:
        """ "In 2021 Bamako invited Russian instructors. By then it had already opened talks
        with Wagner": a past perfect act in a paragraph whose story lies in an earlier year
        than publication happened in that year, if not before; never on the publication day."""
        verb = governing_verb(trigger)
        if verb is None or not is_past_perfect(verb) or self._published is None:
            return None
        sentence = self._sentence_index(trigger)
        story = self._paragraph_story(sentence, self._paragraphs[sentence])
        if story is None or int(story.value[:4]) >= self._published.year:
            return None
        return TimeValue(story.value[:4], "year", story.text)

    def announced_date(self, trigger: Token) -> EventDate | None:
        """When the act a past report announces for later was announced ("announced on
        the evening of 28 November that his government would not seek talks"): the date
        of a promise, refusal or threat, which is made in the announcing; a material act
        announced for later keeps its own date (see ``date_for``)."""
        return self._first_dated((announcing_anchor(trigger),))

    # --- reading the article ------------------------------------------------------------

    def _sentence_index(self, token: Token) -> int:
        return bisect.bisect_right(self._sentence_starts, token.i) - 1

    def _read_mentions(self) -> list[_Mention]:
        mentions: list[_Mention] = []
        for span in _time_spans(self._doc):
            owner, noun_internal = self._owner(span)
            tense: Tense = clause_tense(owner) if owner is not None else "past"
            if tense == "present" and owner is not None and _misread_past(owner):
                tense = "past"
            if tense == "past" and _after_word(span) == "for" and any(
                    t.like_num for t in span):
                # "have called a strike for June 1": the day an act is set for is the
                # nearest such day, whichever side of publication it lies
                tense = "present"
            phrase = _with_range_preposition(span)
            kind = classify_expression(phrase)
            opening = _after_word(span)
            if kind == "range" and (
                    (tense in {"past", "future"} and opening == "by")
                    or (tense == "future" and opening == "from" and not _names_a_span(span))):
                # "by November he had signed", "will pull back by Sunday": the deadline
                # dates the act; "would halt deliveries from 1 January": its start does
                # (not "from May 13 to 16", a span of its own)
                kind = classify_expression(span.text)
            elif kind == "range" and opening == "since" and _in_perfect_clause(owner):
                # "have built up their forces since 2020": an act that runs on from a
                # point is dated by the point it began at
                kind = classify_expression(span.text)
            within = (self._chained_within(span, phrase)
                      if kind == "range" and tense == "past" else None)
            if within:
                kind = "point"  # "Within hours, protesters had gathered": hours later
            value = None
            if kind == "point":
                reported = self._reported_day(owner, tense, mentions)
                value = (resolve_expression(span.text, reported, "future")
                         if reported is not None
                         else self._resolve(span, tense, mentions, within))
            public = TimeMention(
                text=span.text,
                start_char=span.start_char,
                end_char=span.end_char,
                sentence=self._sentence_index(span[0]),
                kind=kind,
                tense=tense,
                value=value,
            )
            mentions.append(_Mention(public, span, owner, noun_internal))
        return mentions

    def _reported_day(self, owner: Token | None, tense: Tense, earlier: list[_Mention]
                      ) -> date | None:
        """For a future act a dated past report announces ("On 28 December Gazprom
        announced that it would halt deliveries on 1 January"), the report's day: the
        act's date counts forward from it, not from publication."""
        if owner is None or tense != "future":
            return None
        clause = governing_verb(owner)
        if clause is None or clause.dep_ != "ccomp" or clause.head.tag_ != "VBD":
            return None
        reporter = clause.head
        for mention in reversed(earlier):
            value = mention.public.value
            if mention.owner == reporter and value is not None and value.precision == "day":
                return date.fromisoformat(value.value)
        return None

    def _chained_within(self, span: Span, phrase: str) -> str | None:
        """The chained form of a vague "within" that opens its sentence ("Within hours,
        ..."), not one anchored on an event ("within hours of the incident")."""
        sentence = self._sentences[self._sentence_index(span[0])]
        if not _opens_sentence(span, sentence) or _followed_by_of(span):
            return None
        return chained_within(phrase)

    def _resolve(self, span: Span, tense: Tense, earlier: list[_Mention],
                 chained: str | None = None) -> TimeValue | None:
        narrative = _chain_base(earlier, self._sentences, self._sentence_starts, self._published)
        if chained is not None:
            value = resolve_expression(chained, self._published, tense, narrative)
            return TimeValue(value.value, value.precision, span.text) if value else None
        in_story = self._story_year_start(span, tense, earlier)
        if in_story is not None:
            # "In July 2011 Pristina imposed an embargo, and on 26 July an officer was shot":
            # a month without its year counts on from the paragraph's past year
            value = resolve_expression(span.text, in_story, "future", narrative)
            if value is not None and not _later_than(value, self._published):
                return value
        return resolve_expression(span.text, self._published, tense, narrative)

    def _story_year_start(
        self, span: Span, tense: Tense, earlier: list[_Mention]
    ) -> date | None:
        """The start of the latest dated point of the paragraph, when a past clause names
        a month without its year and that point lies in an earlier year than publication."""
        if tense != "past" or self._published is None or not _month_without_year(span.text):
            return None
        paragraph = self._paragraphs[self._sentence_index(span[0])]
        for mention in reversed(earlier):
            if self._paragraphs[mention.public.sentence] != paragraph:
                return None
            value = mention.public.value
            if value is None or mention.noun_internal or _in_background_clause(mention):
                continue
            if not _is_year_text(mention.span) or int(value.value[:4]) >= self._published.year:
                return None  # the story's latest date is not a past year the text names
            return start_of(value.value)
        return None

    def _owner(self, span: Span) -> tuple[Token | None, bool]:
        """The word a time expression modifies, with prepositions skipped."""
        root = span.root
        stranded = _stranded_preposition(span)
        if stranded is not None:
            # "In April RSF fighters overran the camp": the parser hung the month on the
            # name after it and left "In" without its object
            return self._left_attachment(span, stranded.head) or stranded.head, False
        if root.head == root:
            return None, False
        attach = _parsed_attachment(span)
        through_preposition = attach != root.head
        noun_internal = (
            not through_preposition
            and root.dep_ in _NOUN_INTERNAL_DEPS
            and attach.pos_ in {"NOUN", "PROPN"}
        )
        if noun_internal:
            return attach, True
        owner = self._left_attachment(span, attach) or attach
        return _outside_closed_relative(owner, span) or owner, False

    def _left_attachment(self, span: Span, attach: Token) -> Token | None:
        """Where a reader hangs a time phrase the parser may have misplaced.

        Right after a verb ("said on Tuesday it would..."), the phrase is that
        verb's. Right after an event noun, across place phrases ("summits in
        Bishkek in 2019") or where the parser chose a copula ("it was a meeting
        after a summit in 2019"), it is the noun's.
        """
        neighbour, crossed_place = self._left_neighbour(span)
        if neighbour is None or neighbour == attach:
            return None
        if _opens_next_clause(attach, neighbour, span):
            return None  # "came two weeks later, and a week after that Sandu accused"
        if neighbour.pos_ == "VERB":
            return neighbour
        is_event_noun = neighbour.pos_ == "NOUN" and neighbour.lower_ in self._event_nouns
        if is_event_noun and (crossed_place or attach.lemma_ == "be"):
            return neighbour
        return None

    def _left_neighbour(self, span: Span) -> tuple[Token | None, bool]:
        """The first word left of the phrase that is not a preposition, article, name,
        comma or other time phrase, and whether a place name was passed on the way."""
        sentence_start = self._sentences[self._sentence_index(span[0])].start
        crossed_place = False
        for i in range(span.start - 1, sentence_start - 1, -1):
            token = self._doc[i]
            if not _skippable_before_time(token):
                return token, crossed_place
            crossed_place = crossed_place or token.ent_type_ in _PLACE_LABELS
        return None, crossed_place

    # --- rules (a) and (b) --------------------------------------------------------------

    def _sentence_points(self, sentence: int) -> list[_Mention]:
        return [m for m in self._mentions if m.public.sentence == sentence and m.is_point]

    def _text_mention(self, trigger: Token, place: Token | None) -> _Mention | None:
        return self._own_mention(trigger, place) or self._sentence_mention(trigger)

    def _own_mention(self, trigger: Token, place: Token | None) -> _Mention | None:
        points = self._sentence_points(self._sentence_index(trigger))
        own = [m for m in points if self._governs(m, trigger)]
        # "withdrew in May 2018 and reimposed an embargo that November": a phrase hung on
        # the verb itself outranks one it shares with the verb it is coordinated with
        direct = [m for m in own if m.owner == trigger and trigger.dep_ in {"conj", "xcomp"}]
        return _closest(direct or own, trigger, place) if own else None

    def _sentence_mention(self, trigger: Token) -> _Mention | None:
        points = self._sentence_points(self._sentence_index(trigger))
        if len(points) == 1 and self._may_date_sentence(points[0], trigger):
            return points[0]
        return None

    # --- anchors: another event's date (see polex.time.anchors) ----------------------------

    def _anchored(self, trigger: Token, strong: bool) -> EventDate | None:
        """Strong anchors (an offset, a dated noun, a report, a shared subject) outrank
        the sentence's only date; weak ones (the episode an event noun frames, a later
        verb of the same subject) only stand in for a missing one."""
        if trigger.i in self._placing:
            return None  # two clauses anchored on each other: neither is dated
        self._placing.add(trigger.i)
        try:
            found = self._from_anchors(trigger) if strong else self._from_weak_anchors(trigger)
        finally:
            self._placing.discard(trigger.i)
        if found is not None and self._past_clause_after_publication(found, trigger):
            return None  # as for a time expression: a past act cannot lie after publication
        return found

    def _past_clause_after_publication(self, dated: EventDate, trigger: Token) -> bool:
        if dated.time is None or clause_tense(trigger) != "past":
            return False
        return _later_than(dated.time, self._published)

    def _from_weak_anchors(self, trigger: Token) -> EventDate | None:
        where = where_clause_anchor(trigger) if continues_story(trigger) else None
        return self._from_event_noun(trigger) or self._first_dated(
            (episode_anchor(trigger), later_conjunct(trigger), participle_anchor(trigger), where,
             accompanying_participle(trigger), purpose_anchor(trigger),
             destination_clause_anchor(trigger), since_clause_anchor(trigger))
        ) or self._from_temporal_clause(trigger)

    def _from_temporal_clause(self, trigger: Token) -> EventDate | None:
        """A "when" clause shares its main clause's date; an "after" clause lies shortly
        before it, so it keeps no more than the month."""
        anchor = temporal_clause_anchor(trigger)
        base = self._anchor_date(anchor.token) if anchor is not None else None
        if anchor is None or base is None:
            return None
        return _dated_by(base, anchor)

    def _from_event_noun(self, trigger: Token) -> EventDate | None:
        """ "After the April 2017 vote, observers criticised...": the event takes the date
        the text gives the noun, no finer than a month when it only follows or precedes."""
        anchor = event_noun_anchor(trigger, self._event_nouns)
        if anchor is None:
            return None
        base = self._noun_own_date(anchor.token)
        if base is None:
            return None
        if anchor.offset is not None:
            return self._shifted(base, anchor, trigger)
        return _dated_by(base, anchor)

    def _first_dated(self, anchors: tuple[Anchor | None, ...]) -> EventDate | None:
        """The date of the first anchor the text dates; the event shares it."""
        for anchor in anchors:
            base = self._anchor_date(anchor.token) if anchor is not None else None
            if base is not None:
                return EventDate(base, "anchor")
        return None

    def _from_anchors(self, trigger: Token) -> EventDate | None:
        offset = offset_anchor(trigger)
        if offset is not None:
            base = self._anchor_date(offset.token)
            if base is not None:
                return self._shifted(base, offset, trigger)
        noun = relative_clause_noun(trigger)
        if noun is not None and not is_past_perfect(trigger):
            value = self._noun_date(noun) or self._anchor_date(noun) or (
                self._summarized_date(noun) if continues_story(trigger) else None)
            if value is not None:
                return EventDate(value, "anchor")
        return self._first_dated((reporting_anchor(trigger), self._coordinated(trigger)))

    @staticmethod
    def _coordinated(trigger: Token) -> Anchor | None:
        head = shared_subject_head(trigger)
        return Anchor(head, "same") if head != trigger else None

    def _anchor_date(self, token: Token) -> TimeValue | None:
        dated = self.date_for(token)
        if dated.source in DATED_BY_TEXT:
            return dated.time
        return self._earlier_mention_date(token)

    def _summarized_date(self, noun: Token) -> TimeValue | None:
        """ "In March 2021 a UN investigation concluded that ..., a finding the ministry
        rejected": a noun set after a comma at the end of a sentence sums up its main
        clause and shares that clause's date."""
        doc = noun.doc
        start = noun.left_edge.i
        if start == 0 or doc[start - 1].text != "," or noun.lower_ not in _SUMMARY_NOUNS:
            return None
        root = self._sentences[self._sentence_index(noun)].root
        if root == noun or noun.right_edge.i < root.i:
            return None
        own = self._own_mention(root, None)
        return own.public.value if own is not None else None

    def _noun_own_date(self, noun: Token) -> TimeValue | None:
        own = self._own_mention(noun, None)
        if own is not None:
            return own.public.value
        return self._earlier_mention_date(noun) or self._date_in_phrase(noun)

    def _date_in_phrase(self, noun: Token) -> TimeValue | None:
        """ "during the campaign for the EU referendum of October 2024": the one date the
        noun's phrase gives, on whichever of its words the parser hung it."""
        first, last = noun.left_edge.i, noun.right_edge.i
        inside = [m for m in self._mentions if m.is_point and m.public.value is not None
                  and first <= m.span.start and m.span.end - 1 <= last]
        return inside[0].public.value if len(inside) == 1 else None

    def _earlier_mention_date(self, noun: Token) -> TimeValue | None:
        """ "Pashinyan was elected on 8 May. ... The day after his election he flew": a
        definite event noun with no date of its own refers back to the latest earlier
        mention of that event, as noun or verb, that the text dates."""
        if noun.i in self._referred:
            return self._referred[noun.i]
        self._referred[noun.i] = None  # a reference being followed is not yet dated
        found = None
        if noun.pos_ == "NOUN" and noun.lower_ in self._event_nouns and _is_definite(noun):
            found = self._date_of_earlier_mention(noun)
        if (found is None or found.precision != "day") and self._office_start is not None \
                and takes_office(noun):
            # the knowledge base knows the day a month or a year the text gives leaves open
            start = self._office_start(noun)
            if start is not None and (found is None or start.isoformat().startswith(found.value)):
                found = TimeValue(start.isoformat(), "day", noun.text)
        self._referred[noun.i] = found
        return found

    def _dated_on_its_own(self, token: Token) -> TimeValue | None:
        """A date the text gives the mention itself or by a strong anchor, not one it
        shares with its sentence ("arrived on 28 January, the first since Assad's fall")."""
        own = self._own_mention(token, None)
        if own is not None:
            return own.public.value
        anchored = self._anchored(token, strong=True)
        return anchored.time if anchored is not None else None

    def _date_of_earlier_mention(self, noun: Token) -> TimeValue | None:
        verbs = time_words().event_noun_verbs.get(noun.lower_, frozenset())
        # "the vote" refers back to "the 26 October parliamentary election" too
        names = time_words().event_noun_kinds.get(noun.lower_, frozenset({noun.lower_}))
        sentence_start = self._sentences[self._sentence_index(noun)].start
        tried = 0
        for token in reversed(self._doc[:sentence_start]):
            same_noun = token.pos_ == "NOUN" and token.lower_ in names
            if not same_noun and not (token.pos_ == "VERB" and token.lemma_.lower() in verbs):
                continue
            dated = self._dated_on_its_own(token)
            if dated is not None:
                return dated
            tried += 1
            if tried == _EARLIER_MENTIONS_TRIED:
                return None
        return None

    def _shifted(self, base: TimeValue, anchor: Anchor, trigger: Token) -> EventDate | None:
        expression = shifted_expression(anchor)
        if expression is None:
            return EventDate(base, "anchor")
        value = resolve_expression(expression, self._published, clause_tense(trigger), base)
        if value is None:
            return None
        if value.precision == "day" and _is_approximate(anchor.offset or ""):
            value = _no_finer_than_month(value)  # "less than a week after parliament elected him"
        return EventDate(value, "anchor")

    def _noun_date(self, noun: Token) -> TimeValue | None:
        """The date a noun carries: it is a time ("January 2023, when...") or has one
        inside its phrase ("a January election")."""
        for mention in self._mentions:
            if mention.span.start <= noun.i < mention.span.end:
                # "since January 2023, when...": the clause is dated by the noun itself,
                # whatever range the preposition opens
                return mention.public.value or resolve_expression(
                    mention.span.text, self._published, mention.public.tense
                )
            if mention.is_point and mention.noun_internal and mention.owner == noun:
                return mention.public.value
        return None

    def _governs(self, mention: _Mention, trigger: Token) -> bool:
        if _clause_modifies(trigger, mention.span):
            return True
        owner = mention.owner
        if owner is None:
            return False
        if owner == trigger:
            return True
        if mention.noun_internal:
            # "Tuesday's talks ended": what the subject's date says of it, the verb says too
            return owner.dep_ in {"nsubj", "nsubjpass"} and owner.head == trigger
        if self._within_clause(owner, trigger) or self._on_head_chain(owner, trigger):
            return True
        return (_taken_from_verb(mention, trigger) or _in_free_relative(owner, trigger)
                or _when_clause_of(mention, trigger)
                or self._dates_past_complement(mention, trigger))

    def _dates_past_complement(self, mention: _Mention, trigger: Token) -> bool:
        """ "ordered the ambassador to leave the country in August 2023", "began
        restricting rail transit in mid-June": a past date the parser hung on the open
        complement of a past verb dates the verb too (a future one is the complement's
        own: "promised to visit next month")."""
        owner, value, published = mention.owner, mention.public.value, self._publication()
        if (owner is None or value is None or published is None
                or trigger.pos_ not in {"VERB", "AUX"} or clause_tense(trigger) != "past"):
            return False
        # over before the month (or, for a year, the year) of publication
        if value.value >= published.value[: min(len(value.value), 7)]:
            return False
        current, through_complement = owner, False
        while current != trigger:
            if current.pos_ in {"VERB", "AUX"}:
                if current.dep_ != "xcomp" or _has_subject(current):
                    return False
                through_complement = True
            if current.head == current:
                return False
            current = current.head
        return through_complement

    def _is_other_event_noun(self, token: Token, trigger: Token) -> bool:
        return token != trigger and token.pos_ == "NOUN" and token.lower_ in self._event_nouns

    def _within_clause(self, owner: Token, trigger: Token) -> bool:
        """Is ``owner`` inside the trigger's phrase, without entering another clause?"""
        trigger_is_noun = trigger.pos_ in _NOMINAL
        current = owner
        while current != trigger:
            if current.head == current:
                return False
            if self._is_other_event_noun(current, trigger) and (
                trigger_is_noun or not _shares_time_with(current, trigger)
            ):
                return False
            enters_clause = (
                current.pos_ in {"VERB", "AUX"}
                and current.dep_ in _CLAUSE_DEPS
                and not _is_start_participle(current)
            )
            if enters_clause and not (trigger_is_noun and current.head == trigger):
                return False  # a noun's own participle or relative clause still dates it
            current = current.head
        return True

    def _on_head_chain(self, owner: Token, trigger: Token) -> bool:
        """Is ``owner`` the verb (or a word on the way to it) the trigger depends on?"""
        if trigger.pos_ in {"VERB", "AUX"}:
            # "withdrew in May and reimposed", "voted on Monday to impose martial law"
            return (trigger.dep_ in {"conj", "xcomp"} and owner == trigger.head
                    and not _has_subject(trigger))
        current = trigger
        while current.head != current:
            if current.dep_ == "pobj" and current.head.lower_ in _BEFORE_THE_VERB:
                return False  # "arrived on 28 January, the first since Assad's fall"
            current = current.head
            if self._is_other_event_noun(current, trigger):
                return False
            if current == owner:
                return True
            if current.pos_ in {"VERB", "AUX"}:
                return False
        return False

    def _may_date_sentence(self, mention: _Mention, trigger: Token) -> bool:
        """Rule (b): the sentence's only point, unless it belongs elsewhere."""
        owner = mention.owner
        if owner is None:
            return True
        if trigger == trigger.sent.root and self._dates_the_news(mention, trigger):
            # "convicted Bolsonaro of plotting a coup on Thursday": the sentence's only
            # weekday dates the news it reports, wherever the parser hangs it
            return True
        if mention.noun_internal or self._is_other_event_noun(owner, trigger):
            return False
        mention_clause = governing_verb(owner)
        trigger_clause = governing_verb(trigger)
        if mention_clause is None or trigger_clause is None:
            return True
        if mention_clause == trigger_clause:
            return True
        # "After the talks collapsed, the president left Geneva on Friday"
        subordinate = trigger_clause.dep_ == "advcl"
        if subordinate and governing_verb(trigger_clause.head) == mention_clause:
            return True
        # "After troops fired on a crowd in May 2005, Washington condemned the crackdown":
        # an act the text sets right after or at the time of a dated one shares its date
        framed = (
            mention_clause.dep_ == "advcl"
            and governing_verb(mention_clause.head) == trigger_clause
            and _introduced_by(mention_clause, time_words().framing_marks)
        )
        return framed or _in_fronted_frame(mention, trigger_clause)

    @staticmethod
    def _dates_the_news(mention: _Mention, root: Token) -> bool:
        """A weekday the parser hung on a noun or a non-finite verb inside the main
        clause, not on a clause with its own subject ("said they attacked on Monday")."""
        if not _names_news_day(mention) or mention.public.tense != clause_tense(root):
            return False
        clause = governing_verb(mention.owner) if mention.owner is not None else None
        return clause is None or clause == root or not _has_subject(clause)

    def _from_mention(self, mention: _Mention) -> EventDate:
        if mention.public.value is not None:
            return EventDate(mention.public.value, "text")
        publication = self._publication()
        return EventDate(publication, "publication_fallback" if publication else "publication")

    def lead_date(self) -> TimeValue | None:
        """The day the story's lead tells of ("KINSHASA, Jan 29 - Protesters attacked
        embassies on Tuesday"): the first dated past main clause of the first paragraph,
        when it lies in the week before publication; the news day of a wire story."""
        if self._lead is None:
            self._lead = (self._find_lead_date(),)
        return self._lead[0]

    def _find_lead_date(self) -> TimeValue | None:
        if self._published is None:
            return None
        for index, paragraph in enumerate(self._paragraphs):
            if paragraph != self._paragraphs[0]:
                return None
            story = self._story(index)
            if story is None or story[0] is None or story[1] != "past":
                continue
            value = story[0]
            if value.precision != "day":
                return None
            day = date.fromisoformat(value.value)
            recent = timedelta(0) <= self._published - day <= _NEWS_DAYS
            return value if recent else None
        return None

    def _lead_episode(self, trigger: Token) -> TimeValue | None:
        """The lead's day for a simple past act in the paragraphs that follow it, up to the
        first sentence the text dates, in a story published a day or more after that day
        (a feature's "On Friday it acquired a date ... Both leaders flew to Washington", a
        wire story filed the morning after its news day); a story whose lead is dated the
        day it was filed keeps that day for its undated statements."""
        lead = self.lead_date()
        if lead is None or self._published is None or not continues_story(trigger):
            return None
        if self._published - date.fromisoformat(lead.value) < _LEAD_CARRIES_AFTER:
            return None
        sentence = self._sentence_index(trigger)
        first = self._paragraphs[0]
        for earlier in range(sentence - 1, -1, -1):
            if self._paragraphs[earlier] == first:
                return lead
            story = self._story(earlier)
            if story is not None and story[0] is not None:
                return None
        return None

    # --- rule (c) -----------------------------------------------------------------------

    def _narrative_for(self, trigger: Token) -> TimeValue | None:
        if clause_tense(trigger) == "past":
            before = self._before_semicolon(trigger)
            if before is not None:
                return before
        if not continues_story(trigger):
            return None
        sentence = self._sentence_index(trigger)
        if _carries_on_main_clause(trigger):
            # "In July 2021 Inzko imposed a law, and Serb parties responded by boycotting..."
            story = self._story(sentence)
            if story is not None and story[0] is not None and story[1] == "past":
                return story[0]
        return self._paragraph_story(sentence - 1, self._paragraphs[sentence])

    def _paragraph_story(self, sentence: int, paragraph: int) -> TimeValue | None:
        """The date of the latest past main clause the text dates, from ``sentence`` back
        to the start of its paragraph."""
        for earlier in range(sentence, -1, -1):
            if self._paragraphs[earlier] != paragraph:
                return None
            story = self._story(earlier)
            if story is not None and story[0] is not None and story[1] == "past":
                return story[0]
        return None

    def _before_semicolon(self, trigger: Token) -> TimeValue | None:
        """ "On 14 June 2023 the governor accused the RSF of genocide; within hours he had
        been abducted": a clause after a semicolon goes on from the first date of the
        clause before it (the one that frames it), however the parser joined the two."""
        sentence = trigger.sent
        semicolons = [t.i for t in sentence if t.text == ";" and t.i < trigger.i]
        if not semicolons:
            return None
        cut = semicolons[-1]
        dated = [m for m in self._mentions
                 if sentence.start <= m.span.start and m.span.end <= cut and m.is_point
                 and m.public.value is not None and not _in_background_clause(m)
                 and not _later_than(m.public.value, self._published)]
        return dated[0].public.value if dated else None

    def _story(self, sentence: int) -> tuple[TimeValue | None, Tense] | None:
        """The text's own date for a sentence's main clause, with that clause's tense."""
        if sentence not in self._stories:
            root = self._sentences[sentence].root
            mention = self._text_mention(root, None)
            if mention is None:
                # "Protesters attacked and set fire to embassies on Tuesday": the time at the
                # end of a coordinated predicate dates the whole of it
                shared = later_conjunct(root)
                mention = self._text_mention(shared.token, None) if shared else None
            value = mention.public.value if mention is not None else None
            dated = value is not None and continues_story(root)
            self._stories[sentence] = (value, clause_tense(root)) if dated else None
        return self._stories[sentence]

    def _publication(self) -> TimeValue | None:
        if self._published is None:
            return None
        return TimeValue(self._published.isoformat(), "day", "")


# --- helpers ------------------------------------------------------------------------------


def _when_clause_of(mention: _Mention, trigger: Token) -> bool:
    """ "since January 2023, when Estonia expelled the Russian ambassador", "in 2014,
    when Russia annexed Crimea": a "when" clause right after a time is set at it,
    wherever the parser hangs the clause."""
    when = next((c for c in trigger.children
                 if c.dep_ == "advmod" and c.lower_ == "when" and c.i < trigger.i), None)
    if when is None or when.i < mention.span.end:
        return False
    gap = trigger.doc[mention.span.end : when.i]
    return len(gap) <= 1 and all(t.is_punct for t in gap)


def _in_free_relative(owner: Token, trigger: Token) -> bool:
    """ "struck what the military called a tunnel network shortly after midnight on
    Tuesday", "hit what Kyiv said was a grain terminal on Sunday": the parser hangs the
    act's time on the clause that names its target, which has no time of its own."""
    current, free = owner, False
    while current != trigger:
        if current.pos_ in {"VERB", "AUX"}:
            if current.dep_ != "ccomp":
                return False
            free = free or any(c.tag_ == "WP" and c.lower_ == "what" for c in current.children)
        if current.head == current:
            return False
        current = current.head
    return free


def _in_perfect_clause(owner: Token | None) -> bool:
    verb = governing_verb(owner) if owner is not None else None
    return verb is not None and is_perfect(verb)


def _in_fronted_frame(mention: _Mention, clause: Token) -> bool:
    """ "While the Vienna talks were under way in April, an explosion knocked out power":
    a sentence that opens with a framing word and dates what comes before the main
    clause's subject dates the main clause, however the parser tied the two together."""
    sentence = clause.sent
    if clause != sentence.root or sentence[0].lower_ not in time_words().framing_marks:
        return False
    subject = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    return subject is not None and mention.span.end <= subject.left_edge.i


def _outside_closed_relative(owner: Token, span: Span) -> Token | None:
    """ "Police arrested Pantic, who quit the force last month, on Saturday": a time phrase
    after the comma that closes a relative clause set off by commas belongs to the verb
    of the clause the relative clause sits in, however the parser hung it."""
    clause = owner if owner.dep_ == "relcl" else None
    if clause is None or clause.left_edge.i == 0:
        return None
    doc = span.doc
    if doc[clause.left_edge.i - 1].text != ",":
        return None
    before = span.start - 1
    if before > 0 and doc[before].pos_ == "ADP":
        before -= 1
    if before <= clause.i or doc[before].text != ",":
        return None
    return governing_verb(clause.head) if clause.head != clause else None


def _misread_past(owner: Token) -> bool:
    """A "present" the parser made of a clause with no finite verb ("On Wednesday night
    men in black attacked protesters, beating journalists" hung on "beating") in a
    sentence that tells of the past."""
    clause = governing_verb(owner)
    if clause is not None and (clause.tag_ in _FINITE_PRESENT or any(
            c.dep_ in {"aux", "auxpass"} and c.tag_ in _FINITE_PRESENT | {"MD"}
            for c in clause.children)):
        return False
    return any(t.tag_ == "VBD" for t in owner.sent)


def _is_approximate(offset: str) -> bool:
    lowered = offset.lower()
    return any(lowered == a or lowered.startswith(a + " ") for a in time_words().approximators)


def _is_definite(noun: Token) -> bool:
    """ "the summit", "his election", "Assad's fall": a noun that refers to a known event."""
    return any(
        c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in {"the", "this", "that"})
        for c in noun.children
    )


def _carries_on_main_clause(trigger: Token) -> bool:
    """Is the trigger's clause a later main clause coordinated with the sentence's first?"""
    clause = shared_subject_head(trigger)
    root = trigger.sent.root
    return clause.dep_ == "conj" and clause.head == root and clause.i > root.i


def _is_start_participle(verb: Token) -> bool:
    """ "a visit to North Korea starting on Tuesday": when the act itself starts."""
    return verb.tag_ == "VBG" and verb.lemma_ in {"start", "begin"} and not _has_subject(verb)


def _dated_by(base: TimeValue, anchor: Anchor) -> EventDate:
    """The date an anchor with no measure gives: the anchor's own when the event happens
    at it, else no finer than its month (just before or after it)."""
    return EventDate(base if anchor.direction == "same" else _no_finer_than_month(base),
                     "anchor")


def _followed_by_of(span: Span) -> bool:
    """ "within hours of the March 5 incident": anchored on an event, not chained."""
    return span.end < len(span.doc) and span.doc[span.end].lower_ == "of"


def _opens_sentence(span: Span, sentence: Span) -> bool:
    """Whether the phrase, with its preposition, opens its sentence ("Within hours, ...")."""
    before = span.doc[span.start - 1] if span.start > sentence.start else None
    first = span.start - 1 if before is not None and before.pos_ == "ADP" else span.start
    return first == sentence.start


def _stranded_preposition(span: Span) -> Token | None:
    """The preposition right before a time phrase that the parse left without an object
    while the phrase itself hangs elsewhere."""
    if span.start == 0:
        return None
    before = span.doc[span.start - 1]
    if before.dep_ != "prep" or before.head == before or span.root.head == before:
        return None
    if any(child.dep_ == "pobj" for child in before.children):
        return None
    return before


def _parsed_attachment(span: Span) -> Token:
    """The word the parser hangs a time phrase on, prepositions skipped, and the
    demonstrative of "that November" the parser made its head."""
    attach = span.root.head
    while ((attach.pos_ == "ADP" or _is_demonstrative_head(attach, span))
           and attach.head != attach):
        attach = attach.head
    return attach


def _is_demonstrative_head(token: Token, span: Span) -> bool:
    return token.lower_ in {"that", "this"} and token.i == span.start - 1


def _taken_from_verb(mention: _Mention, verb: Token) -> bool:
    """ "would meet on the sidelines of the summit in Bali on Monday": the parser gave the
    phrase to the verb, the reader's rule to the event noun inside the verb's own phrase;
    it dates both."""
    owner = mention.owner
    return (
        owner is not None
        and verb.pos_ in {"VERB", "AUX"}
        and owner.pos_ == "NOUN"
        and not mention.noun_internal
        and _parsed_attachment(mention.span) == verb
        and governing_verb(owner) == verb
    )


def _no_finer_than_month(value: TimeValue) -> TimeValue:
    if value.precision != "day":
        return value
    return TimeValue(value.value[:7], "month", value.text)


def _opens_next_clause(attach: Token, neighbour: Token, span: Span) -> bool:
    """Did the parser put the phrase inside a clause that follows the neighbour verb, hangs
    on it and has a subject of its own?"""
    return (
        attach.pos_ in {"VERB", "AUX"}
        and attach.dep_ in {"conj", "advcl"}
        and attach.head == neighbour
        and attach.left_edge.i <= span.start < attach.i
        and _has_subject(attach)
    )


def _introduced_by(clause: Token, marks: frozenset[str]) -> bool:
    return any(c.dep_ in {"mark", "advmod"} and c.lower_ in marks for c in clause.children)


def _names_news_day(mention: _Mention) -> bool:
    words = time_words()
    return any(
        t.lower_ in words.weekdays or t.lower_ in words.today_words for t in mention.span
    )


def _skippable_before_time(token: Token) -> bool:
    if token.pos_ in {"ADP", "CCONJ", "DET", "PROPN", "NUM", "ADV"}:
        return True
    if token.text == ",":
        return True
    return token.ent_type_ in _PLACE_LABELS or token.ent_type_ in _TIME_LABELS


def _closest(mentions: list[_Mention], trigger: Token, place: Token | None) -> _Mention:
    """Among several time phrases of one trigger, the one nearest the place, else the trigger."""
    if place is not None:
        following = [m for m in mentions if m.span.start > place.i]
        if following:
            return min(following, key=lambda m: m.span.start - place.i)
    return min(mentions, key=lambda m: (_distance(m.span, trigger.i), -m.span.start))


def _distance(span: Span, index: int) -> int:
    if index < span.start:
        return span.start - index
    return max(0, index - span.end + 1)


def _clause_modifies(trigger: Token, span: Span) -> bool:
    """Is the trigger's clause a "when" clause on the expression ("in 2019, when they met")?"""
    clause = governing_verb(trigger)
    if clause is None or clause.dep_ not in {"relcl", "advcl", "acl"}:
        return False
    return span.start <= clause.head.i < span.end


def _after_word(span: Span) -> str:
    return span.doc[span.start - 1].lower_ if span.start > 0 else ""


def _with_range_preposition(span: Span) -> str:
    """The expression with a preceding "since", "until", "between"... that makes it a range."""
    if span.start == 0:
        return span.text
    before = span.doc[span.start - 1]
    if before.lower_ in time_words().range_prepositions:
        return f"{before.text} {span.text}"
    return span.text


def _shares_time_with(noun: Token, verb: Token) -> bool:
    """Is an event noun the verb's own object ("held talks on Monday") or its temporal
    frame ("during talks on Tuesday, the minister said")?"""
    if noun.head == verb:
        return True
    preposition = noun.head
    if any(c.dep_ == "npadvmod" for c in preposition.children):
        return False  # "four months after his inauguration on 30 June": an offset from it
    return preposition.head == verb and preposition.lower_ in time_words().frame_prepositions


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in verb.children)


def continues_story(trigger: Token) -> bool:
    """A simple past clause: not a perfect, not present or future."""
    if clause_tense(trigger) != "past":
        return False
    verb = governing_verb(trigger)
    if verb is None:
        return True
    return not is_perfect(verb)


def _chain_base(
    mentions: list[_Mention],
    sentences: list[Span],
    sentence_starts: list[int],
    published: date | None,
) -> TimeValue | None:
    """The date chained expressions count from: the latest main-clause date, else the
    latest; a date after publication (a plan, a deadline) is no story's past."""
    resolved = [
        m for m in mentions
        if m.public.value is not None and m.is_point
        and not _later_than(m.public.value, published)
    ]
    main = [m for m in resolved if _in_main_clause(m, sentences, sentence_starts)]
    pool = main or resolved
    return pool[-1].public.value if pool else None


def _later_than(value: TimeValue, published: date | None) -> bool:
    return published is not None and value.value > published.isoformat()[: len(value.value)]


def _in_background_clause(mention: _Mention) -> bool:
    """A relative or participle clause on a noun: "the man who took office in 2019"."""
    verb = governing_verb(mention.owner) if mention.owner is not None else None
    return verb is not None and verb.dep_ in {"relcl", "acl"}


def _names_a_span(span: Span) -> bool:
    """ "May 13 to 16", "1-3 March": a span with its own end."""
    return any(t.lower_ in {"to", "until", "through", "-", "–"} for t in span)


def _is_year_text(span: Span) -> bool:
    """A year the text names: "2005", or the story's year ("July of that year")."""
    if any(_is_year(token) for token in span):
        return True
    text = span.text.lower()
    return text.endswith(" year") and any(
        f"{word} year" in text for word, offset in time_words().narrative_offsets.items()
        if offset == 0)


def _month_without_year(text: str) -> bool:
    """ "on 26 July", "in late November", "By November": a month the text leaves to context."""
    words = time_words()
    lowered = [w.strip(".,") for w in text.lower().split()]
    if any(w.isdigit() and len(w) == 4 for w in lowered):
        return False
    if any(w in words.deictic_offsets or w in words.narrative_offsets for w in lowered):
        return False
    return any(w in words.months for w in lowered)


def _in_main_clause(mention: _Mention, sentences: list[Span], sentence_starts: list[int]) -> bool:
    if mention.owner is None:
        return True
    verb = governing_verb(mention.owner)
    root = sentences[bisect.bisect_right(sentence_starts, mention.span.start) - 1].root
    if verb is None or verb == root or verb.head != root:
        return verb == root
    # "When Kosovo's bid failed on 20 November 2018, Pristina accused Serbia": a framing
    # clause's date is the main clause's
    return verb.dep_ == "conj" or (
        verb.dep_ == "advcl" and _introduced_by(verb, time_words().framing_marks))


def _paragraph_of_sentences(doc: Doc, sentences: list[Span]) -> list[int]:
    """Paragraph number of each sentence: a line break starts a new paragraph."""
    breaks = [m.start() for m in re.finditer(r"\n+", doc.text)]
    paragraphs = []
    for sentence in sentences:
        first = next((t for t in sentence if not t.is_space), sentence[0])
        paragraphs.append(bisect.bisect_right(breaks, first.idx))
    return paragraphs


# --- finding time expressions ---------------------------------------------------------------


def _time_spans(doc: Doc) -> list[Span]:
    """DATE and TIME entities, plus pattern matches the model left out, in text order."""
    entities = [_with_day_number(e) for e in doc.ents if e.label_ in _TIME_LABELS]
    entities = [_with_story_prefix(_with_chain_word(e)) for e in entities]
    covered = {i for e in entities for i in range(e.start, e.end)}
    extra = [s for s in _pattern_spans(doc) if not any(i in covered for i in range(s.start, s.end))]
    spans = _merge_adjacent(sorted(entities + _without_overlaps(extra), key=lambda s: s.start))
    spans = _merge_across_of(spans)
    kept = [s for s in spans if not _is_dateline(s) and not _is_named_march(s)]
    return [piece for s in kept for piece in _split_at_anchor(s)]


def _is_named_march(span: Span) -> bool:
    """ "the March for Freedom", "the March on Rome": a month name as the name of an event."""
    doc = span.doc
    if len(span) != 1 or span[0].lower_.rstrip(".") not in time_words().months:
        return False
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    return before == "the" and after in {"for", "on", "of", "against", "to", "through"}


def _split_at_anchor(span: Span) -> list[Span]:
    """ "on Tuesday after weeks of protests": the model's one entity is a date and a
    measure of what came before it; the date is the part before the preposition. An
    entity that ran on into the next words ("8 July Abiy", "Saturday hundreds of
    thousands") is cut back to its longest prefix that reads as a time."""
    if len(span) > 1 and classify_expression(span.text) == "unknown":
        for end in range(span.end - 1, span.start, -1):
            prefix = span.doc[span.start : end]
            if classify_expression(prefix.text) != "unknown":
                return [prefix]
    marks = time_words().anchor_marks
    for token in span[1:]:
        if token.lower_ in marks:
            head = span.doc[span.start : token.i]
            if classify_expression(head.text) == "point":
                return [head]
    return [span]


def _with_day_number(span: Span) -> Span:
    """ "the 1 October referendum": the model's entity is only "October"."""
    doc = span.doc
    starts_with_month = span[0].lower_.rstrip(".") in time_words().months
    if span.start == 0 or not starts_with_month:
        return span
    before = doc[span.start - 1]
    if _DAY_NUMBER.fullmatch(before.lower_) and int(re.sub(r"\D", "", before.text)) <= 31:
        return doc[span.start - 1 : span.end]
    return span


def _with_chain_word(span: Span) -> Span:
    """ "a week after that": a measure the model tagged, chained to the story's date."""
    doc = span.doc
    following = [t.lower_ for t in doc[span.end : span.end + 2]]
    if span[-1].lower_ not in time_words().units:
        return span
    if following[:1] == ["afterwards"]:
        return doc[span.start : span.end + 1]
    if len(following) == 2 and following[0] in {"after", "before"} and following[1] == "that":
        return doc[span.start : span.end + 2]
    return span


def _with_story_prefix(span: Span) -> Span:
    """ "the same Sunday", "the following Monday": a weekday the model tagged alone, counted
    from the story's date by the words before it."""
    if len(span) != 1 or span[0].lower_ not in time_words().weekdays:
        return span
    return span.doc[_story_prefix_start(span.doc, span.start) : span.end]


def _story_prefix_start(doc: Doc, start: int) -> int:
    """Where a weekday at ``start`` begins with the words before it that count it from
    the story's date ("the same", "the following", "on the Sunday"), else ``start``."""
    if start > 1 and doc[start - 2 : start].text.lower() in time_words().narrative_offsets:
        return start - 2
    if start > 0 and doc[start - 1].lower_ == "the":
        return start - 1
    return start


def _merge_across_of(spans: list[Span]) -> list[Span]:
    """ "the night" + "of" + "1 December" is one expression."""
    merged: list[Span] = []
    for span in spans:
        previous = merged[-1] if merged else None
        joined = (
            previous is not None
            and previous.end + 1 == span.start
            and span.doc[previous.end].lower_ == "of"
            and classify_expression(previous.text) != "point"
            and classify_expression(span.doc[previous.start : span.end].text) == "point"
        )
        if joined:
            assert previous is not None
            merged[-1] = span.doc[previous.start : span.end]
        else:
            merged.append(span)
    return merged


def _merge_adjacent(spans: list[Span]) -> list[Span]:
    """One expression from touching pieces: DATE "Sunday" + TIME "evening"."""
    merged: list[Span] = []
    for span in spans:
        if merged and merged[-1].end == span.start:
            merged[-1] = span.doc[merged[-1].start : span.end]
        else:
            merged.append(span)
    return merged


def _is_dateline(span: Span) -> bool:
    """The "KYIV, Aug 26 -" opening a wire story: the filing date, not an event's."""
    doc = span.doc
    sentence_start = span.sent.start
    if span.start - sentence_start > _DATELINE_MAX_OFFSET:
        return False
    before = doc[sentence_start : span.start]
    if not all(t.pos_ == "PROPN" or t.is_punct or t.is_space or t.is_upper for t in before):
        return False
    dash_inside = any(t.text in _DASHES for t in span)
    after = _after_agency(doc, span.end)  # "ISLAMABAD, Sept 12 (Reuters) -"
    dash_after = after < len(doc) and doc[after].text in _DASHES
    return dash_inside or dash_after


def _after_agency(doc: Doc, index: int) -> int:
    """The token after a parenthesized agency name that starts at ``index``, if any."""
    if index >= len(doc) or doc[index].text != "(":
        return index
    for end in range(index + 1, min(index + _AGENCY_MAX_TOKENS, len(doc))):
        if doc[end].text == ")":
            return end + 1
    return index


def _without_overlaps(spans: list[Span]) -> list[Span]:
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -len(s))):
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept


def _pattern_spans(doc: Doc) -> list[Span]:
    spans = []
    in_names = _inside_longer_names(doc)
    strings = doc.vocab.strings
    for i, lower in enumerate(doc.to_array(LOWER).tolist()):
        if not _may_start_pattern(strings[lower]):
            continue  # most words: read as strings, without making a Token of each
        token = doc[i]
        holiday = _holiday_span(token)  # the model names these as events
        if holiday is not None:
            spans.append(holiday)
            continue
        if token.i in in_names or not _may_be_time_form(token.lower_):
            continue  # "April" in "April Ryan", "March" in "Long March"
        found = (
            _weekday_span(token) or _month_span(token) or _year_span(token)
            or _chain_span(token)
        )
        if found is not None:
            spans.append(found)
    return spans


@lru_cache(maxsize=50_000)
def _may_start_pattern(lower: str) -> bool:
    """Whether a word (lower-cased) may start a holiday name or a time pattern."""
    return lower in _holiday_starts() or _may_be_time_form(lower)


def _may_be_time_form(lower: str) -> bool:
    """A quick test that lets through every word the patterns below may start from."""
    words = time_words()
    word = lower.rstrip(".")
    if word in words.weekdays or word in words.months or lower in words.today_words:
        return True
    if word in words.units or word in _CHAIN_WORDS:
        return True
    return len(lower) == 4 and lower.isdigit()  # a year; digits have no case


def _inside_longer_names(doc: Doc) -> set[int]:
    """Indices of the tokens inside a multi-word name ("April Ryan", "the Long March"), not
    inside a number the model misread ("by 1 December" labelled a cardinal)."""
    return {
        i for e in doc.ents if len(e) > 1 and e.label_ not in _NOT_NAME_LABELS
        for i in range(e.start, e.end)
    }


def _is_name(token: Token, table: dict[str, int]) -> bool:
    """A capitalized month or weekday name; three-letter ones only as clear abbreviations."""
    word = token.lower_.rstrip(".")
    if not token.text[:1].isupper() or word not in table:
        return False
    if len(word) > 3:
        return True
    doc = token.doc
    following = doc[token.i + 1].text if token.i + 1 < len(doc) else ""
    after_on = token.i > 0 and doc[token.i - 1].lower_ == "on"
    before_day = _DAY_NUMBER.fullmatch(following) is not None  # "Aug 26"
    return token.text.endswith(".") or following == "." or after_on or before_day


def _weekday_span(token: Token) -> Span | None:
    words = time_words()
    if not _is_name(token, words.weekdays) and token.lower_ not in words.today_words:
        return None
    start, end = token.i, token.i + 1
    doc = token.doc
    if start > 0 and doc[start - 1].lower_ in time_words().deictic_offsets:
        start -= 1
    else:
        start = _story_prefix_start(doc, start)
    if end < len(doc) and doc[end].lower_ in words.time_of_day:
        end += 1
    return doc[start:end]


@lru_cache(maxsize=1)
def _holiday_starts() -> frozenset[str]:
    return frozenset(_holidays_by_start())


@lru_cache(maxsize=1)
def _holidays_by_start() -> dict[str, list[str]]:
    """Holiday names (lower-cased) under their first word, longest first."""
    names: dict[str, list[str]] = {}
    for name in sorted(time_words().fixed_holidays, key=len, reverse=True):
        names.setdefault(name.split()[0].split("'")[0], []).append(name)
    return names


def _holiday_span(token: Token) -> Span | None:
    """ "New Year's Eve", "Ukraine's Independence Day", which the model tags as events:
    the longest name of at most six words that the text from the token on spells."""
    names = _holidays_by_start().get(token.lower_)
    if names is None:
        return None
    doc = token.doc
    if token.i + 1 < len(doc):  # a longer name spells this word and the next in full
        two = token.lower_ + token.whitespace_ + doc[token.i + 1].lower_
        names = [name for name in names if name == token.lower_ or name.startswith(two)]
        if not names:
            return None
    last = min(len(doc), token.i + 6)
    ends = {doc[k].idx + len(doc[k]) - token.idx: k + 1 for k in range(token.i, last)}
    text = doc[token.i : last].text
    for name in names:
        end = ends.get(len(name))
        if end is not None and text[: len(name)].lower() == name:
            return doc[token.i : end]
    return None


def _chain_span(token: Token) -> Span | None:
    """ "the following month", "that same week", "three days later", "a year earlier":
    chained expressions the model often leaves out, counted from the story's date."""
    words = time_words()
    doc = token.doc
    word = token.lower_
    if word in words.units:
        for size in (3, 2, 1):
            start = token.i - size
            before = doc[start : token.i].text.lower() if start >= 0 else ""
            if before in words.narrative_offsets or before in {"that same", "the very same"}:
                return doc[start : token.i + 1]
        return None
    if word not in _CHAIN_WORDS or token.i == 0 or doc[token.i - 1].lower_ not in words.units:
        return None
    start = token.i - 1
    while start > 0 and (doc[start - 1].like_num or doc[start - 1].lower_ in {"a", "an"}):
        start -= 1
    return doc[start : token.i + 1] if start < token.i - 1 else None


def _month_span(token: Token) -> Span | None:
    words = time_words()
    if not _is_name(token, words.months) or token.tag_ == "MD":
        return None
    doc = token.doc
    start, end = token.i, token.i + 1
    if start > 0 and _DAY_NUMBER.fullmatch(doc[start - 1].lower_):
        start -= 1  # "24 February"
    elif end < len(doc) and _DAY_NUMBER.fullmatch(doc[end].lower_):
        end += 1  # "February 24"
    if end + 1 < len(doc) and doc[end].text == "," and _is_year(doc[end + 1]):
        end += 2
    elif end < len(doc) and _is_year(doc[end]):
        end += 1
    is_may = token.lower_ == "may"
    if is_may and end - start == 1 and (start == 0 or doc[start - 1].lower_ not in {"in", "of"}):
        return None  # "May" alone is too often a name or a verb
    return doc[start:end]


def _is_year(token: Token) -> bool:
    return token.is_digit and len(token.text) == 4 and 1800 <= int(token.text) <= 2199


def _year_span(token: Token) -> Span | None:
    if not _is_year(token) or token.i == 0:
        return None
    if token.doc[token.i - 1].lower_ not in time_words().year_prepositions:
        return None
    return token.doc[token.i : token.i + 1]
