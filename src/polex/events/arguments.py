"""Who did it and to whom: actor and recipient phrases from the dependency parse."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from polex.events.factuality import cues

SUBJECT_DEPS = {"nsubj", "csubj", "expl"}
DASHES = frozenset({"-", "--", "–", "—"})
PASSIVE_SUBJECT_DEPS = {"nsubjpass", "csubjpass"}
OBJECT_DEPS = {"dobj", "obj", "dative"}
# Preposition lemmas that introduce a recipient of the event ("met with", "sanctions on").
RECIPIENT_PREPS = {"with", "to", "on", "against", "at", "from", "for", "toward", "towards", "upon"}
NOUN_ACTOR_PREPS = {"by", "of", "between", "among"}
# Verbs whose subject is the actor of the event named by their object noun.
LIGHT_VERBS = {
    "hold", "pay", "make", "conduct", "launch", "carry", "stage", "impose", "announce",
    "sign", "provide", "give", "grant", "approve", "extend", "offer", "host", "attend", "join",
    "mount", "deliver", "send", "order", "begin", "start", "resume", "continue", "complete",
    "issue", "level", "voice", "express", "slap", "introduce", "adopt", "declare", "tighten",
    "disburse", "receive", "secure", "lead", "organize", "organise", "call", "go", "finish",
    "unveil", "renew", "reimpose", "open", "undertake", "kick", "wrap", "conclude", "end",
    "form", "set", "fly", "ramp", "step", "wage", "perform",
}
# "a second round of talks", "four days of clashes", "at the end of a visit": a measure or
# a phase of the event noun stands in its place in the clause
MEASURE_NOUNS = {
    "round", "hour", "day", "night", "week", "month", "year", "series", "wave", "spate",
    "string", "session", "bout", "flurry", "volley", "barrage", "campaign",
    "end", "start", "beginning", "close", "conclusion", "course", "outset",
}
GROUP_NOUNS = {
    "leader", "side", "country", "president", "government", "minister", "nation",
    "neighbour", "neighbor", "party", "delegation", "head", "capital", "state",
    "man", "army", "force", "ministry", "ally", "unit", "commission", "negotiator",
    "team", "counterpart", "rival", "foe", "military", "navy", "camp", "premier",
}
GROUP_SIZES = {"both": 2, "two": 2, "three": 3}
PLACE_PREPS = {"in", "at", "near"}
PARTY_ENTITIES = {"PERSON", "NORP", "GPE", "ORG"}
NON_ACTOR_ENTITIES = {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"}
ORGANIZING_VERBS = {"lead", "organize", "organise", "stage", "hold", "call", "host", "launch"}
CLAUSE_CUT_DEPS = {"relcl", "acl", "advcl", "parataxis", "ccomp", "punct", "mark", "cc"}
# verbs that make their object do the act of the infinitive after it
CAUSATIVE_VERBS = frozenset({"lead", "prompt", "force", "compel", "cause", "spur", "persuade",
                             "convince", "oblige"})
# "after severing ties": a gerund under a preposition shares the clause's subject
CLIMB_DEPS = {"conj", "xcomp", "advcl", "pcomp", "prep", "acomp"}
# clauses with no subject of their own whose subject is their main clause's surface subject
ADJUNCT_DEPS = {"advcl", "pcomp"}
# "during a visit to Kyiv", "at talks in Doha": the clause's subject took part in the event
EVENT_NOUN_PREPS = {"during", "at", "in", "for", "amid", "after", "before", "on"}
# "drawing condemnation from the UN": the noun's "from" phrase is its actor
DENYING_VERBS = {"deny", "dismiss", "reject"}
# what a speaker adds to a reported clause by a participle: "..., blaming the deaths on"
SPEAKING_PARTICIPLES = DENYING_VERBS | {
    "blame", "accuse", "call", "urge", "warn", "insist", "cite", "vow", "promise",
    "threaten", "condemn", "criticise", "criticize", "praise", "argue", "describe", "label",
    "dub", "brand", "demand", "appeal", "stress", "express", "welcome", "denounce",
}
# verbs that state a finding, whose clause an act of the finder may be misread into
FINDING_VERBS = {"determine", "conclude", "find", "rule", "establish"}
DESTINATION_VERBS = {"take", "be", "bring", "lead"}  # a trip that "took him to" a place
RECEIVING_VERBS = {"draw", "face", "receive", "prompt", "spark", "trigger", "earn", "attract"}
INQUIRY_NOUNS = {"investigation", "probe", "inquiry", "enquiry"}
# verbs whose judgement may come before their object ("dismissed as 'absurd' the claims")
JUDGING_VERBS = {"dismiss", "reject", "denounce", "condemn", "decry", "brand", "slam"}
# "a bombing campaign", "an air-strike operation": the noun a trigger names the kind of
FRAME_NOUNS = {"campaign", "operation", "offensive", "mission", "blitz", "spree", "wave"}
# "a missile strike hit the headquarters": what an attack noun as subject struck
IMPACT_VERBS = {"hit", "strike", "destroy", "damage", "flatten", "level", "raze", "target",
                "slam", "pound", "kill", "wound", "injure"}
RELATIVE_TAGS = {"WDT", "WP"}
# Instruments that carry out what their signer decides ("a decree banning ...").
DOCUMENT_NOUNS = {"order", "decree", "law", "resolution", "bill", "statement", "letter",
                  "directive", "declaration", "measure", "memorandum", "ruling"}
GATHERING_NOUNS = {"rally", "protest", "demonstration", "march", "vigil", "sit-in",
                   "gathering", "meeting", "funeral", "wedding"}
MESSAGE_NOUNS = {
    "request", "plea", "appeal", "call", "demand", "offer", "proposal", "suggestion",
    "condemnation", "criticism", "rebuke", "warning", "threat", "invitation", "pressure",
    "assurance", "pledge", "promise", "ultimatum", "protest", "complaint", "accusation",
}
TRANSFER_VERBS = {"extradite", "deport", "transfer", "repatriate", "expel", "return", "hand"}
# "visited Beijing with a delegation of chief executives": whom a visitor brings along
TRAVEL_VERBS = {"visit", "tour", "travel", "fly", "arrive"}
PRONOUNS = {"he", "she", "they", "it", "we", "i", "him", "her", "them", "who", "which", "that"}
# The pronouns that stand for one person, read from the text that names them.
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})


@dataclass
class Arguments:
    actors: list[Span] = field(default_factory=list)
    recipients: list[Span] = field(default_factory=list)
    places: list[Span] = field(default_factory=list)


def phrase(token: Token) -> Span:
    """The noun phrase headed by ``token``: the contiguous stretch of its subtree around
    it, without relative or adverbial clauses (and whatever lies past them)."""
    keep = {token.i}
    stack = [c for c in token.children if c.dep_ not in CLAUSE_CUT_DEPS]
    while stack:
        child = stack.pop()
        keep.add(child.i)
        stack.extend(c for c in child.children if c.dep_ not in CLAUSE_CUT_DEPS - {"cc"})
    # coordinators and commas inside the phrase ("Israel and Jordan", "Boric, Chile's
    # president") are kept when the phrase continues after them
    keep |= {t.i for t in token.subtree if t.dep_ in {"cc", "punct"} and t.i + 1 in keep}
    start = end = token.i
    while start - 1 in keep:
        start -= 1
    while end + 1 in keep:
        end += 1
    return token.doc[start : end + 1]


def _first(children: list[Token], deps: set[str]) -> Token | None:
    return next((c for c in children if c.dep_ in deps), None)


def subject_of(verb: Token) -> tuple[Token | None, bool]:
    """The verb's logical subject and whether the clause is passive.

    Climbs through coordination ("met X and signed"), open complements ("agreed to
    meet", "is expected to visit") and participial modifiers to find a subject the verb
    shares.
    """
    current = verb
    raised = False  # reached through an open complement
    adjunct = False  # reached from an adverbial clause or a preposition's clause
    for _ in range(6):
        children = list(current.children)
        agent = _first(children, {"agent"})
        passive_subject = _first(children, PASSIVE_SUBJECT_DEPS)
        if raised and passive_subject is not None and agent is None:
            return passive_subject, False  # "X is expected to visit": X visits
        subject = _nearest_subject(children, current)
        if (passive_subject is None and agent is not None and subject is not None
                and current.tag_ != "VBN"):
            return subject, False  # "X spoke by telephone": "by" misread as an agent
        if _misattached_conjunct(verb, current) and (
                (passive_subject is not None and agent is None)
                or (subject is not None and _after_comma_and(verb) and _is_perfect(current))):
            # "HRW said that the referendum had been rushed and accused the authorities":
            # an active verb hung on a passive reported clause is the reporter's
            current = current.head
            continue
        if adjunct and passive_subject is not None:
            return passive_subject, False  # "activists were arrested after blocking": they blocked
        if passive_subject is not None or agent is not None:
            by_object = (_first(list(agent.children), {"pobj"}) if agent is not None
                         else _stray_agent(current))
            return by_object, True
        if subject is not None:
            return subject, False
        caused = None if adjunct else _caused_party(current)
        if caused is not None:
            return caused, False
        if current.dep_ in CLIMB_DEPS and current.head != current:
            raised = raised or current.dep_ == "xcomp"
            adjunct = adjunct or current.dep_ in ADJUNCT_DEPS
            current = _denier_of(current) or current.head
            continue
        if current.dep_ == "npadvmod" and current is not verb and current.head != current:
            current = current.head  # "a day after severing its ties": the measure's verb
            continue
        if reduced_passive(current):
            return None, True  # "schoolchildren abducted from a college": they underwent it
        if current.dep_ in {"acl", "relcl"} and _is_predicate_noun(current.head) \
                and _is_infinitive(current):
            # "Modi became the first Indian prime minister to visit Israel": who is
            # said to be the first acts
            current = current.head.head
            continue
        if current.dep_ in {"acl", "relcl"} and current.head != current:
            document = current.head
            if (current.dep_ == "acl" and document.lemma_.lower() in DOCUMENT_NOUNS
                    and document.dep_ == "dobj" and document.head != document):
                # "Trump signed an executive order halting all aid": who signed it acts
                current = document.head
                continue
            return current.head, False
        return None, False
    return None, False


def _is_predicate_noun(noun: Token) -> bool:
    """The noun a copula says its subject is: "became the first head of state"."""
    return (noun.dep_ in {"attr", "oprd"} and noun.head != noun
            and noun.head.lemma_.lower() in {"be", "become", "remain"})


def _is_infinitive(clause: Token) -> bool:
    return any(c.dep_ == "aux" and c.text.lower() == "to" for c in clause.children)


def _caused_party(clause: Token) -> Token | None:
    """ "led Washington to expel Turkey", "forced Moscow to withdraw": whom a causative
    verb makes act is the infinitive's subject, not the cause."""
    head = clause.head
    if (clause.dep_ not in {"xcomp", "advcl"} or head.lemma_.lower() not in CAUSATIVE_VERBS
            or not _is_infinitive(clause)):
        return None
    return next((c for c in head.children if c.dep_ == "dobj" and c.i < clause.i), None)


def office_holder(word: Token) -> Span | None:
    """Who takes office in "his election", "Tokayev's inauguration" or "within weeks of
    being sworn in": the word's possessor, else the sentence's subject, or the owner
    of that subject ("His first trip ... within weeks of being sworn in")."""
    owner = _first(list(word.children), {"poss"})
    if owner is not None:
        return phrase(owner)
    root = word.sent.root
    subject = _first(list(root.children), SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS)
    if subject is None:
        return None
    owner = _first(list(subject.children), {"poss"})
    return phrase(owner) if owner is not None else phrase(subject)


def _dash_between(first: Token, second: Token) -> bool:
    """A dash parts the two phrases: a wire dateline ("BELGRADE, March 22 (Huaxia) --")
    before the subject, not a subject coordinated with it."""
    left, right = sorted((first, second), key=lambda t: t.i)
    return any(t.text in DASHES for t in left.doc[left.right_edge.i : right.left_edge.i + 1])


def _nearest_subject(children: list[Token], verb: Token) -> Token | None:
    """The verb's subject; of two, the one nearer before it: the parser sometimes makes a
    wire dateline a second subject ("BELGRADE, March 22 (Huaxia) -- A team of Chinese
    experts arrived")."""
    subjects = [c for c in children if c.dep_ in SUBJECT_DEPS]
    before = [c for c in subjects if c.i < verb.i]
    return before[-1] if len(before) > 1 else (subjects[0] if subjects else None)


def reduced_passive(verb: Token) -> bool:
    """A past participle right after its noun ("schoolchildren abducted from a
    college"); after a comma it is more often a main verb the parser misread
    ("Guterres, called on the Taliban")."""
    if verb.dep_ != "acl" or verb.tag_ != "VBN" or verb.head == verb:
        return False
    return verb.i > 0 and verb.doc[verb.i - 1].text != ","


def _stray_agent(verb: Token) -> Token | None:
    """ "shot dead in their home by Azerbaijani special forces": a passive's "by" phrase
    the parser hung on the noun before it, when it names a party."""
    for prep in verb.children:
        if prep.dep_ != "prep":
            continue
        for place in (c for c in prep.children if c.dep_ == "pobj"):
            for by in (c for c in place.children
                       if c.dep_ == "prep" and c.text.lower() == "by"):
                agent = _first(list(by.children), {"pobj"})
                if agent is not None and any(t.ent_type_ in PARTY_ENTITIES
                                             for t in phrase(agent)):
                    return agent
    return None


def _denier_of(participle: Token) -> Token | None:
    """ "Iran's authorities have denied that security forces fired on protesters, blaming
    the deaths on rioters": a participle after a comma that the parser hung on a reported
    or denied clause adds to what the speaker says, so it is the speaker's act."""
    clause = participle.head
    if participle.dep_ != "advcl" or participle.tag_ != "VBG" or clause.dep_ != "ccomp":
        return None
    if participle.lemma_.lower() not in SPEAKING_PARTICIPLES | cues().reporting_verbs:
        return None  # "described how troops went house to house, killing civilians": theirs
    after_comma = participle.i > 0 and participle.doc[participle.i - 1].text == ","
    speaker = clause.head
    reporting = speaker.lemma_.lower() in cues().reporting_verbs | DENYING_VERBS
    # not "Storm Ciaran battered the coast, killing a driver, officials said"
    before = speaker.i < clause.i
    return speaker if after_comma and reporting and before else None


def _misattached_conjunct(verb: Token, clause: Token) -> bool:
    """An active past verb coordinated with a passive or past perfect clause that a
    reporting or finding verb governs: the parser's reading of "said that X had been
    Y-ed and accused Z", "determined that the RSF had committed genocide, and imposed
    sanctions"."""
    return (
        verb is not clause and verb.dep_ == "conj" and verb.head == clause
        and verb.tag_ == "VBD" and not any(c.dep_ == "auxpass" for c in verb.children)
        and clause.dep_ == "ccomp" and clause.head != clause
        and clause.head.lemma_.lower() in cues().reporting_verbs | FINDING_VERBS
    )


def _after_comma_and(verb: Token) -> bool:
    """ ", and imposed": the coordinator follows a comma."""
    doc = verb.doc
    cc = next((c for c in verb.children if c.dep_ == "cc"), None)
    if cc is None:
        cc = doc[verb.i - 1] if verb.i > 0 and doc[verb.i - 1].dep_ == "cc" else None
    return cc is not None and cc.i > 0 and doc[cc.i - 1].text == ","


def _is_perfect(clause: Token) -> bool:
    return any(c.dep_ == "aux" and c.lemma_ == "have" for c in clause.children)


def passive_patient(verb: Token) -> Token | None:
    return _first(list(verb.children), PASSIVE_SUBJECT_DEPS)


def prepositional_objects(token: Token, preps: set[str]) -> list[Token]:
    """Objects of the given prepositions, leaving out times and quantities ("on Friday")."""
    found: list[Token] = []
    for prep in token.children:
        if prep.dep_ in {"prep", "dative"} and prep.lemma_.lower() in preps:
            found.extend(
                c for c in prep.children
                if c.dep_ == "pobj" and c.ent_type_ not in NON_ACTOR_ENTITIES
            )
    return found


def _antecedent_of_relative(token: Token) -> Token:
    """ "Qatar, which will pay": a relative pronoun stands for the noun its clause modifies."""
    clause = token.head
    if token.tag_ in RELATIVE_TAGS and clause.dep_ == "relcl" and clause.head != clause:
        return clause.head
    return token


def _reported_subject(subject: Token, verb: Token) -> Token:
    """ "Beijing insists it has not provided": a pronoun subject of a reported clause is
    the reporting clause's subject when the two agree."""
    pronoun = subject.lower_
    if pronoun not in {"it", "they", "he", "she", "we"}:
        return subject
    clause = verb
    while clause.dep_ in {"conj", "xcomp"} and clause.head != clause:
        clause = clause.head
    if clause.dep_ != "ccomp" or clause.head == clause:
        return subject
    reporter, passive = subject_of(clause.head)
    if reporter is None or passive or reporter.pos_ == "PRON":
        return subject
    is_person = reporter.ent_type_ == "PERSON"
    if pronoun == "it" and is_person or pronoun in {"he", "she"} and not is_person:
        return subject
    return reporter


def verb_arguments(verb: Token, consumed: set[int]) -> Arguments:
    blamed = _to_blame(verb)
    if blamed is not None:
        return blamed
    received = _message_received(verb)
    if received is not None:
        return _received_arguments(received)
    args = Arguments()
    subject, passive = subject_of(verb)
    if subject is not None:
        actor = _reported_subject(_antecedent_of_relative(subject), verb)
        args.actors.append(phrase(actor))
        # the parser sometimes gives coordinated subjects two nsubj arcs
        args.actors.extend(
            phrase(c) for c in subject.head.children
            if c.dep_ == subject.dep_ and c != subject and not passive and actor == subject
            and not _dash_between(c, subject)
        )
    if subject is not None and not passive:
        # "Macron, Scholz and Draghi arrived in Kyiv, joined later by Romania's Iohannis"
        args.actors.extend(phrase(t) for t in _joined_by(verb))
    if passive and subject is None and verb.lemma_.lower() in TRANSFER_VERBS:
        # "was extradited from the United States to Peru": the sending state acts
        args.actors.extend(phrase(t) for t in prepositional_objects(verb, {"from"}))
    if passive:
        patient = passive_patient(verb)
        if patient is not None:
            args.recipients.append(phrase(_antecedent_of_relative(patient)))
        elif verb.dep_ == "acl" and verb.head != verb:
            # "aid workers seized by jihadists": the modified noun underwent the act
            args.recipients.append(phrase(verb.head))
        elif (undergoer := _subject_of_governing_verb(verb)) is not None:
            args.recipients.append(phrase(undergoer))
    else:
        objects = [c for c in verb.children if c.dep_ in OBJECT_DEPS] or judged_object(verb)
        args.recipients.extend(phrase(obj) for obj in objects if obj.i not in consumed)
    if verb.lemma_.lower() in TRANSFER_VERBS and prepositional_objects(verb, {"to"}):
        # "Vinnik, a Russian, was extradited to the United States by Greece": the state
        # the person is handed to is the recipient, not the person moved
        args.recipients.clear()
    owners = [verb] + [verb.doc[i] for i in consumed]
    # "opened an investigation into opposition leaders": whom an inquiry is into
    inquiry = any(t.lemma_.lower() in INQUIRY_NOUNS for t in [*owners, *verb.children])
    preps = RECIPIENT_PREPS | {"into"} if inquiry else RECIPIENT_PREPS
    if _has_destination(verb):
        preps = preps - {"with"}
    for owner in owners:
        args.recipients.extend(phrase(t) for t in prepositional_objects(owner, preps))
    # "met Japarov in Astana": the parser often hangs the place on the object
    objects = [c for c in verb.children if c.dep_ in OBJECT_DEPS] + owners
    # "fired on protesters in Almaty": or on the object of the act's preposition
    objects += [t for owner in owners for t in prepositional_objects(owner, RECIPIENT_PREPS)]
    for owner in objects:
        args.places.extend(phrase(t) for t in prepositional_objects(owner, PLACE_PREPS))
    if not args.places and _is_participle_of(verb):
        # "went house to house in Axum, killing hundreds": where the act it ends happened
        args.places.extend(phrase(t) for t in prepositional_objects(verb.head, PLACE_PREPS))
    return args


def _subject_of_governing_verb(verb: Token) -> Token | None:
    """ "the ship sank after being swarmed by drones", "was freed before being
    detained again": a passive gerund after a preposition happened to the subject of
    the verb the preposition hangs on."""
    preposition = verb.head
    if verb.dep_ != "pcomp" or preposition.dep_ != "prep" or preposition.head.pos_ != "VERB":
        return None
    if not any(c.dep_ == "auxpass" and c.text.lower() == "being" for c in verb.children):
        return None
    return _first(list(preposition.head.children), SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS)


def _is_participle_of(verb: Token) -> bool:
    """A present participle clause with no subject of its own on a verb: "shelled the
    town, killing six"."""
    return (verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.pos_ == "VERB"
            and not any(c.dep_ in SUBJECT_DEPS for c in verb.children))


def _joined_by(verb: Token) -> list[Token]:
    """Who joins the subject in the act: the agent of a "joined by" participle on it."""
    return [obj for clause in verb.children
            if clause.dep_ in {"advcl", "acl"} and clause.tag_ == "VBN"
            and clause.lemma_.lower() == "join"
            for agent in clause.children if agent.dep_ == "agent"
            for obj in agent.children if obj.dep_ == "pobj"]


def _has_destination(verb: Token) -> bool:
    """A trip with its destination named ("visited Beijing", "flew to Kyiv"), where "with"
    brings along companions; "visited with Biden" is a meeting."""
    return verb.lemma_.lower() in TRAVEL_VERBS and any(
        c.dep_ in OBJECT_DEPS or (c.dep_ == "prep" and c.lower_ in {"to", "in"})
        for c in verb.children)


def judged_object(verb: Token) -> list[Token]:
    """ "dismissed as 'absurd' Canadian allegations": with the judgement put first, the
    parser reads the object as the object of "as"."""
    if verb.lemma_.lower() not in JUDGING_VERBS:
        return []
    return [obj for prep in verb.children if prep.dep_ == "prep" and prep.text.lower() == "as"
            for obj in prep.children if obj.dep_ == "pobj" and obj.i > prep.i + 1]


def _to_blame(verb: Token) -> Arguments | None:
    """ "Zakharova replied that Chisinau alone was to blame": the one "to blame" is
    blamed, by whoever says so."""
    copula = verb.head
    if (verb.lemma_.lower() != "blame" or verb.dep_ != "xcomp" or copula.lemma_ != "be"
            or not any(c.dep_ == "aux" and c.text.lower() == "to" for c in verb.children)):
        return None
    blamed = _first(list(copula.children), SUBJECT_DEPS)
    if blamed is None or copula.dep_ != "ccomp" or copula.head == copula:
        return None
    speaker, _ = subject_of(copula.head)
    args = Arguments()
    if speaker is not None:
        args.actors.append(phrase(speaker))
    args.recipients.append(phrase(blamed))
    return args


def measured(noun: Token) -> Token:
    """The measure standing for the event noun in the clause ("held two rounds of talks"),
    else the noun itself."""
    prep = noun.head
    if noun.dep_ == "pobj" and prep.text.lower() == "of" \
            and prep.head.lemma_.lower() in MEASURE_NOUNS:
        return prep.head
    return noun


def governing_verb(noun: Token) -> Token | None:
    """The light verb whose object (or prepositional object) the event noun is."""
    noun = measured(noun)
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    if head == noun or head.pos_ not in {"VERB", "AUX"}:
        return None
    return head if head.lemma_.lower() in LIGHT_VERBS else None


def noun_arguments(noun: Token) -> Arguments:
    target = _under_attack(noun)
    if target is not None:
        return _attack_suffered(noun, target)
    args = Arguments()
    verb = governing_verb(noun)
    args.actors.extend(_owners(noun, verb))
    if not args.actors:
        # "the United States-led bombing campaign": the campaign's owner bombs
        args.actors.extend(owner for frame in _frame(noun) for owner in _owners(frame, None))
    owned = bool(args.actors)
    for obj in prepositional_objects(noun, NOUN_ACTOR_PREPS):
        if owned and obj.head.lower_ == "of":
            # "Russia's invasion of Ukraine": beside an owner, "of" names what was acted on
            args.recipients.append(phrase(obj))
        else:
            args.actors.append(phrase(obj))
    if not args.actors:
        args.actors.extend(_relative_clause_agents(noun))
    received = verb is None and noun.dep_ == "dobj" and noun.head.lemma_.lower() in RECEIVING_VERBS
    if received and not args.actors:
        return _received_arguments(noun)
    if not args.actors and noun.lemma_.lower() in MESSAGE_NOUNS:
        # "requests from Washington", "an offer from Kenya": who sent the message
        args.actors.extend(phrase(t) for t in prepositional_objects(noun, {"from"}))
    preps = RECIPIENT_PREPS | {"into"} if noun.lemma_.lower() in INQUIRY_NOUNS else RECIPIENT_PREPS
    for word in (noun, *_frame(noun)):
        args.recipients.extend(phrase(t) for t in prepositional_objects(word, preps))
        args.places.extend(phrase(t) for t in prepositional_objects(word, PLACE_PREPS))
    if verb is not None:
        verb_args = verb_arguments(verb, consumed={noun.i})
        if not args.actors:
            args.actors = verb_args.actors
        args.recipients.extend(verb_args.recipients)
        args.places.extend(verb_args.places)
    elif noun.dep_ == "nsubj" and noun.head.lemma_.lower() in IMPACT_VERBS:
        args.recipients.extend(phrase(t) for t in noun.head.children if t.dep_ == "dobj")
        args.places.extend(phrase(t) for t in prepositional_objects(noun.head, PLACE_PREPS))
    elif noun.dep_ == "nsubj" and noun.head.lemma_.lower() in DESTINATION_VERBS:
        # "his first trip abroad took him to Sochi", "her first visit was to Djibouti"
        args.places.extend(phrase(t) for t in prepositional_objects(noun.head, {"to"}))
    elif not args.actors and (clause := _episode_clause(noun)) is not None:
        subject, passive = subject_of(clause)
        if subject is not None and not passive:
            args.actors.append(phrase(subject))
            # "he was in Khartoum for talks with Bashir": the clause says where
            args.places.extend(phrase(t) for t in prepositional_objects(clause, PLACE_PREPS))
    return args


def _under_attack(noun: Token) -> Token | None:
    """ "Sake came under M23 shellfire", "the convoy was under attack": the subject of the
    clause is what the attack noun struck."""
    under = noun.head
    if noun.dep_ != "pobj" or under.text.lower() != "under" or under.head == under:
        return None
    verb = under.head
    if verb.lemma_.lower() not in {"come", "be", "remain", "stay"}:
        return None
    return _first(list(verb.children), {"nsubj"})


def _attack_suffered(noun: Token, target: Token) -> Arguments:
    """Who fired ("M23 shellfire", "fire from Russian positions") and what was hit."""
    args = Arguments()
    args.actors.extend(_owners(noun, None))
    args.actors.extend(phrase(t) for t in prepositional_objects(noun, {"from", "by"}))
    args.recipients.append(phrase(target))
    clause = noun.head.head
    args.places.extend(phrase(t) for t in prepositional_objects(clause, PLACE_PREPS))
    return args


def _frame(noun: Token) -> tuple[Token, ...]:
    """The noun a trigger names the kind of ("bombing campaign"), if any."""
    head = noun.head
    if noun.dep_ == "compound" and head.lemma_.lower() in FRAME_NOUNS:
        return (head,)
    return ()


def _owners(noun: Token, verb: Token | None) -> list[Span]:
    """Who a noun's modifiers say the act is by: "Russia's invasion", "the Israeli
    strike", "a Saudi-led air strike", "Dodon, whose first trip"."""
    found = []
    for child in noun.children:
        owner = _relative_owner(child)
        if owner is not None:
            # "Dodon, whose first trip abroad took him to Moscow": the one the clause is about
            found.append(phrase(owner))
        elif child.dep_ == "poss" and not (child.pos_ == "PRON" and verb is not None):
            # "French troops completed their withdrawal": the subject names "their"
            found.append(phrase(child))
        elif child.dep_ in {"amod", "compound"} and child.ent_type_ in {"NORP", "GPE", "ORG"}:
            found.append(noun.doc[child.i : child.i + 1])
        elif child.dep_ == "amod" and child.lemma_.lower() == "lead" and child.tag_ == "VBN":
            found.extend(phrase(leader) for leader in child.children
                         if leader.dep_ in {"npadvmod", "compound", "nmod"})
    return found


def _relative_owner(possessive: Token) -> Token | None:
    """The noun a relative clause opened by "whose" modifies."""
    if possessive.dep_ != "poss" or possessive.text.lower() != "whose":
        return None
    current = possessive.head
    for _ in range(4):
        if current.dep_ == "relcl" and current.head != current:
            return current.head
        if current.head == current:
            return None
        current = current.head
    return None


def _episode_clause(noun: Token) -> Token | None:
    """ "praised Kenya during a visit to Haiti", "agreed to a ceasefire at talks in
    Putrajaya": the verb of the clause whose episode the event noun names (its subject
    took part in it), the phrase hung on the verb or on the verb's object."""
    noun = measured(noun)
    prep = noun.head
    word = prep.text.lower()
    if noun.dep_ != "pobj" or prep.dep_ != "prep" or word not in EVENT_NOUN_PREPS:
        return None
    verb = _verb_of_object(prep.head)
    if verb is None:
        return None
    # "threw a grenade at a rally", "opened fire on a protest": a gathering the act was
    # aimed at, not one its subject took part in
    aimed = word in {"at", "on"} and any(c.dep_ == "dobj" for c in verb.children)
    return None if aimed and noun.lemma_.lower() in GATHERING_NOUNS else verb


def _verb_of_object(word: Token) -> Token | None:
    """The word if it is a verb, else the verb whose object it is, direct or after "to":
    "signed a deal", "agreed to a ceasefire" (not "sued over the killing": the killing
    has episodes of its own)."""
    if word.pos_ in {"VERB", "AUX"}:
        return word
    if word.dep_ == "dobj" and word.head.pos_ in {"VERB", "AUX"}:
        return word.head
    prep = word.head
    if word.dep_ == "pobj" and prep.text.lower() == "to" and prep.head.pos_ in {"VERB", "AUX"}:
        return prep.head
    return None


def _message_received(verb: Token) -> Token | None:
    """ "drew a rebuke from Zelensky" coded on the verb: the message its subject drew."""
    if verb.lemma_.lower() not in RECEIVING_VERBS:
        return None
    return next((c for c in verb.children
                 if c.dep_ == "dobj" and c.lemma_.lower() in MESSAGE_NOUNS
                 and _senders(c)), None)


def _senders(noun: Token) -> list[Token]:
    """Who a message drawn or received came from: the noun's "from" phrase, or the verb's
    ("drew a rebuke on Monday from Zelensky", where the parser hangs it on "drew")."""
    senders = prepositional_objects(noun, {"from"})
    if not senders and noun.dep_ == "dobj" and noun.head.lemma_.lower() in RECEIVING_VERBS:
        senders = prepositional_objects(noun.head, {"from"})
    return senders


def _received_arguments(noun: Token) -> Arguments:
    """ "drew condemnation from the UN": the "from" phrase acts on the clause's subject."""
    args = Arguments()
    args.actors.extend(phrase(t) for t in _senders(noun))
    if args.actors:
        subject, passive = subject_of(noun.head)
        if subject is not None and not passive:
            args.recipients.append(phrase(subject))
    args.places.extend(phrase(t) for t in prepositional_objects(noun, PLACE_PREPS))
    return args


def _relative_clause_agents(noun: Token) -> list[Span]:
    """ "a march that Mondlane led", "talks he hosted": the organizer is the actor."""
    agents = []
    for clause in noun.children:
        if clause.dep_ == "relcl" and clause.lemma_.lower() in ORGANIZING_VERBS:
            subject = _first(list(clause.children), SUBJECT_DEPS)
            if subject is not None and subject.tag_ not in {"WDT", "WP"}:
                agents.append(phrase(subject))
    return agents


def is_pronoun(span: Span) -> bool:
    return len(span) == 1 and (span[0].pos_ == "PRON" or span[0].lower_ in PRONOUNS)


def group_size(span: Span) -> int:
    """How many parties already named a group description stands for ("the three men":
    3), or 0 when the span is not one."""
    words = [t.text.lower() for t in span]
    if span.root.lower_ in GROUP_SIZES and set(words) <= {"the", span.root.lower_}:
        return GROUP_SIZES[span.root.lower_]  # "the two agreed", "both said"
    if span.root.lemma_.lower() not in GROUP_NOUNS or span.root.ent_type_:
        return 0
    return next((GROUP_SIZES[w] for w in words if w in GROUP_SIZES), 0)
