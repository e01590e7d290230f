"""Search terms for Chinese and mixed text, without segmentation: after NFKC and case folding, a run of CJK characters
gives its single characters and overlapping bigrams, a number (``2023``, ``4.99``) and a Latin word give one term.
A query is tokenised the same way, except that a CJK run of two or more characters gives its bigrams only.
Stored text also gives the terms of the short forms people search by wherever the full form occurs."""

import re
import unicodedata
from collections import Counter

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
TOKEN = re.compile(rf"(?P<cjk>[{CJK}]+)|(?P<number>\d+(?:\.\d+)?)|(?P<word>(?:(?![{CJK}])[^\W\d_])+)")
MAX_TERM = 32  # characters kept of a long word or number (the column's length)
MAX_QUERY = 100  # characters of a query that are searched
MAX_QUERY_TERMS = 40
# Weight of a term per field it occurs in: title > document number, issuer > summary, clauses > full text.
FIELD_WEIGHTS = {"title": 12, "document_number": 8, "issuer": 6, "summary": 4, "clauses": 4, "full_text": 1}
FULL_TEXT_REPEATS = 3  # occurrences counted in the full text, so that a long text never outweighs the summary
# Short forms indexed wherever the full form occurs, so that "高企" finds "高新技术企业".
SHORT_FORMS = {
    "高新技术企业": ("高企",),
    "科技型中小企业": ("科小", "科技型中小"),
    "研究开发": ("研发",),
    "首次公开发行": ("ipo",),
    "知识产权": ("ip",),
}
# Short forms whose edges differ from the full form's stand alone in a query: the bigram across "高企|认定" ("企认")
# never occurs in the full form's text ("…企业认定").
SPLIT_SHORTS = sorted(
    {
        s
        for full, forms in SHORT_FORMS.items()
        for s in forms
        if not s.isascii() and (s[0], s[-1]) != (full[0], full[-1])
    },
    key=len,
    reverse=True,
)
SNIPPET = 120  # characters shown around a match
SNIPPET_BEFORE = 30


def fold(text: str) -> str:
    """Full-width and half-width forms made equal, then case-folded."""
    return unicodedata.normalize("NFKC", text).casefold()


def _tokens(text: str):
    for found in TOKEN.finditer(fold(text)):
        yield found.lastgroup, found.group()[:MAX_TERM]


def _bigrams(run: str) -> list[str]:
    return [run[i : i + 2] for i in range(len(run) - 1)]


def text_terms(text: str) -> Counter:
    """Every term of a stored text with its number of occurrences, short forms of the full forms included."""
    terms = Counter()
    folded = fold(text)
    shorts = [short for full, forms in SHORT_FORMS.items() for short in forms * folded.count(fold(full))]
    for kind, token in (pair for part in (text, *shorts) for pair in _tokens(part)):
        if kind == "cjk":
            terms.update(token)
            terms.update(_bigrams(token))
        else:
            terms[token] += 1
    return terms


def _short_forms_apart(query: str) -> str:
    """The query with each short form standing alone, so that "高企认定" asks for "高企" and "认定" (not "企认")."""
    for short in SPLIT_SHORTS:
        query = query.replace(short, f" {short} ")
    return query


def query_terms(query: str) -> list[str]:
    """The distinct terms of a query, in order; only its first ``MAX_QUERY`` characters count."""
    terms: dict[str, None] = {}
    for kind, token in _tokens(_short_forms_apart(fold(query[:MAX_QUERY]))):
        for term in _bigrams(token) if kind == "cjk" and len(token) > 1 else [token]:
            terms[term] = None
    return list(terms)[:MAX_QUERY_TERMS]


def weighted_terms(fields: dict[str, str]) -> dict[str, int]:
    """The index rows of one policy: each term with the summed weight of the fields it occurs in."""
    weights = Counter()
    for name, weight in FIELD_WEIGHTS.items():
        for term, count in text_terms(fields.get(name) or "").items():
            weights[term] += weight * (min(count, FULL_TEXT_REPEATS) if name == "full_text" else 1)
    return dict(weights)


def _folded_with_origin(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the index of the original character it came from."""
    folded = fold(text)
    if len(folded) == len(text):
        return folded, list(range(len(text)))
    parts = [fold(char) for char in text]
    return "".join(parts), [i for i, part in enumerate(parts) for _ in part]


def _spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Merged (start, end) ranges of the original text where any term occurs."""
    folded, origin = _folded_with_origin(text)
    found = []
    for term in terms:
        at = folded.find(term)
        while at >= 0:
            found.append((origin[at], origin[at + len(term) - 1] + 1))
            at = folded.find(term, at + 1)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _first(text: str, terms: list[str]) -> int:
    folded, origin = _folded_with_origin(text)
    return origin[min((at for at in map(folded.find, terms) if at >= 0), default=0)]


def _marked(text: str, terms: list[str]) -> list[tuple[str, bool]]:
    parts, at = [], 0
    for start, end in _spans(text, terms):
        parts += [(text[at:start], False), (text[start:end], True)]
        at = end
    parts.append((text[at:], False))
    return [part for part in parts if part[0]]


def highlight(text: str, query: str) -> list[tuple[str, bool]]:
    """The whole text as (text, matched) parts."""
    return _marked(text, query_terms(query))


def snippet(texts: list[str], query: str) -> list[tuple[str, bool]]:
    """A window of the first text with the most query terms, around its first match, as (text, matched) parts;
    no parts when no text contains a term."""
    terms = query_terms(query)
    counts = [sum(term in folded for term in terms) for folded in map(fold, texts)]
    if not terms or not any(counts):
        return []
    text = texts[counts.index(max(counts))]
    start = max(0, _first(text, terms) - SNIPPET_BEFORE)
    end = min(len(text), start + SNIPPET)
    before, after = [("…", False)] if start else [], [("…", False)] if end < len(text) else []
    return before + _marked(text[start:end], terms) + after
