"""Date arithmetic that SQLite and PostgreSQL spell differently."""

from django.db import models
from django.db.models import Value


class DaysBetween(models.Func):
    """Days from `start` to `end` (negative when end is earlier): DaysBetween(end, start)."""

    output_field = models.FloatField()
    arity = 2

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler,
            connection,
            template="(julianday(%(expressions)s))",
            arg_joiner=") - julianday(",
            **extra_context,
        )

    def as_postgresql(self, compiler, connection, **extra_context):
        # date - date is an integer number of days in PostgreSQL.
        return super().as_sql(
            compiler,
            connection,
            template="((%(expressions)s::date)::float)",
            arg_joiner="::date - ",
            **extra_context,
        )

    def as_sql(self, compiler, connection, **extra_context):  # pragma: no cover
        raise NotImplementedError(f"DaysBetween is not written for {connection.vendor}.")


def date_value(day):
    return Value(day, output_field=models.DateField())
