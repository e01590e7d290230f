"""Bulk assessment of profiles (JSON lines, or Parquet in the same schema) into JSON lines or Parquet, in
parallel blocks.

Each block is read by the fast columnar reader, whose vectorised checks set aside the rows it cannot vouch for;
those rows, and lines that are not JSON objects, are read one by one by the validating reader. An invalid line
yields ``{"line": N, "error": {"field", "message"}}`` in its place (lines count from 1; for Parquet input, rows).
"""

import contextlib
import datetime as dt
import functools
import heapq
import io
import itertools
import os
import shutil
import tempfile
from collections import deque
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from operator import itemgetter
from pathlib import Path

import numpy as np
import orjson
import polars as pl

from gaoqi.rules.api import assess_tables
from gaoqi.rules.columnar import read_jsonl, tables_from_frame
from gaoqi.rules.engine import Tables
from gaoqi.rules.errors import ProfileError
from gaoqi.rules.profile import ProfileReader

BLOCK_LINES = 10_000


@dataclass
class Block:
    """A run of input lines (a byte range of the file), or of Parquet rows, read by the worker itself."""

    first_line: int
    jsonl: Path | None = None
    offset: int = 0
    length: int = 0
    parquet: Path | None = None
    rows: int = 0

    def frame(self) -> pl.DataFrame:
        return pl.scan_parquet(self.parquet).slice(self.first_line - 1, self.rows).collect()

    @functools.cached_property
    def lines(self) -> list[bytes] | None:
        if self.jsonl is None:
            return None
        with self.jsonl.open("rb") as handle:
            handle.seek(self.offset)
            return handle.read(self.length).splitlines(keepends=True)

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
        first = offset = 0
        while True:
            length = sum(len(line) for line in itertools.islice(handle, size))
            if not length:
                return
            yield Block(first * size + 1, jsonl=path, offset=offset, length=length)
            first, offset = first + 1, offset + length


@dataclass
class _Pieces:
    """A block's profiles as validated tables with their line numbers, and its errors."""

    tables: list[tuple[Tables, list[int]]]
    errors: list[tuple[int, str, str]]


def _looks_like_object(line: bytes) -> bool:
    stripped = line.strip()
    return stripped[:1] == b"{" and stripped[-1:] == b"}"


def _validated(lines: list[tuple[int, bytes]], as_of: dt.date, pieces: _Pieces) -> None:
    """Read lines one by one with the validating reader: each valid profile is kept, each invalid one reported."""
    reader, valid = ProfileReader(as_of), []
    for number, line in lines:
        try:
            reader.add(orjson.loads(line.rstrip(b"\r\n")))
            valid.append(number)
        except orjson.JSONDecodeError as error:
            pieces.errors.append((number, "(line)", f"不是有效的 JSON：{error}"))
        except ProfileError as error:
            pieces.errors.append((number, error.field, error.message))
    if valid:
        pieces.tables.append((reader.tables(), valid))


def _columnar(lines: list[tuple[int, bytes]], as_of: dt.date, pieces: _Pieces, slow: list) -> None:
    """Read lines with the fast reader; when Polars cannot parse them together, halve until the culprit is alone."""
    read = read_jsonl(b"".join(line if line.endswith(b"\n") else line + b"\n" for _, line in lines), as_of)
    if read is None:
        if len(lines) == 1:
            slow.extend(lines)
            return
        middle = len(lines) // 2
        _columnar(lines[:middle], as_of, pieces, slow)
        _columnar(lines[middle:], as_of, pieces, slow)
        return
    tables, good = read
    if tables.size:
        pieces.tables.append((tables, [number for (number, _), ok in zip(lines, good, strict=True) if ok]))
    slow.extend(item for item, ok in zip(lines, good, strict=True) if not ok)


def read_block(block: Block, as_of: dt.date) -> _Pieces:
    """The block's profiles, fast where the columnar reader vouches for them, validated one by one where not."""
    pieces, slow = _Pieces([], []), []
    if block.parquet is not None:
        frame = block.frame()
        numbers = range(block.first_line, block.first_line + block.rows)
        try:
            tables, good = tables_from_frame(frame, as_of)
        except pl.exceptions.PolarsError:
            tables, good = None, np.zeros(block.rows, dtype=bool)
        if tables is not None and tables.size:
            pieces.tables.append((tables, [n for n, ok in zip(numbers, good, strict=True) if ok]))
        if not good.all():
            lines = block.as_lines()
            slow = [(number, lines[i]) for i, (number, ok) in enumerate(zip(numbers, good, strict=True)) if not ok]
    else:
        numbered = [(block.first_line + i, line) for i, line in enumerate(block.lines) if line.strip()]
        objects = [item for item in numbered if _looks_like_object(item[1])]
        slow = [item for item in numbered if not _looks_like_object(item[1])]
        if objects:
            _columnar(objects, as_of, pieces, slow)
    if slow:
        _validated(sorted(slow), as_of, pieces)
    return pieces


def assess_block(block: Block, as_of: dt.date, parquet: bool) -> Outcome:
    """Assess one block of lines."""
    pieces = read_block(block, as_of)
    assessed, invalid = sum(len(numbers) for _, numbers in pieces.tables), len(pieces.errors)
    results = [(assess_tables(tables, as_of, compact=True), numbers) for tables, numbers in pieces.tables]
    if parquet:
        frames = [frame.with_columns(line=pl.Series(numbers, dtype=pl.Int64), error=None) for frame, numbers in results]
        if pieces.errors:
            frames.append(
                pl.DataFrame(
                    {
                        "line": [e[0] for e in pieces.errors],
                        "error": [{"field": e[1], "message": e[2]} for e in pieces.errors],
                    }
                )
            )
        frame = pl.concat(frames, how="diagonal_relaxed").sort("line") if frames else pl.DataFrame()
        return Outcome(None, frame, assessed, invalid)
    bodies = [(_ndjson(frame.unnest("result")), numbers) for frame, numbers in results]
    if len(bodies) == 1 and not pieces.errors:
        return Outcome(bodies[0][0], None, assessed, 0)
    runs = [list(zip(numbers, body.splitlines(), strict=True)) for body, numbers in bodies]
    runs.append(
        [
            (number, orjson.dumps({"line": number, "error": {"field": field, "message": message}}))
            for number, field, message in sorted(pieces.errors)
        ]
    )
    lines = [line for _, line in heapq.merge(*runs, key=itemgetter(0))]
    return Outcome(b"\n".join(lines) + b"\n" if lines else b"", None, assessed, invalid)


def _ndjson(frame: pl.DataFrame) -> bytes:
    """A frame as JSON lines, kept as bytes (decoding and re-encoding megabytes of Chinese text is slow)."""
    buffer = io.BytesIO()
    frame.write_ndjson(buffer)
    return buffer.getvalue()


def _assess_into(block: Block, as_of: dt.date, part: Path) -> Outcome:
    """Assess a block into a part file (results stay out of the pipe between processes); returns the counts."""
    outcome = assess_block(block, as_of, part.suffix == ".parquet")
    if outcome.frame is not None:
        outcome.frame.write_parquet(part)
    else:
        part.write_bytes(outcome.jsonl)
    return Outcome(None, None, outcome.assessed, outcome.invalid)


def _append(sink, part: Path) -> None:
    """Copy a part file to the end of the output inside the kernel, and remove it."""
    with part.open("rb") as source:
        size, copied = os.fstat(source.fileno()).st_size, 0
        try:
            while copied < size:
                step = os.copy_file_range(source.fileno(), sink.fileno(), size - copied)
                if not step:
                    break
                copied += step
        except OSError:
            pass
        if copied < size:
            source.seek(copied)
            sink.seek(0, os.SEEK_END)
            shutil.copyfileobj(source, sink, 1 << 20)
            sink.flush()
    part.unlink()


def run(source: Path, out: Path, as_of: dt.date, workers: int | None = None) -> tuple[int, int]:
    """Assess every line of ``source`` into ``out`` (.jsonl or .parquet); returns (assessed, invalid).

    At most two blocks per worker are in flight, so memory stays bounded whatever the size of the input."""
    parquet = out.suffix == ".parquet"
    workers = workers or os.cpu_count() or 1
    assessed = invalid = 0
    with (
        ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool,
        tempfile.TemporaryDirectory(dir=out.parent) as parts,
        out.open("wb") if not parquet else contextlib.nullcontext() as sink,
    ):
        pending: deque = deque()
        written = 0

        def write_next() -> None:
            nonlocal assessed, invalid, written
            outcome = pending.popleft().result()
            assessed, invalid = assessed + outcome.assessed, invalid + outcome.invalid
            if not parquet:
                _append(sink, Path(parts) / f"{written:08d}.jsonl")
            written += 1

        for number, block in enumerate(blocks(source)):
            pending.append(pool.submit(_assess_into, block, as_of, Path(parts) / f"{number:08d}{out.suffix}"))
            if len(pending) >= 2 * workers:
                write_next()
        while pending:
            write_next()
        if parquet and written:
            pl.scan_parquet(Path(parts) / "*.parquet").sink_parquet(out)
    return assessed, invalid
