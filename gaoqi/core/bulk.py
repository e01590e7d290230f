"""Multi-row inserts for the bulk paths (batch results, policy matches, outbox rows), where building one model
instance per row for ``bulk_create`` costs more than the work that produced the rows.

PostgreSQL: COPY into a temporary staging table, then one INSERT … SELECT (a multi-row VALUES statement with
thousands of bound parameters is several times slower there). SQLite: multi-row VALUES statements.
"""

from django.db import connection

ROWS_PER_STATEMENT = 1000  # within SQLite's limit of bound parameters for up to 32 columns


def insert_rows(
    model, fields: list[str], rows: list[tuple], *, ignore_conflicts: bool = False, returning: list[str] = ()
) -> list[tuple]:
    """Insert ``rows`` (plain values in ``fields`` order, adapted for the database), optionally skipping unique
    conflicts; returns the ``returning`` columns of the rows actually inserted.

    Must run inside a transaction (the PostgreSQL staging table lives until commit).
    """
    if not rows:
        return []
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    tail = " ON CONFLICT DO NOTHING" if ignore_conflicts else ""
    if returning:
        tail += " RETURNING " + ", ".join(quote(model._meta.get_field(name).column) for name in returning)
    if connection.vendor == "postgresql":
        return _copy_then_insert(table, quote(f"stage_{model._meta.db_table}"), columns, rows, tail)
    return _multi_row_insert(table, columns, len(fields), rows, tail)


def _copy_then_insert(table: str, stage: str, columns: str, rows: list[tuple], tail: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS {stage} ON COMMIT DROP AS SELECT {columns} FROM {table} WITH NO DATA"
        )
        with cursor.cursor.copy(f"COPY {stage} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        cursor.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {stage}{tail}")
        inserted = cursor.fetchall() if "RETURNING" in tail else []
        cursor.execute(f"TRUNCATE {stage}")
    return inserted


def _multi_row_insert(table: str, columns: str, width: int, rows: list[tuple], tail: str) -> list[tuple]:
    row_sql = "(" + ", ".join(["%s"] * width) + ")"
    inserted = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), ROWS_PER_STATEMENT):
            batch = rows[start : start + ROWS_PER_STATEMENT]
            params = [value for row in batch for value in row]
            cursor.execute(f"INSERT INTO {table} ({columns}) VALUES {', '.join([row_sql] * len(batch))}{tail}", params)
            if "RETURNING" in tail:
                inserted += cursor.fetchall()
    return inserted
