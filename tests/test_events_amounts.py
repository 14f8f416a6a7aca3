import pytest

from polex.events.amounts import find_amounts


@pytest.mark.parametrize(
    ("sentence", "value", "currency", "text"),
    [
        ("The IMF approved a $1.3 billion loan to Pakistan.", 1.3e9, "USD", "$1.3 billion"),
        ("Berlin pledged €500m in winter aid to Kyiv.", 5e8, "EUR", "€500m"),
        ("The grant of USD 40 million covers schools.", 4e7, "USD", "USD 40 million"),
        ("Nairobi received 3.5 billion Kenyan shillings.", 3.5e9, "KES", "3.5 billion Kenyan shillings"),
        ("Tokyo will lend 150 billion yen for the metro line.", 1.5e11, "JPY", "150 billion yen"),
        ("London froze £2,500,000 in assets.", 2.5e6, "GBP", "£2,500,000"),
        ("China extended a 10 billion yuan credit line.", 1e10, "CNY", "10 billion yuan"),
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
