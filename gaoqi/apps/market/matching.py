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
        rows, cols, tf = np.array(rows, dtype=np.int32), np.array(cols, dtype=np.int32), np.array(tfs, dtype=float)
        df = np.bincount(cols, minlength=len(self.vocab))
        self.idf = np.log(1 + (len(docs) - df + 0.5) / (df + 0.5))
        norm = K1 * (1 - B + B * lengths[rows] / max(lengths.mean() if len(docs) else 1.0, 1.0))
        weights = self.idf[cols] * tf * (K1 + 1) / (tf + norm)
        self.matrix = sparse.csr_matrix((weights, (rows, cols)), shape=(len(docs), len(self.vocab)))
        self.fields = np.array([doc.field[:3] for doc in docs])
        self.districts = np.array([doc.district for doc in docs])
        self.certified = np.array([bool(doc.certified) for doc in docs])

    def queries(self, docs: list[Doc]) -> sparse.csr_matrix:
        """Query rows over this index's vocabulary (terms it does not know are dropped)."""
        rows, cols = [], []
        for i, doc in enumerate(docs):
            for term in match_terms(doc.text):
                col = self.vocab.get(term)
                if col is not None:
                    rows.append(i)
                    cols.append(col)
        data = np.ones(len(rows))
        return sparse.csr_matrix((data, (rows, cols)), shape=(len(docs), len(self.vocab)))

    def scores(self, queries: list[Doc]) -> np.ndarray:
        """The score of every document for every query (queries × documents)."""
        text = (self.queries(queries) @ self.matrix.T).toarray()
        best = text.max(axis=1, initial=0.0)
        text /= np.where(best > 0, best, 1.0)[:, None]
        fields = np.array([q.field[:3] for q in queries])
        same_sub = fields[:, None] == self.fields[None, :]
        same_field = (fields.astype("<U2")[:, None] == self.fields.astype("<U2")[None, :]) & ~same_sub
        near = np.array([q.district for q in queries])[:, None] == self.districts[None, :]
        return (
            WEIGHTS["text"] * text
            + WEIGHTS["sub_field"] * same_sub
            + WEIGHTS["field"] * same_field
            + WEIGHTS["district"] * (near & (self.districts != "")[None, :])
            + WEIGHTS["certified"] * self.certified[None, :]
        )

    def top(self, queries: list[Doc], k: int = 10) -> list[list[Suggestion]]:
        """The ``k`` best documents for each query, best first, each with its reasons."""
        if not queries or not self.docs:
            return [[] for _ in queries]
        scores = self.scores(queries)
        k = min(k, len(self.docs))
        picks = np.argpartition(-scores, k - 1, axis=1)[:, :k]
        result = []
        for qi, row in enumerate(picks):
            order = row[np.lexsort((row, -scores[qi, row]))]
            result.append(
                [
                    Suggestion(self.docs[d].id, round(float(scores[qi, d]), 4), self.reasons(queries[qi], d))
                    for d in order
                ]
            )
        return result

    def reasons(self, query: Doc, d: int) -> list[str]:
        """Why document ``d`` suits ``query``, in Chinese: shared key terms, then each feature that held."""
        doc = self.docs[d]
        shared = [t for t in match_terms(query.text) if t in self.vocab and self.matrix[d, self.vocab[t]] > 0]
        shared.sort(key=lambda t: -self.matrix[d, self.vocab[t]])
        reasons = [f"共有关键词：{'、'.join(shared[:REASON_TERMS])}"] if shared else []
        if doc.field[:3] == query.field[:3]:
            reasons.append("同属一个技术领域（二级）")
        elif doc.field[:2] == query.field[:2]:
            reasons.append("同属一个技术领域（一级）")
        if doc.district and doc.district == query.district:
            reasons.append("位于同一区")
        if doc.certified:
            reasons.append(f"已获{'、'.join(doc.certified)}认定")
        return reasons
