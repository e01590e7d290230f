"""Supply–demand matching, explained: BM25 text relevance over the policy library's Chinese terms (bigrams and words)
plus field, district and capability features, computed for many queries against many documents at once with sparse
matrices. Every suggestion carries the reasons it scored.

Documents and queries are plain ``Doc`` values (no database), so the same code ranks products for a scenario,
scenarios for an enterprise's products, and the evaluation set in ``bench/market_bench.py``."""

from collections import Counter
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from gaoqi.apps.policies.search_terms import text_terms

K1, B = 1.2, 0.75  # BM25's usual constants
WEIGHTS = {"text": 1.0, "sub_field": 0.6, "field": 0.2, "district": 0.1, "certified": 0.05}
"""Score = BM25 scaled to the best document of the query (0–1) + these bonuses for the features that hold."""
REASON_TERMS = 3
TIE_SPAN = 4e-5  # below half of the 0.0001 step scores are compared at


@dataclass(frozen=True)
class Doc:
    """One side of a match: a product or scenario (or an enterprise's products together)."""

    id: int
    text: str
    field: str  # a sub-field code (three digits); a longer code is cut to its sub-field
    district: str = ""
    certified: tuple[str, ...] = ()  # 首台（套）/首批次/首版次 labels held


@dataclass(frozen=True)
class Suggestion:
    id: int
    score: float
    reasons: list[str] = field(default_factory=list)


def match_terms(text: str) -> Counter:
    """A text's terms for matching: CJK bigrams, Latin words and numbers (single characters say too little)."""
    return Counter({t: n for t, n in text_terms(text).items() if len(t) > 1})


def _codes(fields: list[str]) -> np.ndarray:
    """Sub-field codes as integers (``"205"`` → 205; first-level field = code // 100); -1 when unknown."""
    return np.array([int(f[:3]) if f[:3].isdigit() and len(f) >= 3 else -1 for f in fields], dtype=np.int32)


def _districts(districts: list[str]) -> np.ndarray:
    return np.array([int(d) if d.isdigit() else 0 for d in districts], dtype=np.int32)


def _field_bonus(asked: np.ndarray, held: np.ndarray) -> np.ndarray:
    same_sub = asked[:, None] == held[None, :]
    same_field = (asked // 100)[:, None] == (held // 100)[None, :]
    return WEIGHTS["sub_field"] * same_sub + WEIGHTS["field"] * (same_field & ~same_sub)


def _district_bonus(asked: np.ndarray, held: np.ndarray) -> np.ndarray:
    return WEIGHTS["district"] * ((asked[:, None] == held[None, :]) & (held > 0)[None, :])


def _pair_bonus(asked: np.ndarray, held: np.ndarray, bonus) -> np.ndarray:
    """``bonus`` for every (query, document) pair, computed once per pair of distinct codes and then looked up."""
    asked_codes, asked_at = np.unique(asked, return_inverse=True)
    held_codes, held_at = np.unique(held, return_inverse=True)
    table = bonus(asked_codes, held_codes).astype(np.float32)
    return table[asked_at[:, None], held_at[None, :]]


class Index:
    """BM25 weights of a set of documents, one row per document."""

    def __init__(self, docs: list[Doc]):
        self.docs = docs
        self.vocab: dict[str, int] = {}
        rows, cols, tfs = [], [], []
        lengths = np.zeros(len(docs))
        for i, doc in enumerate(docs):
            terms = match_terms(doc.text)
            lengths[i] = sum(terms.values())
            for term, n in terms.items():
                rows.append(i)
                cols.append(self.vocab.setdefault(term, len(self.vocab)))
                tfs.append(n)
        row_at, col_at, tf = np.array(rows, dtype=np.int32), np.array(cols, dtype=np.int32), np.array(tfs, dtype=float)
        df = np.bincount(col_at, minlength=len(self.vocab))
        self.idf = np.log(1 + (len(docs) - df + 0.5) / (df + 0.5))
        norm = K1 * (1 - B + B * lengths[row_at] / max(lengths.mean() if len(docs) else 1.0, 1.0))
        weights = self.idf[col_at] * tf * (K1 + 1) / (tf + norm)
        self.matrix = sparse.csr_matrix(
            (weights.astype(np.float32), (row_at, col_at)), shape=(len(docs), len(self.vocab))
        )
        self.matrix.sort_indices()
        self.terms = list(self.vocab)
        # Equal scores (to 4 decimals, as shown) are ordered by a fixed pseudo-random order of the documents, which
        # also keeps the selection fast: a partition over many equal values is slow.
        order = np.random.default_rng(0).permutation(len(docs))
        self.tie_break = order / max(len(docs), 1) * TIE_SPAN  # float64: distinct for every document
        self.fields = _codes([doc.field for doc in docs])
        self.districts = _districts([doc.district for doc in docs])
        self.certified = np.array([bool(doc.certified) for doc in docs])

    def queries(self, docs: list[Doc]) -> sparse.csr_matrix:
        """Query rows over this index's vocabulary (terms it does not know are dropped)."""
        rows, cols = [], []
        for i, doc in enumerate(docs):
            known = [self.vocab[t] for t in match_terms(doc.text) if t in self.vocab]
            rows.extend([i] * len(known))
            cols.extend(known)
        data = np.ones(len(rows), dtype=np.float32)
        return sparse.csr_matrix((data, (rows, cols)), shape=(len(docs), len(self.vocab)))

    def scores(self, queries: list[Doc], rows: sparse.csr_matrix | None = None) -> np.ndarray:
        """The score of every document for every query (queries × documents)."""
        rows = self.queries(queries) if rows is None else rows
        text = (rows @ self.matrix.T).toarray()
        best = text.max(axis=1, initial=0.0)
        text *= (WEIGHTS["text"] / np.where(best > 0, best, 1.0))[:, None]
        fields, districts = _codes([q.field for q in queries]), _districts([q.district for q in queries])
        text += _pair_bonus(fields, self.fields, _field_bonus)
        text += _pair_bonus(districts, self.districts, _district_bonus)
        text += (WEIGHTS["certified"] * self.certified).astype(np.float32)[None, :]
        return text

    def top(self, queries: list[Doc], k: int = 10) -> list[list[Suggestion]]:
        """The ``k`` best documents for each query, best first, each with its reasons."""
        if not queries or not self.docs:
            return [[] for _ in queries]
        rows = self.queries(queries)
        scores = self.scores(queries, rows)
        k = min(k, len(self.docs))
        key = np.round(scores, 4).astype(np.float64)
        key += self.tie_break[None, :]
        picks = np.argpartition(key, -k, axis=1)[:, -k:]
        result = []
        for qi, row in enumerate(picks):
            order = row[np.argsort(-key[qi, row], kind="stable")]
            asked = np.zeros(len(self.terms), dtype=bool)
            asked[rows.indices[rows.indptr[qi] : rows.indptr[qi + 1]]] = True
            result.append(
                [
                    Suggestion(self.docs[d].id, round(float(scores[qi, d]), 4), self.reasons(queries[qi], d, asked))
                    for d in order
                ]
            )
        return result

    def shared_terms(self, d: int, asked: np.ndarray) -> list[str]:
        """The query's terms (``asked``: a mask over the vocabulary) that document ``d`` has, heaviest first."""
        start, end = self.matrix.indptr[d], self.matrix.indptr[d + 1]
        cols, weights = self.matrix.indices[start:end], self.matrix.data[start:end]
        hit = asked[cols]
        heaviest = cols[hit][np.argsort(-weights[hit], kind="stable")][:REASON_TERMS]
        return [self.terms[c] for c in heaviest]

    def reasons(self, query: Doc, d: int, asked: np.ndarray) -> list[str]:
        """Why document ``d`` suits ``query``, in Chinese: shared key terms, then each feature that held."""
        doc = self.docs[d]
        shared = self.shared_terms(d, asked)
        reasons = [f"共有关键词：{'、'.join(shared)}"] if shared else []
        if doc.field[:3] == query.field[:3]:
            reasons.append("同属一个技术领域（二级）")
        elif doc.field[:2] == query.field[:2]:
            reasons.append("同属一个技术领域（一级）")
        if doc.district and doc.district == query.district:
            reasons.append("位于同一区")
        if doc.certified:
            reasons.append(f"已获{'、'.join(doc.certified)}认定")
        return reasons
