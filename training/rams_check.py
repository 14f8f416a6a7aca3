"""How often polex finds the event RAMS annotates, in PLOVER terms.

    .venv/bin/python training/rams_check.py [SPLIT.jsonlines] [--json FILE] [--limit N]
        [--model NAME] [--kb FILE ...] [--lexicon FILE ...] [--rule-sources builtin,cameo]
        [--full-parse] [--workers N] [--no-classifier]

Each RAMS passage (default: ``../shared/training/rams/test.jsonlines``) has one annotated
event; its AIDA type is mapped to PLOVER with ``training/aida_to_plover.tsv`` and passages
whose type maps to '-' are left out. The rebuilt passage text is coded by polex's pipeline
as an article, exactly as ``polex extract`` codes one (same Settings, same Pipeline).
RAMS passages carry no date: every article is given the publication date 2016-06-01
(``--published``), which only affects event dates, not what is found.

Reported: the share of passages where an event of the mapped PLOVER type is found
anywhere in the passage, whatever its status (the headline figure); the share where its
trigger lies in the gold trigger's sentence, and where it overlaps the gold trigger
itself; the same per PLOVER type; and the events of other types polex also coded.

Settings go to the pipeline as for ``polex extract``: ``--model``, ``--kb``, ``--lexicon``
(users' rule tables, after the shipped ones), ``--full-parse``, and every ``POLEX_*``
environment variable ``polex.config.Settings`` reads (``POLEX_RULE_SOURCES=builtin,cameo``,
``POLEX_CANDIDATE_FILTER=0``, ``POLEX_MODEL``...), so an ablation is
``POLEX_RULE_SOURCES=cameo python training/rams_check.py``; ``--rule-sources`` overrides
that variable. ``--no-classifier`` (rules only) builds the extractor here rather than
through the registered factory, with the same rule tables, in this process only.

Never tune anything on the test split: use ``dev.jsonlines`` for that.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from rams_data import MAPPING_FILE, RAMS_DIR, Passage, load_passages, read_mapping

from polex import registry
from polex.config import Settings
from polex.events import EventExtractor
from polex.events.lexicon import load_lexicon
from polex.pipeline import PLACER, RESOLVER, ArticleResult, Pipeline, process_in_parallel
from polex.schema import Article, Event

PUBLISHED = date(2016, 6, 1)


class RulesOnlyPipeline(Pipeline):
    """The pipeline with the settings' rule tables and no statistical classifier."""

    def __init__(self, settings: Settings, kb_files: Sequence[str | Path]) -> None:
        super().__init__(settings, kb_files=kb_files)
        self._rules_only: EventExtractor | None = None

    @property
    def extractor(self) -> EventExtractor:
        if self._rules_only is None:
            self._rules_only = EventExtractor(
                resolver=registry.create(RESOLVER, kb_files=self.kb_files),
                placer=registry.create(PLACER),
                lexicon=load_lexicon(self.settings.rule_sources, self.settings.lexicons),
                use_classifier=False,
            )
        return self._rules_only


@dataclass
class Outcome:
    passage: Passage
    found: bool = False  # an event of the mapped type anywhere in the passage
    in_sentence: bool = False  # ... with its trigger in the gold trigger's sentence
    on_trigger: bool = False  # ... with its trigger overlapping the gold trigger
    occurred: bool = False  # ... with status "occurred"
    other_types: Counter[str] = field(default_factory=Counter)
    error: str | None = None


def _overlaps(start: int, end: int, span: tuple[int, int]) -> bool:
    return start < span[1] and span[0] < end


def judge(passage: Passage, events: Sequence[Event], error: str | None = None) -> Outcome:
    outcome = Outcome(passage, error=error)
    for event in events:
        if event.event != passage.plover_event:
            outcome.other_types[event.event] += 1
            continue
        outcome.found = True
        outcome.occurred |= event.status == "occurred"
        outcome.in_sentence |= _overlaps(event.trigger_start, event.trigger_end,
                                         passage.sentence)
        outcome.on_trigger |= _overlaps(event.trigger_start, event.trigger_end,
                                        passage.trigger)
    return outcome


def wilson(hits: int, total: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson score interval of a share."""
    if total == 0:
        return 0.0, 0.0
    p = hits / total
    centre = p + z * z / (2 * total)
    spread = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total))
    scale = 1 + z * z / total
    return (centre - spread) / scale, (centre + spread) / scale


def _row(name: str, group: Sequence[Outcome]) -> dict[str, Any]:
    n = len(group)

    def share(hits: int) -> float:
        return round(hits / n, 4) if n else 0.0

    found = sum(o.found for o in group)
    sentence = sum(o.in_sentence for o in group)
    trigger = sum(o.on_trigger for o in group)
    occurred = sum(o.occurred for o in group)
    return {"name": name, "passages": n, "found": found, "share": share(found),
            "in_sentence": sentence, "share_in_sentence": share(sentence),
            "on_trigger": trigger, "share_on_trigger": share(trigger),
            "occurred": occurred, "share_occurred": share(occurred),
            "other_type_events": sum(sum(o.other_types.values()) for o in group)}


def summarize(outcomes: Sequence[Outcome], skipped: Counter[str], in_split: int,
              source: Path, published: date, settings: Settings, options: dict[str, Any]
              ) -> dict[str, Any]:
    total = _row("all", outcomes)
    low, high = wilson(total["found"], total["passages"])
    by_type = sorted({o.passage.plover_event or "" for o in outcomes})
    by_aida = sorted({o.passage.aida_type for o in outcomes})
    others: Counter[str] = Counter()
    for o in outcomes:
        others.update(o.other_types)
    return {
        "split": str(source),
        "published": published.isoformat(),
        "settings": {"model": settings.model, "candidate_filter": settings.candidate_filter,
                     "time_limit": settings.time_limit,
                     "rule_sources": list(settings.rule_sources),
                     "lexicons": list(settings.lexicons), **options},
        "passages_in_split": in_split,
        "passages_skipped_not_coded": sum(skipped.values()),
        "skipped_by_aida_type": dict(sorted(skipped.items())),
        "failed": [{"doc_key": o.passage.doc_key, "error": o.error}
                   for o in outcomes if o.error],
        "total": {**total, "share_95ci": [round(low, 4), round(high, 4)]},
        "by_plover_type": [_row(t, [o for o in outcomes if o.passage.plover_event == t])
                           for t in by_type],
        "by_aida_type": [_row(a, [o for o in outcomes if o.passage.aida_type == a])
                         for a in by_aida],
        "other_type_events_by_type": dict(others.most_common()),
    }


def render(summary: dict[str, Any]) -> str:
    total = summary["total"]
    low, high = total["share_95ci"]
    lines = [
        f"RAMS {summary['split']}: {summary['passages_in_split']} passages, "
        f"{summary['passages_skipped_not_coded']} left out (type maps to '-'), "
        f"{total['passages']} scored{' (--limit)' if summary['settings'].get('limit') else ''}, "
        f"{len(summary['failed'])} failed to code",
        f"settings: {json.dumps(summary['settings'], sort_keys=True)}",
        "",
        f"mapped PLOVER type found anywhere in the passage: {total['found']}/"
        f"{total['passages']} = {total['share']:.1%} (95% CI {low:.1%}-{high:.1%})",
        f"  ... in the gold trigger's sentence: {total['share_in_sentence']:.1%}; "
        f"on the gold trigger: {total['share_on_trigger']:.1%}; "
        f"with status occurred: {total['share_occurred']:.1%}",
        f"events of other types coded in the scored passages: "
        f"{total['other_type_events']} "
        f"({total['other_type_events'] / max(total['passages'], 1):.2f} per passage)",
        "",
    ]
    header = f"{'PLOVER type':<12}{'passages':>9}{'found':>7}{'share':>8}" \
             f"{'in sent.':>10}{'on trig.':>10}{'other ev.':>11}"
    lines += [header, "-" * len(header)]
    for row in [*summary["by_plover_type"], total]:
        name = "TOTAL" if row is total else row["name"]
        lines.append(f"{name:<12}{row['passages']:>9}{row['found']:>7}{row['share']:>8.1%}"
                     f"{row['share_in_sentence']:>10.1%}{row['share_on_trigger']:>10.1%}"
                     f"{row['other_type_events']:>11}")
    others = ", ".join(f"{k} {v}" for k, v in summary["other_type_events_by_type"].items())
    lines += ["", f"other-type events by type: {others or 'none'}"]
    return "\n".join(lines)


def _results(articles: list[Article], settings: Settings, kb: list[str], workers: int,
             use_classifier: bool) -> Iterator[ArticleResult]:
    if not use_classifier:
        return RulesOnlyPipeline(settings, kb).process(articles)
    if workers > 1:
        return process_in_parallel(articles, settings, kb, workers=workers)
    return Pipeline(settings, kb_files=kb).process(articles)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("split", nargs="?", type=Path, default=RAMS_DIR / "test.jsonlines",
                        help="RAMS jsonlines file (default: %(default)s)")
    parser.add_argument("--mapping", type=Path, default=MAPPING_FILE)
    parser.add_argument("--json", type=Path, help="also write the figures here as JSON")
    parser.add_argument("--limit", type=int, default=0, help="only the first N scored passages")
    parser.add_argument("--published", type=date.fromisoformat, default=PUBLISHED)
    parser.add_argument("--model", help="spaCy model (else POLEX_MODEL, pyproject, default)")
    parser.add_argument("--kb", action="append", default=[], help="extra knowledge base file")
    parser.add_argument("--lexicon", action="append", default=[], type=Path,
                        help="extra trigger-rule table, after the shipped ones")
    parser.add_argument("--rule-sources", help="shipped rule tables, e.g. builtin,cameo "
                        "(else POLEX_RULE_SOURCES, pyproject, default)")
    parser.add_argument("--full-parse", action="store_true", help="parse every sentence")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--no-classifier", action="store_true",
                        help="rules only, no statistical trigger classifier")
    args = parser.parse_args(argv)
    if args.no_classifier and args.workers > 1:
        parser.error("--no-classifier runs in this process: use --workers 1")

    settings = Settings.resolve(model=args.model, full_parse=args.full_parse,
                                lexicons=args.lexicon)
    if args.rule_sources:
        sources = tuple(s.strip() for s in args.rule_sources.split(",") if s.strip())
        settings = replace(settings, rule_sources=sources)
    conflicts = load_lexicon(settings.rule_sources, settings.lexicons).warnings
    if conflicts:
        print(f"{len(conflicts)} rule conflicts between the rule tables (the earlier table "
              f"wins); e.g. {conflicts[0]}", file=sys.stderr)
    mapping = read_mapping(args.mapping)
    skipped: Counter[str] = Counter()
    scored: list[Passage] = []
    passages = load_passages(args.split, mapping)
    for passage in passages:
        if passage.plover_event is None:
            skipped[passage.aida_type] += 1
        else:
            scored.append(passage)
    if args.limit:
        scored = scored[:args.limit]
    articles = [Article(id=p.doc_key, text=p.text, published=args.published,
                        origin=f"{args.split}:{p.line}") for p in scored]
    outcomes: list[Outcome] = []
    for number, (passage, result) in enumerate(zip(scored, _results(
            articles, settings, args.kb, args.workers, not args.no_classifier),
            strict=True), start=1):
        outcomes.append(judge(passage, result.events, result.error))
        if number % 100 == 0:
            print(f"  {number}/{len(scored)} passages coded", file=sys.stderr, flush=True)
    options = {"kb": args.kb, "classifier": not args.no_classifier, "workers": args.workers,
               "limit": args.limit or None}
    summary = summarize(outcomes, skipped, len(passages), args.split, args.published,
                        settings, options)
    print(render(summary))
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n",
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
