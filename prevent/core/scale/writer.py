"""Fast inserts for the scale-data generator: raw `executemany` in batches.

A `Table` writes rows of one model as tuples of the columns it is given,
bypassing model instances (the ORM's per-object cost dominates at a
million rows). Every other concrete column gets the model field's default,
so a field added later with a default needs no change here; a date or time
default that is a callable (`clock.now`) takes the generator's anchor time
instead, which keeps the data reproducible from the seed."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models
from tqdm import tqdm

BATCH = 5000

_PREPARED = (
    models.JSONField,
    models.DateTimeField,
    models.DateField,
    models.TimeField,
    models.GenericIPAddressField,
    models.DecimalField,
    models.UUIDField,
)


class Progress:
    """One tqdm bar per stage, or nothing (tests, --quiet)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def bar(self, label: str, total: int) -> Any:
        return tqdm(total=total, desc=f"{label:<22}", unit=" rows", disable=not self.enabled, leave=True)


def _sqlite_datetime(value: datetime) -> str:
    """What Django's SQLite backend stores for an aware datetime (naive UTC)."""
    return str(value.astimezone(UTC).replace(tzinfo=None))


def _converter(field: models.Field[Any, Any]) -> Callable[[Any], Any] | None:
    """How a value becomes what the database driver takes: the field's own
    `get_db_prep_value`, with shortcuts (same result, a tenth of the time)
    for the types the generator writes most."""
    sqlite = connection.vendor == "sqlite"
    if isinstance(field, models.DateTimeField):
        return _sqlite_datetime if sqlite else None
    if isinstance(field, models.DateField):
        return str if sqlite else None
    if isinstance(field, models.JSONField) and sqlite and field.encoder is None:
        return json.dumps
    if isinstance(field, models.GenericIPAddressField):
        return None
    if isinstance(field, _PREPARED):
        return lambda value: field.get_db_prep_value(value, connection, prepared=False)
    return None


class Table:
    """Buffered INSERTs into one model's table."""

    def __init__(
        self,
        model: type[models.Model],
        columns: Sequence[str],
        *,
        anchor: datetime,
        bar: Any = None,
        batch: int = BATCH,
    ) -> None:
        meta = model._meta
        self.model = model
        given: list[Any] = [meta.get_field(name) for name in columns]
        named = {f.attname for f in given}
        self.fixed: list[Any] = []
        self.per_row: list[Callable[[], Any]] = []
        extra: list[models.Field[Any, Any]] = []
        per_row_fields: list[models.Field[Any, Any]] = []
        value: Any
        for field in meta.concrete_fields:
            if field.attname in named or field.primary_key:
                continue
            if field.has_default() and callable(field.default):
                if isinstance(field, (models.DateTimeField, models.DateField)):
                    value = anchor if isinstance(field, models.DateTimeField) else anchor.date()
                    self.fixed.append(self._prep(field, value))
                    extra.append(field)
                else:
                    per_row_fields.append(field)
                    self.per_row.append(self._default_maker(field))
                continue
            if field.has_default():
                value = field.get_default()
            elif field.null:
                value = None
            elif field.blank and isinstance(field, (models.CharField, models.TextField, models.FileField)):
                value = ""
            elif isinstance(field, (models.DateTimeField, models.DateField)) and (
                getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
            ):
                value = anchor if isinstance(field, models.DateTimeField) else anchor.date()
            else:
                raise ValueError(f"{meta.label}.{field.name} has no default: give it to the generator")
            self.fixed.append(self._prep(field, value))
            extra.append(field)
        self.converters = [_converter(f) for f in given]
        self.any_conversion = any(self.converters)
        quote = connection.ops.quote_name
        all_columns = (
            [f.column for f in given] + [f.column for f in extra] + [f.column for f in per_row_fields]
        )
        # Table and column names come from the models, never from input.
        self.sql = (
            f"INSERT INTO {quote(str(meta.db_table))} ({', '.join(quote(c) for c in all_columns)}) "  # noqa: S608  # nosec B608  # quoted model names
            f"VALUES ({', '.join(['%s'] * len(all_columns))})"
        )
        self.per_row_prep = [self._prep_fn(f) for f in per_row_fields]
        self.fixed_tuple = tuple(self.fixed)
        self.rows: list[tuple[Any, ...]] = []
        self.batch = batch
        self.bar = bar
        self.count = 0

    @staticmethod
    def _prep(field: models.Field[Any, Any], value: Any) -> Any:
        return field.get_db_prep_value(value, connection, prepared=False)

    def _prep_fn(self, field: models.Field[Any, Any]) -> Callable[[Any], Any]:
        return lambda value: field.get_db_prep_value(value, connection, prepared=False)

    @staticmethod
    def _default_maker(field: models.Field[Any, Any]) -> Callable[[], Any]:
        return field.get_default

    def add(self, *values: Any) -> None:
        if self.any_conversion:
            values = tuple(
                value if convert is None or value is None else convert(value)
                for value, convert in zip(values, self.converters, strict=True)
            )
        row = values + self.fixed_tuple
        if self.per_row:
            row += tuple(prep(make()) for prep, make in zip(self.per_row_prep, self.per_row, strict=True))
        self.rows.append(row)
        if len(self.rows) >= self.batch:
            self.flush()

    def add_many(self, rows: Iterable[Sequence[Any]]) -> None:
        for row in rows:
            self.add(*row)

    def flush(self) -> None:
        if not self.rows:
            return
        with connection.cursor() as cursor:
            cursor.executemany(self.sql, self.rows)
        self.count += len(self.rows)
        if self.bar is not None:
            self.bar.update(len(self.rows))
        self.rows = []

    def close(self) -> int:
        self.flush()
        if self.bar is not None:
            self.bar.close()
        return self.count


def reset_sequences(models_: Iterable[type[models.Model]]) -> None:
    """After inserting explicit ids, point each table's id sequence past
    them (PostgreSQL; SQLite's autoincrement follows the largest id)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(models_))
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def as_date(value: datetime) -> date:
    return value.date()
