"""Which offices head each state, and how many states have their heads on file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from polex.actors import KnowledgeBase
from polex.kb_cli import HeadsCoverage

HEADS = (
    "code\tmember\tfrom\tto\thead_of_state\thead_of_government\tnote\n"
    "TUR\tUN\t\t2018-07-08\tPresident\tPrime Minister\t\n"
    "TUR\tUN\t2018-07-09\t\tPresident\tPresident\tthe 2017 referendum abolished the post of"
    " prime minister\n"
    "SSD\tUN\t2011-07-09\t\tPresident\tPresident\t\n"
)


def _kb(tmp_path: Path, heads: str = HEADS) -> KnowledgeBase:
    path = tmp_path / "heads.tsv"
    path.write_text(heads, encoding="utf-8")
    return KnowledgeBase.load([path])


def test_actors_heads_period_in_force_on_a_day(tmp_path: Path) -> None:
    kb = _kb(tmp_path)
    turkey = {p.head_of_government for p in kb.head_posts(date(2019, 7, 1)) if p.code == "TUR"}
    assert turkey == {("President",)}


def test_actors_heads_state_not_yet_founded_is_not_counted(tmp_path: Path) -> None:
    kb = _kb(tmp_path)
    assert "SSD" not in {p.code for p in kb.head_posts(date(2011, 7, 1))}
    assert "SSD" in {p.code for p in kb.head_posts(date(2012, 7, 1))}


def test_actors_heads_coverage_finds_holders_of_both_posts(tmp_path: Path) -> None:
    kb = _kb(tmp_path)
    coverage = HeadsCoverage.on(kb, date(2016, 7, 1))
    # Erdoğan (President) and Yıldırım (Prime Minister from May 2016) are in offices.tsv
    assert ("TUR", "head of state") not in coverage.missing
    assert ("TUR", "head of government") not in coverage.missing


def test_actors_heads_coverage_reports_a_vacant_post(tmp_path: Path) -> None:
    # South Sudan has no prime minister: a heads row naming one leaves that post vacant
    kb = _kb(
        tmp_path,
        HEADS.replace(
            "SSD\tUN\t2011-07-09\t\tPresident\tPresident",
            "SSD\tUN\t2011-07-09\t\tPresident\tPrime Minister",
        ),
    )
    coverage = HeadsCoverage.on(kb, date(2012, 7, 1))
    assert ("SSD", "head of government") in coverage.missing
    assert ("SSD", "head of state") not in coverage.missing


def test_actors_heads_bad_membership_is_reported(tmp_path: Path) -> None:
    kb = _kb(
        tmp_path,
        "code\tmember\tfrom\tto\thead_of_state\thead_of_government\n"
        "TWN\tmaybe\t\t\tPresident\tPremier\n",
    )
    assert any("member 'maybe'" in problem for problem in kb.problems)


def test_actors_heads_coverage_counts_a_recorded_absence_of_government(tmp_path: Path) -> None:
    kb = _kb(
        tmp_path,
        "code\tmember\tfrom\tto\thead_of_state\thead_of_government\tnote\n"
        "SOM\tUN\t2000-01-01\t2000-08-26\t\t\tno central government\n",
    )
    coverage = HeadsCoverage.on(kb, date(2000, 7, 1))
    assert "SOM" in coverage.without_government
    assert not [gap for gap in coverage.missing if gap[0] == "SOM"]
