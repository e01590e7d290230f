"""Matching figures (not a timed test): quality on the labelled set, then speed at city scale.

    .venv/bin/python bench/market_bench.py
    .venv/bin/python bench/market_bench.py --products 10000 --scenarios 1000 --runs 5

Quality: the 66 product types of the demo catalogue (gaoqi/apps/market/catalogue.yaml), each offered by three makers
(198 products), ranked for the 25 scenarios of tests/data/market_scenarios.csv; the judgements in
tests/data/market_relevance.csv (0 = not relevant, 1 = partly, 2 = answers the need) were written per product type from
the scenario's need and the definitions of the 52 sub-fields. A product type without a judgement counts as 0.
Precision@5 counts relevance ≥ 1; nDCG@10 uses gain 2^rel − 1. Printed for the full score and for text (BM25) alone.

Speed: products and scenarios made up from the catalogue's texts, then the BM25 index built and the 10 best products
of every scenario found, with reasons (median of --runs).
"""

import argparse
import csv
import random
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gaoqi.apps.market import matching  # noqa: E402
from gaoqi.apps.market.matching import Doc, Index  # noqa: E402

DATA = ROOT / "tests" / "data"
CATALOGUE = ROOT / "gaoqi" / "apps" / "market" / "catalogue.yaml"
MAKERS = ("华芯", "粤智", "穗达")
DISTRICTS = ("440103", "440104", "440105", "440106", "440111", "440112", "440113", "440114", "440115", "440117")


def product_types() -> list[tuple[str, str, str, str]]:
    import yaml

    return [
        (str(field), name, description, customers)
        for field, _kind, name, description, customers in yaml.safe_load(CATALOGUE.read_text("utf-8"))["products"]
    ]


def labelled():
    with (DATA / "market_scenarios.csv").open(encoding="utf-8") as f:
        scenarios = list(csv.DictReader(f))
    judged = defaultdict(dict)
    with (DATA / "market_relevance.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            judged[row["scenario"]][row["product"]] = int(row["relevance"])
    return scenarios, judged


def pool(rng: random.Random) -> tuple[list[Doc], list[str]]:
    docs, names = [], []
    for field, name, description, customers in product_types():
        for maker in MAKERS:
            docs.append(Doc(len(docs), f"{maker}{name} {description} {customers}", field, rng.choice(DISTRICTS)))
            names.append(name)
    return docs, names


def dcg(gains) -> float:
    return sum((2**g - 1) / np.log2(i + 2) for i, g in enumerate(gains))


def quality(index: Index, names: list[str], scenarios, judged) -> tuple[float, float]:
    queries = [Doc(i, f"{s['title']} {s['problem']}", s["field"], s["district"]) for i, s in enumerate(scenarios)]
    precisions, ndcgs = [], []
    for s, found in zip(scenarios, index.top(queries, 10), strict=True):
        rel = judged[s["id"]]
        gains = [rel.get(names[f.id], 0) for f in found]
        ideal = sorted((rel.get(n, 0) for n in names), reverse=True)[:10]
        precisions.append(sum(g >= 1 for g in gains[:5]) / 5)
        ndcgs.append(dcg(gains) / dcg(ideal) if dcg(ideal) else 0.0)
    return statistics.mean(precisions), statistics.mean(ndcgs)


def city(rng: random.Random, products: int, scenarios: int) -> tuple[list[Doc], list[Doc]]:
    types = product_types()
    made = []
    for i in range(products):
        field, name, description, customers = rng.choice(types)
        other = rng.choice(types)
        made.append(Doc(i, f"{name} {description} {customers} {other[2][:20]}", field, rng.choice(DISTRICTS)))
    _scenarios, _judged = labelled()
    needs = [
        Doc(i, f"{s['title']} {s['problem']}", s["field"], rng.choice(DISTRICTS)) for i, s in enumerate(_scenarios)
    ]
    return made, [rng.choice(needs) for _ in range(scenarios)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--scenarios", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(2026)

    scenarios, judged = labelled()
    docs, names = pool(rng)
    pairs = sum(len(v) for v in judged.values())
    print(f"labelled set: {len(scenarios)} scenarios, {pairs} judgements, {len(docs)} products")
    p5, ndcg = quality(Index(docs), names, scenarios, judged)
    print(f"full score      precision@5 {p5:.3f}   nDCG@10 {ndcg:.3f}")
    saved = dict(matching.WEIGHTS)
    matching.WEIGHTS.update(sub_field=0.0, field=0.0, district=0.0, certified=0.0)
    p5, ndcg = quality(Index(docs), names, scenarios, judged)
    print(f"text (BM25) only precision@5 {p5:.3f}   nDCG@10 {ndcg:.3f}")
    matching.WEIGHTS.update(saved)

    products, needs = city(rng, args.products, args.scenarios)
    builds, matches = [], []
    for _ in range(args.runs):
        started = time.perf_counter()
        index = Index(products)
        built = time.perf_counter()
        index.top(needs, 10)
        builds.append(built - started)
        matches.append(time.perf_counter() - built)
    print(
        f"{args.products:,} products × {args.scenarios:,} scenarios: index {statistics.median(builds):.2f} s, "
        f"top 10 with reasons for every scenario {statistics.median(matches):.2f} s (median of {args.runs})"
    )


if __name__ == "__main__":
    main()
