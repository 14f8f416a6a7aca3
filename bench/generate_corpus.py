"""Write a reproducible corpus of synthetic news pages for the benchmark.

    python bench/generate_corpus.py --n 2000 --out bench/corpus --seed 7

Each article is 500-1,000 words of English prose built from the templates and
word lists below, wrapped in the page of one of several made-up news sites
(doctype, head with title and publication time, menu, cookie banner, related
stories, footer). Articles come in four shapes: wire copy with a dateline,
analysis with subheadings, live blogs of short timed entries, and interviews.
As in real news, most sentences report no political event: background,
economic figures, weather, descriptions and quotes; roughly one sentence in
five carries an event of some PLOVER kind.

Article i depends only on (seed, i), so a smaller corpus is a prefix of a
larger one. Only ``random.Random`` is used: no network, no model.
"""

from __future__ import annotations

import argparse
import html
import random
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

MIN_WORDS = 500
MAX_WORDS = 1000


@dataclass(frozen=True)
class Country:
    name: str
    adjective: str
    capital: str
    cities: tuple[str, ...]
    leader: str  # title of the leader who speaks for the country abroad
    currency: str


COUNTRIES = (
    Country("France", "French", "Paris", ("Marseille", "Lyon"), "President", "euro"),
    Country("Germany", "German", "Berlin", ("Hamburg", "Munich"), "Chancellor", "euro"),
    Country("the United Kingdom", "British", "London", ("Manchester", "Glasgow"),
            "Prime Minister", "pound"),
    Country("the United States", "American", "Washington", ("New York", "Chicago"),
            "President", "dollar"),
    Country("Russia", "Russian", "Moscow", ("St Petersburg", "Rostov"), "President", "rouble"),
    Country("China", "Chinese", "Beijing", ("Shanghai", "Guangzhou"), "President", "yuan"),
    Country("Japan", "Japanese", "Tokyo", ("Osaka", "Nagoya"), "Prime Minister", "yen"),
    Country("India", "Indian", "New Delhi", ("Mumbai", "Kolkata"), "Prime Minister", "rupee"),
    Country("Pakistan", "Pakistani", "Islamabad", ("Karachi", "Lahore"), "Prime Minister",
            "rupee"),
    Country("Brazil", "Brazilian", "Brasilia", ("Sao Paulo", "Recife"), "President", "real"),
    Country("Argentina", "Argentine", "Buenos Aires", ("Cordoba", "Rosario"), "President",
            "peso"),
    Country("Mexico", "Mexican", "Mexico City", ("Monterrey", "Guadalajara"), "President",
            "peso"),
    Country("Nigeria", "Nigerian", "Abuja", ("Lagos", "Kano"), "President", "naira"),
    Country("Kenya", "Kenyan", "Nairobi", ("Mombasa", "Kisumu"), "President", "shilling"),
    Country("Ethiopia", "Ethiopian", "Addis Ababa", ("Mekelle", "Gondar"), "Prime Minister",
            "birr"),
    Country("Egypt", "Egyptian", "Cairo", ("Alexandria", "Aswan"), "President", "pound"),
    Country("South Africa", "South African", "Pretoria", ("Johannesburg", "Durban"),
            "President", "rand"),
    Country("Turkey", "Turkish", "Ankara", ("Istanbul", "Izmir"), "President", "lira"),
    Country("Iran", "Iranian", "Tehran", ("Isfahan", "Tabriz"), "President", "rial"),
    Country("Israel", "Israeli", "Jerusalem", ("Tel Aviv", "Haifa"), "Prime Minister",
            "shekel"),
    Country("Saudi Arabia", "Saudi", "Riyadh", ("Jeddah", "Dammam"), "Crown Prince", "riyal"),
    Country("Ukraine", "Ukrainian", "Kyiv", ("Kharkiv", "Odesa"), "President", "hryvnia"),
    Country("Poland", "Polish", "Warsaw", ("Krakow", "Gdansk"), "Prime Minister", "zloty"),
    Country("Italy", "Italian", "Rome", ("Milan", "Naples"), "Prime Minister", "euro"),
    Country("Spain", "Spanish", "Madrid", ("Barcelona", "Seville"), "Prime Minister", "euro"),
    Country("Indonesia", "Indonesian", "Jakarta", ("Surabaya", "Medan"), "President",
            "rupiah"),
    Country("the Philippines", "Philippine", "Manila", ("Cebu", "Davao"), "President", "peso"),
    Country("Vietnam", "Vietnamese", "Hanoi", ("Ho Chi Minh City", "Da Nang"),
            "Prime Minister", "dong"),
    Country("South Korea", "South Korean", "Seoul", ("Busan", "Incheon"), "President", "won"),
    Country("Australia", "Australian", "Canberra", ("Sydney", "Melbourne"), "Prime Minister",
            "dollar"),
    Country("Canada", "Canadian", "Ottawa", ("Toronto", "Vancouver"), "Prime Minister",
            "dollar"),
    Country("Colombia", "Colombian", "Bogota", ("Medellin", "Cali"), "President", "peso"),
    Country("Venezuela", "Venezuelan", "Caracas", ("Maracaibo", "Valencia"), "President",
            "bolivar"),
    Country("Chile", "Chilean", "Santiago", ("Valparaiso", "Antofagasta"), "President", "peso"),
    Country("Sudan", "Sudanese", "Khartoum", ("Port Sudan", "Omdurman"), "army chief",
            "pound"),
    Country("Mali", "Malian", "Bamako", ("Timbuktu", "Gao"), "interim President", "franc"),
    Country("Serbia", "Serbian", "Belgrade", ("Novi Sad", "Nis"), "President", "dinar"),
    Country("Hungary", "Hungarian", "Budapest", ("Debrecen", "Szeged"), "Prime Minister",
            "forint"),
    Country("Thailand", "Thai", "Bangkok", ("Chiang Mai", "Phuket"), "Prime Minister", "baht"),
    Country("Bangladesh", "Bangladeshi", "Dhaka", ("Chittagong", "Sylhet"), "Prime Minister",
            "taka"),
)

FIRST_NAMES = (
    "Elena", "Tomas", "Amara", "Daniel", "Sofia", "Karim", "Ingrid", "Mateo", "Leila", "Viktor",
    "Nadia", "Samuel", "Hana", "Rafael", "Ayesha", "Jonas", "Mariam", "Pavel", "Lucia",
    "Kwame", "Yuki", "Omar", "Claire", "Andrei", "Fatima", "Marco", "Grace", "Ibrahim",
    "Anja", "Diego", "Nomvula", "Henrik", "Priya", "Felipe", "Zeynep", "Arjun", "Chloe",
    "Tariq", "Irina", "Joao",
)
SURNAMES = (
    "Varga", "Reyes", "Okafor", "Lindqvist", "Moreau", "Haddad", "Novak", "Castillo", "Tanaka",
    "Mensah", "Petrov", "Duval", "Rahman", "Schultz", "Alvarez", "Kowalski", "Nakamura",
    "Osei", "Bianchi", "Farouk", "Horvath", "Silva", "Adeyemi", "Lambert", "Kaur", "Demir",
    "Ivanova", "Brennan", "Mwangi", "Sato", "Ferreira", "Kaplan", "Nguyen", "Ortiz", "Abebe",
    "Koval", "Marsh", "Delgado", "Sandoval", "Ruiz", "Hoffmann", "Nasser", "Quinn", "Takahashi",
    "Obi", "Morales", "Vasquez", "Eriksen", "Bakr", "Sokolov",
)
ORGANIZATIONS = (
    "the United Nations", "the European Union", "NATO", "the African Union",
    "the International Monetary Fund", "the World Bank", "the Red Cross", "ASEAN",
    "the World Health Organization", "the International Atomic Energy Agency",
)
MINISTERS = ("Foreign Minister", "Defence Minister", "Interior Minister", "Finance Minister",
             "Trade Minister", "Energy Minister")
THINK_TANKS = (
    "the Institute for Regional Studies", "the Centre for Strategic Policy",
    "the Meridian Foundation", "the Global Affairs Council", "the Harbour Institute",
    "the School of International Relations in {A_cap}",
)
AGENCIES = ("Meridian Wire", "Global News Service", "Northern Press Agency")
TOPICS = (
    "trade", "border security", "energy supplies", "migration", "the conflict in the region",
    "climate finance", "fishing rights", "a planned gas pipeline", "nuclear cooperation",
    "visa rules", "the fate of detained citizens", "water sharing along their common river",
    "arms control", "a stalled free trade agreement", "shipping in the strait",
)
DEMANDS = (
    "release the detained journalists", "withdraw its troops from the border",
    "hold free and fair elections", "stop arms shipments to the rebels",
    "respect the ceasefire", "reopen the border crossing", "return to the negotiating table",
    "allow aid convoys into the region", "investigate the killing of the activist",
)
WRONGS = (
    "violating the ceasefire", "interfering in its elections", "harbouring militants",
    "spying on its officials", "backing rebel groups", "mistreating its citizens",
    "illegal fishing in its waters", "cyberattacks on government websites",
    "blocking aid deliveries", "stoking unrest along the border",
)
ISSUES = (
    "human rights abuses", "its nuclear programme", "the crackdown on protesters",
    "the seizure of a tanker", "election fraud", "its support for armed groups",
    "a disputed border", "the detention of foreign nationals",
)
PROTEST_DEMANDS = (
    "lower fuel prices", "the resignation of the government", "higher wages",
    "the release of political prisoners", "an end to corruption", "new elections",
    "the withdrawal of the pension reform", "better protection for farmers",
)
POLICIES = ("pension reform", "fuel price increase", "new media law", "tax on bank transfers",
            "curfew", "land reform", "rise in bread prices")
PRODUCTS = ("wheat", "steel", "coffee", "cotton", "natural gas", "copper", "rice", "fish",
            "textiles", "palm oil", "wine", "cars")
DISASTERS = ("the floods", "the earthquake", "the cyclone", "months of drought",
             "the landslides", "the wildfires")
REGIONS = ("the north", "the south-east", "the border province", "the mountainous west",
           "the coastal region", "the eastern provinces")
GROUPS = ("the National Liberation Front", "the Movement for Justice",
          "the People's Defence Army", "the Northern Alliance militia", "the Patriotic Front")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")

# --- Sentences that report a political event, by PLOVER kind ---------------------------

EVENT_TEMPLATES: dict[str, tuple[str, ...]] = {
    "CONSULT": (
        "{a_official} met {b_official} in {A_cap} {when} to discuss {topic}.",
        "{a_official} held talks with {b_official} {when}, the {A_adj} foreign ministry said.",
        "{a_official} spoke by phone with {b_official} {when} about {topic}.",
        "{a_official} travelled to {B_cap} {when} for a two-day visit.",
        "{a_official} will visit {B} {later}, officials in {A_cap} said.",
        "Delegations from {A} and {B} held a new round of talks in {venue} {when}.",
        "{b_official} hosted {a_official} for a working dinner {when}.",
    ),
    "AGREE": (
        "{A} and {B} agreed {when} to resume talks on {topic}.",
        "{a_official} promised to visit {B_cap} before the end of the year.",
        "{a_gov} offered to mediate between {B} and its neighbours.",
        "{a_official} pledged to work with {B} on {topic}.",
    ),
    "SUPPORT": (
        "{a_official} praised {B}'s efforts on {topic} {when}.",
        "{a_official} welcomed the decision by {b_gov} to {concession}.",
        "{A} and {B} signed an agreement on {topic} in {venue} {when}.",
        "{a_gov} reaffirmed its support for {B}'s territorial integrity.",
        "{A} restored full diplomatic relations with {B} {when}.",
    ),
    "COOPERATE": (
        "{A} and {B} agreed to share intelligence on {topic}.",
        "The navies of {A} and {B} held joint exercises in {sea} {when}.",
        "{a_gov} extradited two suspects to {B} {when}.",
    ),
    "AID": (
        "{A} pledged {amount} in humanitarian aid to {B} {when}.",
        "{a_gov} sent tonnes of food and medical supplies to {B} after {disaster}.",
        "{org_cap} approved a {amount} loan for {B} {when}.",
        "{A} will provide {B} with air defence systems, {a_official} said {when}.",
    ),
    "CONCEDE": (
        "{a_gov} lifted the ban on {product} imports from {B} {when}.",
        "{a_official} apologised to {B} for the incident {when}.",
        "{a_gov} dropped its objection to {B}'s membership bid.",
    ),
    "RETREAT": (
        "{A} released {k} {B_adj} prisoners {when}.",
        "{a_mil} withdrew from the disputed area {when}.",
        "{a_official} resigned {when} after weeks of protests.",
        "Rebels of {group} laid down their weapons in {region} {when}.",
    ),
    "REQUEST": (
        "{a_official} urged {B} to {demand}.",
        "{a_official} called on {b_gov} {when} to {demand}.",
        "{A} asked {org} for emergency assistance {when}.",
        "{a_gov} demanded that {B} {demand}.",
    ),
    "ACCUSE": (
        "{a_official} accused {B} of {wrong} {when}.",
        "{a_gov} condemned {B}'s {bad_act} as a violation of international law.",
        "{a_official} criticised {b_gov} for {wrong}.",
        "{A} summoned the {B_adj} ambassador {when} over {issue}.",
    ),
    "REJECT": (
        "{a_official} rejected {B}'s proposal on {topic} {when}.",
        "{a_gov} refused to extradite the {B_adj} opposition leader.",
        "{A} boycotted the summit in {B_cap} {when}.",
        "{a_official} dismissed the accusations by {b_gov} as baseless.",
    ),
    "THREATEN": (
        "{a_official} threatened to impose sanctions on {B} if it did not {demand}.",
        "{a_official} warned {B} {when} that any attack would meet a firm response.",
        "{a_gov} threatened to cut off gas supplies to {B}.",
    ),
    "PROTEST": (
        "Thousands of protesters marched through {A_cap} {when} to demand {protest_demand}.",
        "Opposition supporters rallied outside parliament in {A_cap} {when}.",
        "Dock workers in {A_city} went on strike {when} to demand {protest_demand}.",
        "Students demonstrated against the {policy} in {A_city} {when}.",
        "Farmers blocked roads into {A_cap} with tractors {when}.",
    ),
    "SANCTION": (
        "{A} imposed sanctions on {B} {when} over {issue}.",
        "{a_gov} expelled two {B_adj} diplomats {when}.",
        "{A} recalled its ambassador from {B_cap} {when}.",
        "{A} suspended trade talks with {B} {when}.",
        "{a_gov} banned imports of {product} from {B} {when}.",
    ),
    "MOBILIZE": (
        "{A} deployed troops to its border with {B} {when}.",
        "{a_mil} put its forces on high alert near the border with {B} {when}.",
        "{A} sent warships to {sea} {when}.",
    ),
    "COERCE": (
        "Police arrested dozens of opposition activists in {A_cap} {when}.",
        "{a_gov} detained a {B_adj} journalist in {A_city} {when}.",
        "Security forces used tear gas to disperse protesters in {A_cap} {when}.",
        "The {A_adj} coast guard seized a {B_adj} fishing vessel {when}.",
        "{a_gov} imposed a curfew in {A_city} {when}.",
    ),
    "ASSAULT": (
        "{a_mil} launched air strikes on rebel positions in {region} {when}.",
        "Gunmen attacked a police station in {A_city} {when}, killing {k} officers.",
        "{a_mil} shelled {B_adj} border villages {when}.",
        "A suicide bomber killed {k} people at a market in {A_city} {when}.",
        "Fighters of {group} ambushed an army convoy in {region} {when}.",
    ),
}

HEADLINES: dict[str, tuple[str, ...]] = {
    "CONSULT": ("{A_adj} and {B_adj} leaders hold talks on {topic}",
                "{A_adj} minister visits {B_cap} as ties thaw"),
    "AGREE": ("{A} and {B} agree to resume talks", "{A} offers to mediate in {B} dispute"),
    "SUPPORT": ("{A} and {B} sign deal on {topic}", "{A} restores ties with {B}"),
    "COOPERATE": ("{A} and {B} to share intelligence", "Joint naval drills for {A} and {B}"),
    "AID": ("{A} pledges aid to {B} after {disaster}", "{B} to receive {amount} loan"),
    "CONCEDE": ("{A} lifts ban on {B_adj} {product}", "{A} drops objection to {B} bid"),
    "RETREAT": ("{A} frees {B_adj} prisoners", "{A_adj} troops pull back from disputed area"),
    "REQUEST": ("{A} urges {B} to {demand}", "{A} calls for restraint from {B}"),
    "ACCUSE": ("{A} accuses {B} of {wrong}", "{A} summons {B_adj} envoy"),
    "REJECT": ("{A} rejects {B_adj} proposal", "{A} boycotts summit in {B_cap}"),
    "THREATEN": ("{A} threatens sanctions against {B}", "{A} warns {B} over border"),
    "PROTEST": ("Thousands protest in {A_cap} over {policy}",
                "Strike paralyses port of {A_city}"),
    "SANCTION": ("{A} imposes sanctions on {B} over {issue}", "{A} expels {B_adj} diplomats"),
    "MOBILIZE": ("{A} sends troops to {B} border", "{A_adj} forces on alert near {B}"),
    "COERCE": ("Dozens arrested in {A_cap} crackdown", "{A_adj} coast guard seizes vessel"),
    "ASSAULT": ("Air strikes hit rebel positions in {A}", "Deadly attack in {A_city}"),
}

# --- Sentences without a political event (the majority, as in real news) ---------------

BACKGROUND_TEMPLATES = (
    "Relations between {A} and {B} have been tense since {year}.",
    "{A} has a population of about {population} million people.",
    "The border between the two countries runs for more than {distance} kilometres.",
    "The region produces most of the country's {product}.",
    "{A_cap} and {B_cap} are about {hours} hours apart by plane.",
    "The two countries fought a brief war in {year} that left the frontier unsettled.",
    "{A} held its first multiparty elections in {year}.",
    "More than {k} thousand {B_adj} citizens live and work in {A}.",
    "The dispute dates back to a colonial-era treaty whose wording is still contested.",
    "Trade between the two neighbours was worth about {amount} last year.",
    "{A_city} is the country's second largest city and its main port.",
    "The ruling coalition holds a narrow majority in parliament.",
    "Elections are due in {A} in {year_future}.",
    "Both governments have said in the past that they want closer economic ties.",
    "The talks were the first at this level in {k} years.",
    "Much of the infrastructure in {region} dates from the 1970s.",
    "{org_cap} has had an office in {A_cap} since {year}.",
    "{A} and {B} established diplomatic relations in {year}.",
    "The river that forms part of the frontier floods almost every spring.",
    "Opinion polls suggest the governing party has lost support since the last election.",
    "{A_cap} hosted a regional summit in {year} that ended without a joint statement.",
    "The opposition has been divided since its leader retired in {year}.",
    "About a third of the population lives in {region}.",
    "Many of the country's doctors and engineers have moved abroad in the past decade.",
    "The constitution limits the head of state to two terms.",
    "The railway line between {A_cap} and {A_city} was completed in {year}.",
)
ECONOMY_TEMPLATES = (
    "Inflation in {A} reached {pct} percent in {month}, the statistics office said.",
    "The {currency} has lost about {pct} percent of its value against the dollar this year.",
    "Economic growth slowed to {pct} percent in the {quarter} quarter.",
    "Unemployment stood at {pct} percent at the end of {month}.",
    "Shares in {A_adj} banks rose {small_pct} percent in early trading.",
    "Tourism accounts for roughly {pct} percent of the economy.",
    "{product_cap} exports fell by a third in the first half of the year.",
    "The central bank kept its main interest rate unchanged at {pct} percent.",
    "Fuel prices have risen four times since January.",
    "The budget deficit is expected to widen to {small_pct} percent of output.",
    "Analysts expect the harvest of {product} to be smaller than last year's.",
    "Foreign investment in {A} has doubled over the past decade.",
    "The stock exchange in {A_city} closed {small_pct} percent higher on {weekday}.",
    "Remittances from workers abroad make up about {small_pct} percent of national income.",
    "Electricity cuts of up to {hours} hours a day have hurt small businesses.",
    "Average monthly wages are equivalent to about ${wage}.",
    "The government expects a record {product} harvest this year.",
    "Public debt is close to {debt} percent of gross domestic product.",
    "Car sales rose for the {nth} month in a row in {month}.",
    "The country imports most of its fuel and much of its {product}.",
)
WEATHER_TEMPLATES = (
    "Temperatures in {A_cap} climbed to {temp} degrees Celsius on {weekday}.",
    "Fog delayed several flights out of {A_city} on {weekday} morning.",
    "Heavy rain is forecast for the weekend across {region}.",
    "The rainy season usually begins in {month}.",
    "A heatwave has kept much of the country above {hot} degrees for a week.",
    "Snow closed several mountain roads in {region} earlier in the week.",
    "Forecasters said the dry spell could last until the end of {month}.",
)
DESCRIPTION_TEMPLATES = (
    "The meeting took place in a conference centre on the outskirts of the city.",
    "Journalists waited for several hours outside the building.",
    "The hall was decorated with the flags of both countries.",
    "Traffic in the city centre was slow for most of the day.",
    "Shops along the main avenue opened late on {weekday}.",
    "The streets of {A_cap} were quiet by early evening.",
    "A small crowd of onlookers watched from behind metal barriers.",
    "The motorcade arrived shortly after nine in the morning.",
    "Officials gave few details about the schedule of the visit.",
    "The building, completed in {year}, houses several ministries.",
    "Photographs published by state media showed the two men smiling.",
    "The airport in {A_city} reopened after a two-hour delay.",
    "Residents said life in the town had largely returned to normal.",
    "The market near the old town was busy with shoppers on {weekday} morning.",
    "The delegation stayed at a hotel overlooking the harbour.",
    "Cafes near the ministry were full of officials and reporters at lunchtime.",
    "The press conference started almost an hour late.",
    "Billboards along the airport road showed portraits of both leaders.",
    "The speech lasted about forty minutes and was broadcast live on state television.",
    "Workers were still repairing the facade of the old parliament building.",
)
PROCEDURAL_TEMPLATES = (
    "The ministry did not respond to a request for comment.",
    "Details of the plan were not immediately available.",
    "It was not clear how many people were involved.",
    "The figures could not be independently verified.",
    "A spokesperson for the embassy said the statement would be published later.",
    "The full text of the agreement has not been made public.",
    "Further talks are expected in the coming weeks.",
    "Officials spoke on condition of anonymity because they were not authorised to brief the "
    "media.",
)
QUOTES = (
    "We are looking at all the options",
    "It is too early to say what will happen next",
    "This is a difficult moment for the whole region",
    "People here just want to get on with their lives",
    "The economy is the first thing voters think about",
    "Nobody expected the talks to move this quickly",
    "There is a lot of uncertainty, and markets do not like uncertainty",
    "The next few weeks will be decisive",
    "We have heard these promises before",
    "Prices have gone up every month and wages have not",
    "The government has a narrow window to act",
    "Most families in this neighbourhood have relatives on the other side of the border",
    "It is a question of trust, and trust takes time",
    "The harvest was poor and the roads are still damaged",
    "My children want to study abroad, and I understand why",
    "Both sides have more to gain from calm than from confrontation",
    "The numbers look better on paper than they feel in the shops",
    "This has been building for years",
    "I have lived here all my life and I have never seen anything like it",
    "The details will matter more than the headlines",
)
QUOTE_FRAMES = (
    '"{quote}," said {analyst}, an analyst at {think_tank}.',
    '"{quote}," {analyst} of {think_tank} said.',
    '"{quote}," said {resident}, a {job} in {A_city}.',
    '"{quote}," a senior {A_adj} official said.',
    '"{quote}," {pronoun} said.',
    '{analyst}, a researcher at {think_tank}, said: "{quote}."',
)
JOBS = ("shopkeeper", "teacher", "taxi driver", "nurse", "student", "retired engineer",
        "farmer", "civil servant")
SEAS = ("the South China Sea", "the Black Sea", "the Mediterranean", "the Gulf",
        "the Baltic Sea", "the Red Sea", "the Arabian Sea")
VENUES = ("Geneva", "Vienna", "Doha", "Istanbul", "Oslo", "Singapore", "Nairobi")
BAD_ACTS = ("missile test", "military build-up", "seizure of the tanker", "border closure",
            "expulsion of aid workers")
CONCESSIONS = ("reopen its embassy", "release the detained sailors", "lift the travel ban",
               "join the talks")

SECTION_HEADINGS = ("What happened", "Why it matters", "The economic picture",
                    "A long dispute", "What comes next", "Reaction at home",
                    "The view from the region", "Who gains")
INTERVIEW_QUESTIONS = (
    "How would you describe relations with {B} today?",
    "Your government has been criticised over {topic}. What is your answer?",
    "What do you expect from the talks in {venue}?",
    "Is there a risk that the dispute with {B} escalates?",
    "What is your message to the protesters in {A_cap}?",
    "How is the economy coping with inflation of {pct} percent?",
    "Will {A} ask {org} for help?",
    "What would you say to investors who are worried?",
)
INTERVIEW_ANSWERS = (
    "We have always said that dialogue is the only way forward.",
    "Our economy is more resilient than many people think.",
    "The situation is complicated, and I do not want to pretend otherwise.",
    "Young people in this country want jobs, not slogans.",
    "Our door remains open, but patience is not unlimited.",
    "The reforms will take time to show results.",
    "Every family in this country has felt the rise in prices.",
    "I think history will judge this period more kindly than the newspapers do.",
)
INTERVIEW_EVENT_ANSWERS = (
    "I travelled to {B_cap} last month and we had a frank conversation.",
    "We met our counterparts in {venue} and agreed to keep talking.",
    "We reject any interference by {B} in our internal affairs.",
    "We urge {B} to {demand}.",
    "We sent aid to {B} after {disaster}, and we will do so again.",
)


# --- Article plans ----------------------------------------------------------------------


@dataclass
class Person:
    first: str
    last: str

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"


@dataclass
class Story:
    """The cast, setting and main event of one article, and its sentence counters."""

    rng: random.Random
    published: date
    a: Country
    b: Country
    leader_a: Person
    leader_b: Person
    minister_a: tuple[str, Person]
    minister_b: tuple[str, Person]
    analyst: Person
    resident: Person
    main_kind: str
    event_share: float
    sentences: int = 0
    event_sentences: int = 0
    used: set[str] = field(default_factory=set)


@dataclass
class Block:
    """One piece of the article body: a paragraph, subheading, list, live entry, or Q&A."""

    kind: str  # "p", "h2", "ul", "entry", "question", "quote"
    text: str = ""
    items: tuple[str, ...] = ()
    stamp: str = ""

    @property
    def words(self) -> int:
        return len(self.text.split()) + sum(len(item.split()) for item in self.items)


def new_person(rng: random.Random) -> Person:
    return Person(rng.choice(FIRST_NAMES), rng.choice(SURNAMES))


def new_story(rng: random.Random) -> Story:
    a, b = rng.sample(COUNTRIES, 2)
    published = date(2015, 1, 1) + timedelta(days=rng.randrange(3650))
    return Story(
        rng=rng, published=published, a=a, b=b,
        leader_a=new_person(rng), leader_b=new_person(rng),
        minister_a=(rng.choice(MINISTERS), new_person(rng)),
        minister_b=(rng.choice(MINISTERS), new_person(rng)),
        analyst=new_person(rng), resident=new_person(rng),
        main_kind=rng.choice(sorted(EVENT_TEMPLATES)),
        event_share=rng.uniform(0.14, 0.28),
    )


def past_when(story: Story) -> str:
    rng = story.rng
    choice = rng.randrange(8)
    if choice <= 2:
        day = story.published - timedelta(days=rng.randint(1, 6))
        return f"on {day.strftime('%A')}"
    if choice == 3:
        day = story.published - timedelta(days=rng.randint(1, 25))
        return f"on {day.day} {MONTHS[day.month - 1]}"
    if choice == 4:
        return rng.choice(("last week", "earlier this month", "late last month"))
    if choice == 5:
        day = story.published - timedelta(days=rng.randint(31, 4 * 365))
        return f"in {MONTHS[day.month - 1]} {day.year}"
    return ""


def later_when(story: Story) -> str:
    return story.rng.choice(("next week", "later this month", f"in {story.rng.choice(MONTHS)}",
                             "before the end of the year"))


def official(story: Story, country: Country, leader: Person, minister: tuple[str, Person]
             ) -> str:
    rng = story.rng
    title, person = minister
    options = (
        f"{country.adjective} {country.leader} {leader.full}",
        f"{country.leader} {leader.last}",
        f"{country.adjective} {title} {person.full}",
        f"{title} {person.last}",
        f"the {country.adjective} {title.lower()}",
    )
    return rng.choice(options)


def government(story: Story, country: Country) -> str:
    return story.rng.choice((f"the {country.adjective} government", country.capital,
                             f"the government in {country.capital}", country.name))


def military(story: Story, country: Country) -> str:
    return story.rng.choice((f"the {country.adjective} army", f"{country.adjective} forces",
                             f"the {country.adjective} military"))


def slots(story: Story) -> dict[str, str]:
    """Fresh random fillers for every slot a template may use."""
    rng, a, b = story.rng, story.a, story.b
    pronoun = rng.choice(("he", "she"))
    org = rng.choice(ORGANIZATIONS)
    product = rng.choice(PRODUCTS)
    year = story.published.year
    return {
        "A": a.name, "B": b.name, "A_adj": a.adjective, "B_adj": b.adjective,
        "A_cap": a.capital, "B_cap": b.capital, "A_city": rng.choice(a.cities),
        "a_official": official(story, a, story.leader_a, story.minister_a),
        "b_official": official(story, b, story.leader_b, story.minister_b),
        "a_gov": government(story, a), "b_gov": government(story, b),
        "a_mil": military(story, a), "when": past_when(story), "later": later_when(story),
        "topic": rng.choice(TOPICS), "demand": rng.choice(DEMANDS), "wrong": rng.choice(WRONGS),
        "issue": rng.choice(ISSUES), "protest_demand": rng.choice(PROTEST_DEMANDS),
        "policy": rng.choice(POLICIES), "product": product, "product_cap": product.capitalize(),
        "disaster": rng.choice(DISASTERS), "region": rng.choice(REGIONS),
        "group": rng.choice(GROUPS), "sea": rng.choice(SEAS), "venue": rng.choice(VENUES),
        "bad_act": rng.choice(BAD_ACTS), "concession": rng.choice(CONCESSIONS),
        "org": org, "org_cap": org[0].upper() + org[1:],
        "amount": f"{rng.choice(('$', '€'))}{rng.randint(2, 950)} million",
        "k": str(rng.randint(2, 40)), "pct": f"{rng.uniform(1, 30):.1f}",
        "small_pct": f"{rng.uniform(0.2, 4):.1f}", "temp": str(rng.randint(18, 41)),
        "hot": str(rng.randint(33, 44)), "wage": str(rng.randrange(150, 2400, 10)),
        "debt": str(rng.randint(35, 120)),
        "nth": rng.choice(("second", "third", "fourth", "fifth", "sixth")),
        "population": str(rng.randint(3, 220)), "distance": str(rng.randrange(300, 4000, 10)),
        "hours": str(rng.randint(1, 12)), "year": str(year - rng.randint(3, 60)),
        "year_future": str(year + rng.randint(1, 3)), "month": rng.choice(MONTHS),
        "quarter": rng.choice(("first", "second", "third", "fourth")),
        "weekday": (story.published - timedelta(days=rng.randint(0, 6))).strftime("%A"),
        "currency": a.currency, "pronoun": pronoun,
        "analyst": story.analyst.full, "resident": story.resident.full,
        "think_tank": rng.choice(THINK_TANKS).format(A_cap=a.capital),
        "job": rng.choice(JOBS), "quote": unused(story, QUOTES),
    }


def fill(story: Story, template: str) -> str:
    text = template.format(**slots(story))
    text = " ".join(text.split()).replace(" .", ".").replace(" ,", ",")
    text = _A_BEFORE_VOWEL.sub(r"\1an \2", text)
    return text[0].upper() + text[1:]


_A_BEFORE_VOWEL = re.compile(r"(^|\s)a ([AEIOaeio])")


def unused(story: Story, options: tuple[str, ...]) -> str:
    """A choice this article has not used yet, so no sentence is repeated."""
    fresh = [option for option in options if option not in story.used]
    choice = story.rng.choice(fresh or list(options))
    story.used.add(choice)
    return choice


def event_sentence(story: Story, kind: str | None = None) -> str:
    story.sentences += 1
    story.event_sentences += 1
    kind = kind or story.rng.choice(sorted(EVENT_TEMPLATES))
    return fill(story, unused(story, EVENT_TEMPLATES[kind]))


def plain_sentence(story: Story, pools: tuple[tuple[str, ...], ...]) -> str:
    story.sentences += 1
    pool = story.rng.choice(pools)
    # Quote frames may repeat; the quotes they carry do not.
    template = story.rng.choice(pool) if pool is QUOTE_FRAMES else unused(story, pool)
    return fill(story, template)


NEWS_POOLS = (BACKGROUND_TEMPLATES, ECONOMY_TEMPLATES, DESCRIPTION_TEMPLATES, QUOTE_FRAMES,
              PROCEDURAL_TEMPLATES, WEATHER_TEMPLATES)
ANALYSIS_POOLS = (BACKGROUND_TEMPLATES, BACKGROUND_TEMPLATES, ECONOMY_TEMPLATES, QUOTE_FRAMES)


def sentence(story: Story, pools: tuple[tuple[str, ...], ...] = NEWS_POOLS) -> str:
    """An event sentence with the article's event share, otherwise a plain one."""
    if story.rng.random() < story.event_share:
        kind = story.main_kind if story.rng.random() < 0.4 else None
        return event_sentence(story, kind)
    return plain_sentence(story, pools)


def paragraph(story: Story, low: int, high: int,
              pools: tuple[tuple[str, ...], ...] = NEWS_POOLS) -> Block:
    count = story.rng.randint(low, high)
    return Block("p", " ".join(sentence(story, pools) for _ in range(count)))


def body_words(blocks: list[Block]) -> int:
    return sum(block.words for block in blocks)


def grow(blocks: list[Block], target: int, make: Callable[[], list[Block]]) -> list[Block]:
    """Add blocks until the body reaches ``target`` words, never passing MAX_WORDS."""
    while body_words(blocks) < target:
        extra = make()
        if body_words(blocks) + sum(b.words for b in extra) > MAX_WORDS:
            break
        blocks.extend(extra)
    return blocks


def wire_body(story: Story, target: int) -> list[Block]:
    rng = story.rng
    dateline = (f"{story.a.capital.upper()}, {MONTHS[story.published.month - 1]} "
                f"{story.published.day} ({rng.choice(AGENCIES)}) - ")
    lead = Block("p", dateline + event_sentence(story, story.main_kind))
    blocks = grow([lead], target, lambda: [paragraph(story, 1, 3)])
    editor = new_person(rng)
    blocks.append(Block("p", f"(Reporting by {story.analyst.full}; editing by {editor.full})"))
    return blocks


def analysis_body(story: Story, target: int) -> list[Block]:
    rng = story.rng
    blocks = [paragraph(story, 2, 3, ANALYSIS_POOLS)]
    blocks[0].text = event_sentence(story, story.main_kind) + " " + blocks[0].text
    headings = rng.sample(SECTION_HEADINGS, len(SECTION_HEADINGS))

    def section() -> list[Block]:
        heading = headings.pop() if headings else "More"
        count = rng.randint(1, 3)
        return [Block("h2", heading)] + [paragraph(story, 3, 5, ANALYSIS_POOLS)
                                         for _ in range(count)]

    return grow(blocks, target, section)


def live_body(story: Story, target: int) -> list[Block]:
    rng = story.rng
    key_points = tuple(event_sentence(story) if rng.random() < 0.6 else
                       plain_sentence(story, NEWS_POOLS) for _ in range(3))
    blocks = [Block("ul", items=key_points)]
    clock = datetime.combine(story.published, time(hour=rng.randint(14, 21), minute=5))

    def entry() -> list[Block]:
        nonlocal clock
        clock -= timedelta(minutes=rng.randint(4, 40))
        text = " ".join(sentence(story) for _ in range(rng.randint(1, 2)))
        return [Block("entry", text, stamp=clock.strftime("%H:%M"))]

    return grow(blocks, target, entry)


def interview_body(story: Story, target: int) -> list[Block]:
    rng = story.rng
    intro = [paragraph(story, 2, 3), paragraph(story, 1, 2)]
    questions = rng.sample(INTERVIEW_QUESTIONS, len(INTERVIEW_QUESTIONS))

    def exchange() -> list[Block]:
        if not questions:
            return [paragraph(story, 2, 3)]
        question = fill(story, questions.pop())
        answer = " ".join(answer_sentence(story) for _ in range(rng.randint(2, 4)))
        return [Block("question", question), Block("quote", answer)]

    return grow(intro, target, exchange)


def answer_sentence(story: Story) -> str:
    """One sentence of an interviewee's answer, in the first person."""
    pool: tuple[str, ...]
    if story.rng.random() < story.event_share:
        story.event_sentences += 1
        pool = INTERVIEW_EVENT_ANSWERS
    else:
        pool = INTERVIEW_ANSWERS
    story.sentences += 1
    return fill(story, unused(story, pool))


SHAPES: dict[str, Callable[[Story, int], list[Block]]] = {
    "wire": wire_body, "analysis": analysis_body, "live": live_body, "interview": interview_body,
}


@dataclass(frozen=True)
class Page:
    """Everything a site template needs to render one article."""

    slug: str
    shape: str
    title: str
    description: str
    author: str
    section: str
    published: datetime
    blocks: list[Block]
    related: tuple[str, ...]


def headline(story: Story, kind: str | None = None) -> str:
    return fill(story, story.rng.choice(HEADLINES[kind or story.main_kind]))


def related_headlines(rng: random.Random) -> tuple[str, ...]:
    others = [new_story(random.Random(rng.getrandbits(32))) for _ in range(4)]
    return tuple(headline(other) for other in others)


def plan_page(index: int, seed: int) -> tuple[Page, Story]:
    rng = random.Random(seed * 1_000_003 + index)
    story = new_story(rng)
    shape = rng.choices(sorted(SHAPES), weights=(3, 2, 2, 5))[0]  # analysis interview live wire
    target = rng.randint(MIN_WORDS + 40, 900)
    blocks = SHAPES[shape](story, target)
    title = headline(story)
    if shape == "live":
        title = "Live: " + title
    elif shape == "interview":
        title = f"Interview: {story.a.adjective} {story.a.leader.lower()} on {story.b.name}"
    published = datetime.combine(story.published,
                                 time(hour=rng.randint(5, 22), minute=rng.randrange(60)))
    page = Page(
        slug=f"article-{index + 1:05d}", shape=shape, title=title,
        description=fill(story, rng.choice(BACKGROUND_TEMPLATES)),
        author=new_person(rng).full, section=rng.choice(("World", "Politics", "Africa",
                                                         "Asia", "Europe", "Americas")),
        published=published, blocks=blocks, related=related_headlines(rng),
    )
    return page, story


# --- Site templates ---------------------------------------------------------------------


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def block_html(block: Block) -> str:
    if block.kind == "h2":
        return f"<h2>{esc(block.text)}</h2>"
    if block.kind == "ul":
        items = "".join(f"<li>{esc(item)}</li>" for item in block.items)
        return f'<div class="key-points"><h2>Key points</h2><ul>{items}</ul></div>'
    if block.kind == "entry":
        return (f'<div class="live-entry"><time>{block.stamp}</time>'
                f"<p>{esc(block.text)}</p></div>")
    if block.kind == "question":
        return f'<p class="question"><strong>{esc(block.text)}</strong></p>'
    if block.kind == "quote":
        return f"<p>{esc(block.text)}</p>"
    return f"<p>{esc(block.text)}</p>"


def body_html(page: Page) -> str:
    return "\n".join(block_html(block) for block in page.blocks)


def head_html(page: Page, site: str, extra: str = "") -> str:
    iso = page.published.strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{esc(page.title)} | {site}</title>\n"
        f'<meta name="description" content="{esc(page.description)}">\n'
        f'<meta property="og:title" content="{esc(page.title)}">\n'
        f'<meta property="og:site_name" content="{site}">\n'
        f'<meta property="article:published_time" content="{iso}">\n'
        f'<meta property="article:section" content="{page.section}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<link rel="stylesheet" href="/static/site.css">\n{extra}</head>\n'
    )


def nav_html(items: tuple[str, ...], cls: str) -> str:
    links = "".join(f'<li><a href="/{item.lower()}">{item}</a></li>' for item in items)
    return f'<nav class="{cls}"><ul>{links}</ul></nav>'


def related_items(page: Page) -> str:
    return "".join(f'<li><a href="/news/{i}">{esc(text)}</a></li>'
                   for i, text in enumerate(page.related))


def byline_date(page: Page) -> str:
    return page.published.strftime("%d %B %Y, %H:%M")


def meridian_site(page: Page) -> str:
    site = "The Daily Meridian"
    return head_html(page, site) + f"""<body class="article-page">
<div id="cookie-banner" class="cookie-banner"><p>We use cookies to personalise content and
ads and to analyse our traffic. You can change your choices at any time.</p>
<button>Accept all</button><button>Manage settings</button></div>
<header class="site-header"><a class="logo" href="/">{site}</a>
{nav_html(("World", "Politics", "Business", "Climate", "Sport", "Culture", "Opinion"), "main")}
<a class="subscribe" href="/subscribe">Subscribe</a></header>
<main>
<article>
<h1>{esc(page.title)}</h1>
<p class="byline">By <span class="author">{esc(page.author)}</span>,
<time datetime="{page.published.isoformat()}">{byline_date(page)}</time></p>
{body_html(page)}
</article>
<aside class="related"><h3>Related stories</h3><ul>{related_items(page)}</ul></aside>
</main>
<footer class="site-footer"><p>&copy; {page.published.year} {site}. All rights reserved.</p>
{nav_html(("About", "Contact", "Privacy", "Terms", "Advertise"), "footer-links")}</footer>
<script src="/static/app.js"></script>
</body>
</html>
"""


def wire_site(page: Page) -> str:
    site = "Global Wire"
    iso = page.published.strftime("%Y-%m-%dT%H:%M:%SZ")
    ld = ('<script type="application/ld+json">{"@context": "https://schema.org", '
          f'"@type": "NewsArticle", "datePublished": "{iso}", '
          f'"author": {{"@type": "Person", "name": "{esc(page.author)}"}}}}</script>\n')
    return head_html(page, site, ld) + f"""<body>
<header><div class="brand">{site}</div>
{nav_html(("Home", "World", "Markets", "Technology", "Breakingviews"), "top-nav")}</header>
<div class="content-wrap">
<article class="story">
<div class="story-header"><span class="section">{page.section}</span>
<h1>{esc(page.title)}</h1>
<div class="meta"><span>{esc(page.author)}</span> <span>{byline_date(page)} GMT</span></div>
</div>
<div class="story-body">
{body_html(page)}
</div>
<p class="trust">Our standards: The Trust Principles.</p>
</article>
<section class="more-coverage"><h2>Related coverage</h2><ul>{related_items(page)}</ul></section>
</div>
<div class="consent-dialog" role="dialog"><p>This site uses cookies. By continuing to browse
you agree to our use of cookies.</p><a href="/cookies">Learn more</a><button>OK</button></div>
<footer><p>All quotes delayed a minimum of 15 minutes.</p>
<p>&copy; {page.published.year} {site}</p></footer>
</body>
</html>
"""


def northern_site(page: Page) -> str:
    site = "The Northern Post"
    blocks = [block_html(block) for block in page.blocks]
    if len(blocks) > 4:  # a newsletter box and a read-more link inside the story
        blocks.insert(3, '<div class="promo newsletter"><h4>Sign up for our morning '
                         'briefing</h4><form><input type="email"><button>Sign up</button>'
                         "</form></div>")
        blocks.insert(len(blocks) - 2, f'<p class="read-more">Read more: <a href="/news/0">'
                                       f"{esc(page.related[0])}</a></p>")
    inner = "\n".join(blocks)
    return head_html(page, site) + f"""<body>
<div class="top-bar"><a href="/login">Sign in</a> | <a href="/subscribe">Support us</a></div>
<header class="masthead"><h2 class="site-title">{site}</h2>
{nav_html(("News", "World", "Politics", "Environment", "Science", "Sport"), "sections")}
</header>
<nav class="breadcrumb"><a href="/">Home</a> &gt; <a href="/world">{page.section}</a></nav>
<div class="layout">
<article id="story">
<header><h1>{esc(page.title)}</h1>
<p class="standfirst">{esc(page.description)}</p>
<div class="byline"><a rel="author" href="/profile">{esc(page.author)}</a>
<time datetime="{page.published.isoformat()}">{byline_date(page)}</time></div></header>
<figure><img src="/img/{page.slug}.jpg" alt="">
<figcaption>File photo. Photograph: Agency</figcaption></figure>
<div class="share"><a href="#">Share on social media</a> <a href="#">Email</a></div>
{inner}
</article>
<aside class="most-read"><h3>Most read</h3><ol>{related_items(page)}</ol></aside>
</div>
<div id="cookie-notice"><p>Your privacy matters. We and our partners store and access
information on your device.</p><button>I agree</button></div>
<footer><div class="columns"><ul><li>About us</li><li>Jobs</li><li>Contact</li></ul>
<ul><li>Privacy policy</li><li>Cookie policy</li><li>Terms</li></ul></div>
<p>&copy; {page.published.year} {site} Media Group</p></footer>
</body>
</html>
"""


def atlas_site(page: Page) -> str:
    site = "Atlas Report"
    return head_html(page, site) + f"""<body>
<div id="app"><div class="sticky-nav">
<a href="/" class="home">{site}</a>
{nav_html(("Latest", "World", "Analysis", "Interviews", "Podcasts", "Newsletters"), "nav")}
<button class="search">Search</button></div>
<div class="cookie-consent"><span>We use cookies and similar technologies.</span>
<a href="/privacy">Privacy policy</a><button>Accept</button><button>Reject</button></div>
<div class="page"><div class="col-main">
<article class="post {page.shape}">
<div class="kicker">{page.section}</div>
<h1 class="post-title">{esc(page.title)}</h1>
<div class="post-meta">Written by {esc(page.author)} &middot; {byline_date(page)}</div>
<div class="post-content">
{body_html(page)}
</div>
<div class="tags"><a href="/tag/diplomacy">Diplomacy</a> <a href="/tag/security">Security</a>
</div>
</article>
<div class="comments-teaser"><a href="#comments">Join the conversation</a></div>
</div>
<aside class="col-side"><div class="widget"><h4>You may also like</h4>
<ul>{related_items(page)}</ul></div><div class="ad-slot">Advertisement</div></aside>
</div>
<footer class="footer"><p>{site} is an independent publication.</p>
{nav_html(("About", "Ethics", "Corrections", "Contact"), "footer-nav")}
<small>&copy; {page.published.year}</small></footer></div>
</body>
</html>
"""


SITES: tuple[Callable[[Page], str], ...] = (meridian_site, wire_site, northern_site, atlas_site)


# --- Command line -----------------------------------------------------------------------


def write_corpus(n: int, out: Path, seed: int) -> tuple[int, int, int]:
    """Write n pages to ``out``; returns (words, sentences, event sentences)."""
    out.mkdir(parents=True, exist_ok=True)
    words = sentences = events = 0
    for index in range(n):
        page, story = plan_page(index, seed)
        site = SITES[story.rng.randrange(len(SITES))]
        (out / f"{page.slug}.html").write_text(site(page), encoding="utf-8")
        words += body_words(page.blocks)
        sentences += story.sentences
        events += story.event_sentences
    return words, sentences, events


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=2000, help="number of articles")
    parser.add_argument("--out", type=Path, default=Path("bench/corpus"))
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    words, sentences, events = write_corpus(args.n, args.out, args.seed)
    share = events / sentences if sentences else 0.0
    print(f"wrote {args.n} articles to {args.out}: {words} words, {sentences} sentences, "
          f"{share:.0%} with an event", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
