"""Bulk assessment of JSON-lines profiles into JSON lines or Parquet, in parallel blocks.

Each block is read by the fast columnar reader when it can vouch for it, else line by line by the validating
reader; an invalid line yields ``{"line": N, "error": {"field", "message"}}`` in its place (lines count from 1).
"""

import datetime as dt
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

import orjson
import polars as pl

from gaoqi.rules.api import assess_tables
from gaoqi.rules.columnar import read_jsonl
from gaoqi.rules.errors import ProfileError
from gaoqi.rules.profile import ProfileReader

BLOCK_LINES = 20_000


@dataclass
class Block:
    first_line: int
    lines: list[bytes]


@dataclass
class Outcome:
    """A block's results: JSON-lines bytes or a DataFrame (line, result, error), and counts."""

    jsonl: bytes | None
    frame: pl.DataFrame | None
    assessed: int
    invalid: int


def blocks(path: Path, size: int = BLOCK_LINES) -> Iterator[Block]:
    with path.open("rb") as handle:
        lines, first = [], 1
        for number, line in enumerate(handle, start=1):
            lines.append(line)
            if len(lines) == size:
                yield Block(first, lines)
                lines, first = [], number + 1
        if lines:
            yield Block(first, lines)


def _line_by_line(block: Block, as_of: dt.date):
    """Validate each line; returns the reader of the valid ones, their line numbers and the errors."""
    reader, valid, errors = ProfileReader(as_of), [], []
    for offset, line in enumerate(block.lines):
        number = block.first_line + offset
        if not line.strip():
            continue
        try:
            reader.add(orjson.loads(line))
            valid.append(number)
        except orjson.JSONDecodeError as error:
            errors.append((number, "(line)", f"不是有效的 JSON：{error}"))
        except ProfileError as error:
            errors.append((number, error.field, error.message))
    return reader.tables(), valid, errors


def assess_block(block: Block, as_of: dt.date, parquet: bool) -> Outcome:
    """Assess one block of lines."""
    non_blank = [line for line in block.lines if line.strip()]
    tables = read_jsonl(b"".join(non_blank), as_of) if len(non_blank) == len(block.lines) else None
    if tables is not None:
        numbers, errors = list(range(block.first_line, block.first_line + len(block.lines))), []
    else:
        tables, numbers, errors = _line_by_line(block, as_of)
    results = assess_tables(tables, as_of) if tables.size else pl.DataFrame({"result": []})
    if parquet:
        frame = results.with_columns(line=pl.Series(numbers, dtype=pl.Int64), error=None)
        if errors:
            failed = pl.DataFrame(
                {"line": [e[0] for e in errors], "error": [{"field": e[1], "message": e[2]} for e in errors]}
            )
            frame = pl.concat([frame, failed], how="diagonal_relaxed").sort("line")
        return Outcome(None, frame, tables.size, len(errors))
    body = results.unnest("result").write_ndjson() if tables.size else ""
    if not errors:
        return Outcome(body.encode(), None, tables.size, 0)
    lines = dict(zip(numbers, body.splitlines(), strict=True))
    for number, field, message in errors:
        lines[number] = orjson.dumps({"line": number, "error": {"field": field, "message": message}}).decode()
    text = "".join(lines[n] + "\n" for n in sorted(lines))
    return Outcome(text.encode(), None, tables.size, len(errors))


def run(source: Path, out: Path, as_of: dt.date, workers: int | None = None) -> tuple[int, int]:
    """Assess every line of ``source`` into ``out`` (.jsonl or .parquet); returns (assessed, invalid)."""
    parquet = out.suffix == ".parquet"
    workers = workers or os.cpu_count() or 1
    assessed = invalid = 0
    frames = []
    with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool, _sink(out, parquet) as sink:
        outcomes = pool.map(assess_block, blocks(source), _repeat(as_of), _repeat(parquet))
        for outcome in outcomes:
            assessed, invalid = assessed + outcome.assessed, invalid + outcome.invalid
            if parquet:
                frames.append(outcome.frame)
            else:
                sink.write(outcome.jsonl)
    if parquet:
        pl.concat(frames, how="diagonal_relaxed").write_parquet(out)
    return assessed, invalid


def _repeat(value):
    while True:
        yield value


class _sink:
    def __init__(self, out: Path, parquet: bool):
        self.handle = None if parquet else out.open("wb")

    def __enter__(self):
        return self.handle

    def __exit__(self, *exc):
        if self.handle:
            self.handle.close()
