"""Bulk assessment of profiles (JSON lines, or Parquet in the same schema) into JSON lines or Parquet, in
parallel blocks.

Each block is read by the fast columnar reader when it can vouch for it, else line by line by the validating
reader; an invalid line yields ``{"line": N, "error": {"field", "message"}}`` in its place (lines count from 1;
for Parquet input, rows).
"""

import contextlib
import datetime as dt
import os
import tempfile
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

import orjson
import polars as pl

from gaoqi.rules.api import assess_tables
from gaoqi.rules.columnar import read_jsonl, tables_from_frame
from gaoqi.rules.errors import ProfileError
from gaoqi.rules.profile import ProfileReader

BLOCK_LINES = 20_000


@dataclass
class Block:
    """A run of input lines, or of Parquet rows (read by the worker itself)."""

    first_line: int
    lines: list[bytes] | None = None
    parquet: Path | None = None
    rows: int = 0

    def frame(self) -> pl.DataFrame:
        return pl.scan_parquet(self.parquet).slice(self.first_line - 1, self.rows).collect()

    def as_lines(self) -> list[bytes]:
        """The block as JSON lines (Parquet rows re-serialised, the conversions text decoded back to an object)."""
        if self.lines is not None:
            return self.lines
        rows = self.frame().to_dicts()
        for row in rows:
            if isinstance(row.get("conversions"), str):
                row["conversions"] = orjson.loads(row["conversions"])
        return [orjson.dumps(row) for row in rows]


@dataclass
class Outcome:
    """A block's results: JSON-lines bytes or a DataFrame (line, result, error), and counts."""

    jsonl: bytes | None
    frame: pl.DataFrame | None
    assessed: int
    invalid: int


def blocks(path: Path, size: int = BLOCK_LINES) -> Iterator[Block]:
    if path.suffix == ".parquet":
        total = pl.scan_parquet(path).select(pl.len()).collect().item()
        for start in range(0, total, size):
            yield Block(start + 1, parquet=path, rows=min(size, total - start))
        return
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
    for offset, line in enumerate(block.as_lines()):
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
    if block.parquet is not None:
        tables, count = tables_from_frame(block.frame(), as_of), block.rows
    else:
        non_blank = [line for line in block.lines if line.strip()]
        count = len(block.lines)
        tables = read_jsonl(b"".join(non_blank), as_of) if len(non_blank) == count else None
    if tables is not None:
        numbers, errors = list(range(block.first_line, block.first_line + count)), []
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
    assessed = invalid = 0
    with (
        ProcessPoolExecutor(workers or os.cpu_count() or 1, mp_context=get_context("spawn")) as pool,
        tempfile.TemporaryDirectory(dir=out.parent) as parts,
        out.open("wb") if not parquet else contextlib.nullcontext() as sink,
    ):
        outcomes = pool.map(assess_block, blocks(source), _repeat(as_of), _repeat(parquet))
        for number, outcome in enumerate(outcomes):
            assessed, invalid = assessed + outcome.assessed, invalid + outcome.invalid
            if parquet:
                outcome.frame.write_parquet(Path(parts) / f"{number:08d}.parquet")
            else:
                sink.write(outcome.jsonl)
        if parquet:
            pl.scan_parquet(Path(parts) / "*.parquet").sink_parquet(out)
    return assessed, invalid


def _repeat(value):
    while True:
        yield value
