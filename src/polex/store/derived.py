"""What the store derives from each event when it is written, so reads need not parse
records or join entity rows (schema version 4):

- ``event_key``: an integer key, numbered by the ``event_keys`` sequence as events are
  stored (the column's default);
- ``lat``, ``lon``: the event location's coordinates, read from the record;
- ``actor_codes``, ``recipient_codes``: the entity codes of the record, in list order,
  NULL for an entity without a code (the codes of the event_entities rows), which
  clustering reads;
- ``actor_set``, ``recipient_set``: the distinct codes of each role, NULL left out, in no
  particular order, which filters and counts read (distinct lists computed per query
  cost more than the rest of a count);
- ``words`` and ``event_words``: every word met in an evidence sentence with its integer
  id, and one row per distinct word id of each event's sentence, a word being a run of
  letters and digits of the lowercased sentence, the unit the ``q`` filter matches
  whole. (Integer ids: scanning them is several times faster than scanning the words.)

Every write path inserts events with :func:`insert_events_statement` and calls
:func:`index_new_words` in the same transaction; an upgraded store is filled by
:func:`fill_read_index`.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb

# A word of a sentence: letters and digits, in any script (as polex.store.queries reads q).
WORD_PATTERN = r"[\pL\pN]+"
# The highest event_key whose sentence words are in event_words.
WORDS_MARK = "words_indexed_through"
DERIVED_EXPRESSIONS = (
    ("lat", "TRY_CAST(json_extract_string(record, '$.event_loc.lat') AS DOUBLE)"),
    ("lon", "TRY_CAST(json_extract_string(record, '$.event_loc.lon') AS DOUBLE)"),
    ("actor_codes", "json_extract_string(record, '$.actor[*].code')"),
    ("recipient_codes", "json_extract_string(record, '$.recipient[*].code')"),
    ("actor_set", "list_distinct(json_extract_string(record, '$.actor[*].code'))"),
    ("recipient_set", "list_distinct(json_extract_string(record, '$.recipient[*].code'))"),
)
DERIVED_COLUMNS = tuple(name for name, _ in DERIVED_EXPRESSIONS)


def _quoted(columns: Sequence[str]) -> str:
    return ", ".join(f'"{column}"' for column in columns)


def insert_events_statement(columns: Sequence[str], source: str) -> str:
    """An INSERT of events whose ``columns`` (``record`` among them) are read from
    ``source`` (a table, a view or ``(VALUES ...) AS v(...)``), with the derived columns
    computed from the record; event_key takes its default."""
    names = _quoted(columns)
    derived = ", ".join(expression for _, expression in DERIVED_EXPRESSIONS)
    return (f"INSERT INTO events ({names}, {_quoted(DERIVED_COLUMNS)})"
            f" SELECT {names}, {derived} FROM {source}")


def values_source(columns: Sequence[str], n_rows: int) -> str:
    """``(VALUES (?, ...), ...) AS v(columns)`` for a parameterized multi-row insert."""
    row_marks = "(" + ", ".join("?" for _ in columns) + ")"
    return f"(VALUES {', '.join([row_marks] * n_rows)}) AS v({_quoted(columns)})"


def start_word_index(conn: duckdb.DuckDBPyConnection) -> None:
    """Record that no event's words are indexed yet (a new or upgraded store)."""
    conn.execute("INSERT OR REPLACE INTO meta VALUES (?, '0')", [WORDS_MARK]).fetchall()


def index_new_words(conn: duckdb.DuckDBPyConnection) -> None:
    """Add the sentence words of the events stored since the last call (their keys are
    above the mark), then move the mark. Call it in the transaction that stored them."""
    mark = _words_mark(conn)
    new_words = ("(SELECT e.event_key, unnest(regexp_extract_all(lower(e.text), $pattern))"
                 " AS word FROM events e WHERE e.event_key > $mark)")
    values = {"pattern": WORD_PATTERN, "mark": mark}
    conn.execute(
        f"INSERT INTO words (word) SELECT DISTINCT n.word FROM {new_words} n"
        " WHERE n.word NOT IN (SELECT word FROM words)", values,
    ).fetchall()
    conn.execute(
        "INSERT INTO event_words SELECT DISTINCT w.word_id, n.event_key"
        f" FROM {new_words} n JOIN words w ON w.word = n.word", values,
    ).fetchall()
    # Every result is fetched whole: a bulk writer registers its next batch right after.
    ((last,),) = conn.execute("SELECT max(event_key) FROM events WHERE event_key > ?",
                              [mark]).fetchall()
    if last is not None:
        conn.execute("UPDATE meta SET value = ? WHERE key = ?",
                     [str(last), WORDS_MARK]).fetchall()


def _words_mark(conn: duckdb.DuckDBPyConnection) -> int:
    rows = conn.execute("SELECT value FROM meta WHERE key = ?", [WORDS_MARK]).fetchall()
    return int(rows[0][0]) if rows else 0


def fill_read_index(conn: duckdb.DuckDBPyConnection) -> None:
    """Compute the derived columns of every stored event and index every sentence's words
    (the upgrade to schema version 4)."""
    assignments = ", ".join(f"{name} = {expression}"
                            for name, expression in DERIVED_EXPRESSIONS)
    conn.execute(f"UPDATE events SET {assignments}").fetchall()
    conn.execute("DELETE FROM event_words").fetchall()
    start_word_index(conn)
    index_new_words(conn)
