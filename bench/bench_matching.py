"""Passage matching measured as the product works, every method side by side in one run.

Run: python bench/bench_matching.py [--skip-ecb]. Methods: plain cosine of the same vectors, the
earlier ECB+-trained matcher (bench/legacy_matcher.py), and the shipped pair scorer. Measures:

- the densely labelled events of bench/dense (every passage, every cross-article pair): precision,
  recall and F1 of matches at each method's default, average precision, and the share of passages
  that report something no other article does which stay unmatched. The scorer's figures for an
  event come from both its stages fitted without that event (the collective stage on first-stage
  probabilities fitted without each of its own training events too) and a cut chosen on the other
  events' scores, fitted the same way; cosine's cut is tuned on the other events. The same again two
  articles at a time (each pair of an event's articles compared on its own: a user comparing two
  articles gets the scorer's first stage alone, with no third article to read).
- MRPC pairs held out from ../shared/data/mrpc-train.jsonl (ids ending in 0 or 1): accuracy of
  calling a pair `same`, and AUC of the score.
- STS-B development pairs: Spearman correlation of the score with the graded similarity.
- ECB+ development events, every sentence of every article: for each annotated sentence with a
  gold link into another article, whether its best-scored sentence there is a gold link.
- the held-out events of bench/dense/held-out (written after the scorer was fitted, in the style of
  real coverage) and the sample event: measured like an unseen event, never used for fitting.
- time to align the sample event, and the sample event's strictness figures.
Prints figures; asserts nothing. The shared data files are optional: a missing one is said and skipped.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from collections.abc import Callable
from itertools import combinations
from pathlib import Path

import numpy as np
from legacy_matcher import load_matcher
from matching_data import (
    EventRows,
    dense_files,
    event_rows,
    held_out_files,
    match_counts,
    mrpc_held_out,
    passages_of,
    read_jsonl,
    sample_files,
)
from scipy.stats import spearmanr
from sklearn.metrics import average_precision_score, roc_auc_score
from train_scorer import Stacked, choose_cut, fit_all, prf, shift

from embeddings import load_encoder
from parallax.align import event_features, isolated_features, match_pairs
from parallax.align.scorer import Scorer, load_scorer
from parallax.gold import MATCH_GRADES, GoldEvent, gold_pairs, load_gold

SECOND = Path(__file__).resolve().parent / "dense" / "second"
"""A second labelling of some of the written events, for how far two readers agree."""
COSINE_GRID = np.round(np.arange(0.30, 0.95, 0.01), 2)


def unique_kept(event: EventRows, matched_ids: set[str]) -> float:
    """The share of the event's single-outlet passages that no match touches."""
    return sum(1 for pid in event.unique if pid not in matched_ids) / max(len(event.unique), 1)


def ap_all(scores: np.ndarray, gold: np.ndarray, all_matches: int) -> float:
    """Average precision over every pair: gold matches outside the scored pairs rank last (never found)."""
    order = np.argsort(-scores, kind="stable")
    hits = gold[order]
    precision = np.cumsum(hits) / np.arange(1, len(hits) + 1)
    return float((precision * hits).sum() / max(all_matches, 1))


def dense(events: list[EventRows], sample: EventRows | None, held_out: list[EventRows] | None = None) -> None:
    """Per event: the scorer out of fold, cosine with a cut tuned on the other events, the legacy matcher.

    The held-out events and the sample are scored like an unseen event: models fitted on all ten.
    """
    legacy = load_matcher()
    rows = []
    table: dict[str, list] = {"scorer": [], "cosine": [], "legacy": []}
    later: dict[str, list] = {"scorer": [], "cosine": [], "legacy": []}
    held_out = held_out or []
    written, later_files = {e.file for e in events}, {e.file for e in held_out}
    targets = [*events, *held_out, *([sample] if sample else [])]
    stacked = Stacked(events)
    pairs_of_two: dict[str, dict[str, tuple[int, int, int]]] = {}
    said: dict[str, dict[str, set[tuple[str, str]]]] = {}
    for held in targets:
        others = [e for e in events if e is not held]
        kept_out = frozenset(k for k, e in enumerate(events) if e is held)
        fitted = fit_all(others)
        cut = choose_cut(others, stacked.nested_scores(kept_out))
        # The shipped pipeline, as train_scorer.py writes it; pairs given alone are not asked here.
        first_cut = choose_cut(others, stacked.first_scores(kept_out))
        scorer = Scorer({**fitted["models"], "match": stacked.first(kept_out)}, fitted["pair_only"], 0.5,
                        collective=shift(stacked.second(kept_out), cut), first_stage_cut=first_cut)
        scored = scorer.score(held.features, pairs=held.event_pairs)
        matched = passages_of(held.pairs, scored.match)
        s_counts = match_counts(scored.match, held.matches, held.all_matches)
        s_ap = ap_all(scored.score, held.matches, held.all_matches)
        # Cosine over every pair, its cut tuned on the other events.
        cos_cut = max(COSINE_GRID, key=lambda t: prf(*np.sum([
            match_counts(e.cosine_all >= t, e.matches_all, e.all_matches)
            for e in others], axis=0))[2])
        c_counts = match_counts(held.cosine_all >= cos_cut, held.matches_all, held.all_matches)
        c_matched = passages_of(held.pairs_all, held.cosine_all >= cos_cut)
        c_ap = float(average_precision_score(held.matches_all, held.cosine_all))
        # The legacy matcher over every pair, at the default strictness it shipped with (0.5).
        l_scores = _legacy_scores(held, legacy)
        l_counts = match_counts(l_scores >= 0.5, held.matches_all, held.all_matches)
        l_matched = passages_of(held.pairs_all, l_scores >= 0.5)
        l_ap = float(average_precision_score(held.matches_all, l_scores))
        pairs_of_two[held.file] = _two_at_a_time(held, scorer, cos_cut)
        said[held.file] = {
            "scorer": {pair for pair, m in zip(held.pairs, scored.match, strict=True) if m},
            "cosine": {pair for pair, c in zip(held.pairs_all, held.cosine_all, strict=True) if c >= cos_cut},
        }
        for name, counts, ap, kept in (
            ("scorer", s_counts, s_ap, unique_kept(held, matched)),
            ("cosine", c_counts, c_ap, unique_kept(held, c_matched)),
            ("legacy", l_counts, l_ap, unique_kept(held, l_matched)),
        ):
            if held.file in written:
                table[name].append((counts, ap, kept))
            elif held.file in later_files:
                later[name].append((counts, ap, kept))
            rows.append((held.name, name, *prf(*counts), ap, kept))
    print("\n## Densely labelled events (every passage, every cross-article pair)")
    print(f"{'event':40s} {'method':7s} {'P':>6s} {'R':>6s} {'F1':>6s} {'AP':>6s} {'unique kept':>11s}")
    for name, method, p, r, f, ap, kept in rows:
        print(f"{name[:40]:40s} {method:7s} {p:6.3f} {r:6.3f} {f:6.3f} {ap:6.3f} {kept:11.3f}")
    titles = ("ten written events, pooled", f"{len(held_out)} held-out events, pooled")
    for title, pooled_rows in zip(titles, (table, later), strict=True):
        if not any(pooled_rows.values()):
            continue
        print(f"{title:40s}")
        for method, found in pooled_rows.items():
            p, r, f = prf(*np.sum([c for c, _, _ in found], axis=0))
            ap = np.mean([a for _, a, _ in found])
            kept = np.mean([k for _, _, k in found])
            print(f"{'':40s} {method:7s} {p:6.3f} {r:6.3f} {f:6.3f} {ap:6.3f} {kept:11.3f}  (AP and kept: mean)")
    print("\n## Two articles at a time (each pair of an event's articles compared on its own, as a user comparing two)")
    print(f"{'event':40s} {'method':7s} {'P':>6s} {'R':>6s} {'F1':>6s}")
    pooled = {"scorer": np.zeros(3, dtype=int), "cosine": np.zeros(3, dtype=int)}
    for held in targets:
        for method, counts in pairs_of_two[held.file].items():
            print(f"{held.name[:40]:40s} {method:7s} " + " ".join(f"{v:6.3f}" for v in prf(*counts)))
            if held.file in written:
                pooled[method] += counts
    for method, counts in pooled.items():
        print(f"{'ten written events, pooled':40s} {method:7s} " + " ".join(f"{v:6.3f}" for v in prf(*counts)))
    second_labeller(events, said)


def _match_set(gold: GoldEvent) -> set[tuple[str, str]]:
    return {(a.id, b.id) for a, b, g in gold_pairs(gold) if g in MATCH_GRADES}


def second_labeller(events: list[EventRows], said: dict[str, dict[str, set[tuple[str, str]]]]) -> None:
    """How far two labellings of the same events agree on matches, beside the methods scored against each.

    The second labelling (`dense/second/`) was made without sight of the first: where two careful readers
    differ, no method can agree with both, so their agreement bounds what the F1 against one of them means.
    """
    seconds = {e.file: SECOND / e.file for e in events if (SECOND / e.file).is_file()}
    if not seconds:
        return
    print(f"\n## Two labellings of {len(seconds)} events (the second made without sight of the first)")
    print("(each labelling in turn taken as right; `first`/`second` as a method: the other labelling's matches)")
    print(f"{'event':40s} {'against':8s} {'method':7s} {'P':>6s} {'R':>6s} {'F1':>6s}")
    pooled: dict[tuple[str, str], np.ndarray] = {}
    for event in (e for e in events if e.file in seconds):
        second = load_gold(seconds[event.file])
        if [p.text for p in second.passages] != [p.text for p in event.gold.passages]:
            raise SystemExit(f"{seconds[event.file]}: its passages differ from {event.file}'s")
        labels = {"first": _match_set(event.gold), "second": _match_set(second)}
        for against, other in (("first", "second"), ("second", "first")):
            for method, made in {other: labels[other], **said[event.file]}.items():
                counts = np.array([len(made & labels[against]), len(made), len(labels[against])])
                pooled[against, method] = pooled.get((against, method), 0) + counts
                print(f"{event.name[:40]:40s} {against:8s} {method:7s} " + " ".join(f"{v:6.3f}" for v in prf(*counts)))
    for (against, method), counts in pooled.items():
        print(f"{'pooled':40s} {against:8s} {method:7s} " + " ".join(f"{v:6.3f}" for v in prf(*counts)))


def _two_at_a_time(event: EventRows, scorer: Scorer, cos_cut: float) -> dict[str, tuple[int, int, int]]:
    """Matches found, made and in the labels, summed over every pair of the event's articles compared alone:
    candidates, features and the scorer's path for two articles (no third to read), and cosine at its cut."""
    passages = list(event.gold.passages)
    vectors = dict(zip((p.id for p in passages), event.vectors, strict=True))
    gold = _match_set(event.gold)
    totals = {"scorer": np.zeros(3, dtype=int), "cosine": np.zeros(3, dtype=int)}
    for first, second in combinations([a["id"] for a in event.gold.event["articles"]], 2):
        chosen = [p for p in passages if p.article in (first, second)]
        ids = [p.id for p in chosen]
        owner = np.array([p.article == second for p in chosen], dtype=np.int64)
        rows = np.stack([vectors[pid] for pid in ids])
        found = event_features([p.text for p in chosen], owner, rows)
        scored = scorer.score(found.features, pairs=found.pairs)
        said = {(ids[i], ids[j]) for i, j, m in zip(found.candidates.i, found.candidates.j, scored.match, strict=True)
                if m}
        close = np.triu(rows @ rows.T >= cos_cut, k=1) & (owner[:, None] != owner[None, :])
        near = {(ids[i], ids[j]) for i, j in zip(*np.nonzero(close), strict=True)}
        wanted = {(a, b) for a, b in gold if {a.rsplit(":", 1)[0], b.rsplit(":", 1)[0]} == {first, second}}
        for method, made in (("scorer", said), ("cosine", near)):
            totals[method] += (len(made & wanted), len(made), len(wanted))
    return {method: tuple(int(v) for v in counts) for method, counts in totals.items()}


def _legacy_scores(event: EventRows, legacy) -> np.ndarray:
    passages = list(event.gold.passages)
    texts = [p.text for p in passages]
    vectors = event.vectors
    score = legacy.scorer(texts, vectors)
    index = {p.id: k for k, p in enumerate(passages)}
    out = []
    by_article: dict[str, list[int]] = {}
    for k, p in enumerate(passages):
        by_article.setdefault(p.article, []).append(k)
    cache: dict[tuple[str, str], np.ndarray] = {}
    for a, b in event.pairs_all:
        ka, kb = a.rsplit(":", 1)[0], b.rsplit(":", 1)[0]
        if (ka, kb) not in cache:
            ra, rb = by_article[ka], by_article[kb]
            cache[ka, kb] = score([texts[i] for i in ra], [texts[j] for j in rb], vectors[ra] @ vectors[rb].T)
        ra, rb = by_article[ka], by_article[kb]
        out.append(cache[ka, kb][ra.index(index[a]), rb.index(index[b])])
    return np.array(out)


def pairs_sets(encoder) -> None:
    """MRPC held-out pairs and STS-B development pairs, each pair on its own."""
    scorer, legacy = load_scorer(), load_matcher()
    mrpc = read_jsonl("mrpc-train.jsonl")
    if mrpc:
        held = [r for r in mrpc if mrpc_held_out(r["id"])]
        tune = [r for r in mrpc if not mrpc_held_out(r["id"])]
        print(f"\n## MRPC, {len(held)} pairs held out ({sum(r['label'] for r in held)} same meaning)")
        _pair_measures(held, tune, encoder, scorer, legacy, "mrpc")
    stsb = read_jsonl("stsb-dev.jsonl")
    if stsb:
        print(f"\n## STS-B development, {len(stsb)} pairs: Spearman of score with the 0-5 grade")
        labels = np.array([r["label"] for r in stsb])
        for name, scores in _method_scores(stsb, encoder, scorer, legacy).items():
            if name != "scorer_same":
                print(f"  {name:7s} {spearmanr(scores, labels).statistic:.4f}")


def _method_scores(rows: list[dict], encoder, scorer: Scorer, legacy) -> dict[str, np.ndarray]:
    pairs = [(r["a"], r["b"]) for r in rows]
    va, vb = encoder.encode([a for a, _ in pairs]), encoder.encode([b for _, b in pairs])
    found = {"cosine": np.einsum("ij,ij->i", va, vb)}
    found["scorer"] = np.array([s for s, _, _ in match_pairs(pairs, encoder, scorer=scorer)])
    found["scorer_same"] = scorer.score(isolated_features(pairs, encoder), in_event=False).same_probability
    from legacy_matcher import match_pairs as legacy_pairs

    found["legacy"] = np.array([s for s, _ in legacy_pairs(pairs, encoder, matcher=legacy)])
    return found


def _pair_measures(held: list[dict], tune: list[dict], encoder, scorer: Scorer, legacy, _name: str) -> None:
    labels = np.array([r["label"] for r in held]).astype(bool)
    tune_labels = np.array([r["label"] for r in tune]).astype(bool)
    held_scores = _method_scores(held, encoder, scorer, legacy)
    tune_cos = _method_scores(tune[:1500], encoder, scorer, legacy)["cosine"]
    cut = max(COSINE_GRID, key=lambda t: float(((tune_cos >= t) == tune_labels[:1500]).mean()))
    grades = [g for _, _, g in match_pairs([(r["a"], r["b"]) for r in held], encoder, scorer=scorer)]
    said = {
        "scorer": np.array([g == "same" for g in grades]),
        "cosine": held_scores["cosine"] >= cut,
        "legacy": held_scores["legacy"] >= 0.5,
    }
    print(f"  {'method':7s} {'accuracy':>8s} {'AUC':>6s}   (scorer: grade same, AUC of its probability; cosine: "
          f"cut {cut:.2f} tuned on the other MRPC pairs; legacy: its default)")
    ranking = {"scorer": "scorer_same", "cosine": "cosine", "legacy": "legacy"}
    for name in ("scorer", "cosine", "legacy"):
        accuracy = float((said[name] == labels).mean())
        print(f"  {name:7s} {accuracy:8.4f} {roc_auc_score(labels, held_scores[ranking[name]]):6.4f}")
    print(f"  (the scorer's match probability alone has AUC {roc_auc_score(labels, held_scores['scorer']):.4f}: "
          "most MRPC pairs that differ in meaning still share a fact)")


def ecb(encoder) -> None:
    """Best-counterpart accuracy on ECB+ development events, all sentences of every article.

    ECB+'s links mean "mentions the same event instance", looser than a match: this asks only whether
    a sentence's best-ranked counterpart in another article is one of them.
    """
    events = read_jsonl("ecbplus-dev.jsonl")
    if not events:
        return
    from parallax.align import event_features

    scorer, legacy = load_scorer(), load_matcher()
    hits = {"scorer": 0, "cosine": 0, "legacy": 0}
    asked = 0
    for event in events:
        sents, owner, ids = [], [], []
        for k, article in enumerate(event["articles"]):
            for n, sentence in enumerate(article["sentences"]):
                sents.append(sentence)
                owner.append(k)
                ids.append((article["id"], n))
        if len(set(owner)) < 2:
            continue
        row = {key: i for i, key in enumerate(ids)}
        vectors = encoder.encode(sents)
        owner_arr = np.array(owner)
        found = event_features(sents, owner_arr, vectors)
        probs = scorer.score(found.features, pairs=found.pairs).score
        sparse = {(int(i), int(j)): float(p) for i, j, p in zip(found.candidates.i, found.candidates.j, probs,
                                                                 strict=True)}
        legacy_score = legacy.scorer(sents, vectors)
        links: dict[tuple[int, int], set[int]] = {}
        annotated = {(a["id"], n) for a in event["articles"] for n in a["annotated_sentences"]}
        for link in event["gold_alignments"]:
            for x, y in (((link["article_a"], link["sent_a"]), (link["article_b"], link["sent_b"])),
                         ((link["article_b"], link["sent_b"]), (link["article_a"], link["sent_a"]))):
                if x in annotated and x in row and y in row:
                    links.setdefault((row[x], owner[row[y]]), set()).add(row[y])
        for (i, target), gold in links.items():
            members = np.nonzero(owner_arr == target)[0]
            asked += 1
            cos = vectors[members] @ vectors[i]
            hits["cosine"] += int(members[int(np.argmax(cos))] in gold)
            # The product's ranking: scored candidates by score, any other sentence after them by cosine.
            s = np.array([sparse.get((min(i, m), max(i, m)), -2.0 + c) for m, c in zip(members, cos, strict=True)])
            hits["scorer"] += int(members[int(np.argmax(s))] in gold)
            lg = legacy_score([sents[i]], [sents[m] for m in members], cos[None, :])[0]
            hits["legacy"] += int(members[int(np.argmax(lg))] in gold)
    print(f"\n## ECB+ development, {len(events)} events, {asked} sentence-to-article questions: "
          "best-counterpart accuracy")
    for name, n in hits.items():
        print(f"  {name:7s} {n / max(asked, 1):.4f}")


def timing(encoder) -> None:
    """Time to align the sample event with warm vectors: cosine only, legacy matcher, shipped scorer."""
    from parallax.align import align_passages
    from parallax.inputs import load_event_text
    from parallax.passages import split_passages

    seed = Path(__file__).resolve().parents[1] / "seeds" / "bukele-white-house-2025" / "event.json"
    loaded = load_event_text(seed.read_text(encoding="utf-8"))
    passages = {a.id: split_passages(a) for a in loaded.articles}
    flat = [p for ps in passages.values() for p in ps]
    vectors = dict(zip([p.id for p in flat], encoder.encode([p.text for p in flat]), strict=True))
    matrix = np.stack([vectors[p.id] for p in flat])

    def clock(work: Callable[[], object]) -> float:
        started = time.perf_counter()
        work()
        return time.perf_counter() - started

    legacy = load_matcher()
    texts = [p.text for p in flat]
    print(f"\n## Time to align the sample event ({len(flat)} passages, vectors ready)")
    print(f"  cosine, every pair   {clock(lambda: matrix @ matrix.T):.3f} s")
    print(f"  legacy, every pair   {clock(lambda: _legacy_all(passages, vectors, legacy, texts)):.3f} s")
    print(f"  scorer, candidates   {clock(lambda: align_passages(passages, vectors, 0.5)):.3f} s")


def _legacy_all(passages, vectors, legacy, texts) -> None:
    score = legacy.scorer(texts, np.stack([vectors[p.id] for ps in passages.values() for p in ps]))
    ids = list(passages)
    for x, a in enumerate(ids):
        for b in ids[x + 1 :]:
            va = np.stack([vectors[p.id] for p in passages[a]])
            vb = np.stack([vectors[p.id] for p in passages[b]])
            score([p.text for p in passages[a]], [p.text for p in passages[b]], va @ vb.T)


def stability(encoder) -> None:
    """The sample event compared at the default strictness and 0.1 either side: claims and single-outlet findings."""
    from parallax.compare import compare
    from parallax.inputs import load_event_text
    from parallax.model import Event
    from parallax.settings import Settings

    seed = Path(__file__).resolve().parents[1] / "seeds" / "bukele-white-house-2025" / "event.json"
    loaded = load_event_text(seed.read_text(encoding="utf-8"))
    event = Event(loaded.name, loaded.articles)
    print("\n## The sample event at three strictnesses")
    print(f"  {'strictness':>10s} {'matches':>7s} {'claims':>6s} {'single-outlet findings':>22s} {'time':>6s}")
    rows, results = {}, {}
    for threshold in (0.4, 0.5, 0.6):
        started = time.perf_counter()
        result = results[threshold] = compare(event, Settings(threshold=threshold), encoder).result
        elapsed = time.perf_counter() - started
        unique = sum(1 for f in result["findings"] if f["kind"] == "unique")
        matches = sum(1 for a in result["alignments"] if a["match"])
        rows[threshold] = (len(result["claims"]), unique)
        print(f"  {threshold:10.1f} {matches:7d} {len(result['claims']):6d} {unique:22d} {elapsed:5.2f}s")
    base_claims, base_unique = rows[0.5]
    worst = max(max(abs(c - base_claims) / base_claims, abs(u - base_unique) / max(base_unique, 1))
                for c, u in rows.values())
    print(f"  largest change from the default: {worst:.0%}")
    labels = Path(__file__).with_name("dense") / "bukele-sample.json"
    if labels.is_file():
        confirmed = findings_confirmed(results[0.5], load_gold(labels))
        print("  findings at the default that the labels confirm: "
              + ", ".join(f"{kind} {right} of {total}" for kind, (right, total) in confirmed.items()))


def findings_confirmed(result: dict, gold) -> dict[str, tuple[int, int]]:
    """Per kind of finding, how many the labelled facts bear out: "leaves out" when none of the outlet's
    passages reports a fact of the claim's passages; "only one outlet" when no other outlet's passage
    reports a fact of the finding's passage. Passages are matched to labels by id."""
    facts = {f"{g.article}:{g.index}": g.facts for g in gold.passages}
    claims = {c["id"]: c for c in result["claims"]}
    counts = {"leaves out": [0, 0], "only one outlet": [0, 0]}
    for finding in result["findings"]:
        outlet = finding["article"]
        if finding["kind"] == "omission":
            told = set().union(*(facts.get(p, frozenset()) for p in claims[finding["claim"]]["passages"]))
            elsewhere = [p for p, f in facts.items() if p.split(":")[0] == outlet and f & told]
            kind = "leaves out"
        elif finding["kind"] == "unique":
            told = facts.get(finding["passage"], frozenset())
            elsewhere = [p for p, f in facts.items() if p.split(":")[0] != outlet and f & told]
            kind = "only one outlet"
        else:
            continue
        counts[kind][0] += not elsewhere
        counts[kind][1] += 1
    return {kind: (right, total) for kind, (right, total) in counts.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--skip-ecb", action="store_true", help="leave out the ECB+ measure (the slowest)")
    args = parser.parse_args(argv)
    encoder = load_encoder()
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.1f}; model {encoder.model_id}; scorer {load_scorer().provenance.get('trained')}")
    events = [event_rows(path, encoder) for path in dense_files()]
    sample = next((event_rows(path, encoder) for path in sample_files()), None)
    dense(events, sample, [event_rows(path, encoder) for path in held_out_files()])
    pairs_sets(encoder)
    if not args.skip_ecb:
        ecb(encoder)
    timing(encoder)
    stability(encoder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
