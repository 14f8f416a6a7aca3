import pytest

from polex.events.amounts import find_amounts


@pytest.mark.parametrize(
    ("sentence", "value", "currency", "text"),
    [
        ("The IMF approved a $1.3 billion loan to Pakistan.", 1.3e9, "USD", "$1.3 billion"),
        ("Berlin pledged €500m in winter aid to Kyiv.", 5e8, "EUR", "€500m"),
        ("The grant of USD 40 million covers schools.", 4e7, "USD", "USD 40 million"),
        ("Nairobi received 3.5 billion Kenyan shillings.", 3.5e9, "KES",
         "3.5 billion Kenyan shillings"),
        ("Tokyo will lend 150 billion yen for the metro line.", 1.5e11, "JPY", "150 billion yen"),
        ("London froze £2,500,000 in assets.", 2.5e6, "GBP", "£2,500,000"),
        ("China extended a 10 billion yuan credit line.", 1e10, "CNY", "10 billion yuan"),
        ("The embassy handed over $500,000 in emergency aid.", 5e5, "USD", "$500,000"),
        ("Seoul set aside 1.5 trillion won for the reconstruction fund.", 1.5e12, "KRW",
         "1.5 trillion won"),
        ("Abu Dhabi deposited USD 2bn with the central bank.", 2e9, "USD", "USD 2bn"),
        ("The Centre released Rs 500 crore for flood relief in Assam.", 5e9, "INR", "Rs 500 crore"),
        ("The state sought Rs. 75 lakh for each family.", 7.5e6, "INR", "Rs. 75 lakh"),
        ("The budget set aside ₹1.5 lakh crore for defence.", 1.5e12, "INR", "₹1.5 lakh crore"),
        ("Brussels approved a €1.2bn loan to Moldova.", 1.2e9, "EUR", "€1.2bn"),
        ("Washington announced an $800k grant for election monitors.", 8e5, "USD", "$800k"),
    ],
)
def test_events_amounts_finds_money_in_news_phrasing(sentence, value, currency, text):
    [(_, amount)] = find_amounts(sentence)
    assert (amount.value, amount.currency, amount.text) == (value, currency, text)


def test_events_amounts_ignores_numbers_that_are_not_money():
    assert find_amounts("At least 45 people were killed and 3 villages burned in 2019.") == []


def test_events_amounts_keeps_reading_order_for_several_amounts():
    found = find_amounts("Germany gave €200m in 2022 and pledged $1 billion more this year.")
    assert [a.currency for _, a in found] == ["EUR", "USD"]


@pytest.mark.parametrize(
    ("sentence", "value", "currency", "text"),
    [
        ("Donors pledged between $1bn and $2bn for reconstruction.", 1e9, "USD",
         "between $1bn and $2bn"),
        ("The fund could reach $1-2 billion by 2030.", 1e9, "USD", "$1-2 billion"),
        ("Estimates ranged from $1 to $2 billion.", 1e9, "USD", "$1 to $2 billion"),
        ("Losses were put at between 3 and 4 billion euros.", 3e9, "EUR",
         "between 3 and 4 billion euros"),
        ("Tokyo offered ¥500bn-¥700bn in loans.", 5e11, "JPY", "¥500bn-¥700bn"),
    ],
)
def test_events_amounts_range_is_one_amount_valued_at_its_lower_bound(
    sentence, value, currency, text
):
    [(_, amount)] = find_amounts(sentence)
    assert (amount.value, amount.currency, amount.text) == (value, currency, text)


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("Berlin announced aid worth more than 2.7 billion euros.", "more than 2.7 billion euros"),
        ("The IMF will disburse nearly $300 million next week.", "nearly $300 million"),
        ("Qatar pledged up to $1 billion.", "up to $1 billion"),
    ],
)
def test_events_amounts_text_keeps_the_qualifier(sentence, text):
    [(offset, amount)] = find_amounts(sentence)
    assert amount.text == text
    assert sentence[offset:].startswith(text)


def test_events_amounts_amounts_in_two_currencies_are_not_a_range():
    found = find_amounts("Pledges ranged between $1bn and €2bn.")
    assert [a.currency for _, a in found] == ["USD", "EUR"]


def test_events_amounts_and_without_between_is_not_a_range():
    found = find_amounts("Japan gave $1bn and Korea $2bn.")
    assert [a.value for _, a in found] == [1e9, 2e9]


def test_events_amounts_rupee_abbreviation_needs_a_word_boundary():
    assert find_amounts("The council members 500 strong voted.") == []
