"""The two ways of booking an appointment that the benchmark compares.

- `ServiceWriter`: Enamel's path: `create_appointment` inside `Database.write()`, one edge (one
  transaction, one commit) per booking.
- `SqliteWriter` / `PostgresWriter`: the same booking as an expert would write it by hand with
  the bare driver and no SQLAlchemy: serialise, look for overlaps, insert the appointment and its
  security-log row, commit. They do what the service does to book and to log, and nothing of what
  it does to validate (reference checks, pattern and enum checks): that difference is the cost
  the benchmark puts a number on.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from pathlib import Path
from typing import Protocol

import psycopg

from bench.practice import PATTERN, Booking, Practice
from enamel.appointments.service import AppointmentData, create_appointment
from enamel.db import Database
from enamel.models.enums import ApptStatus, EnumPermType, LogSources
from enamel.security import Actor


class BookingRefused(RuntimeError):
    """A hand-written booking found an overlap: the plan gave out a taken slot (a bug here)."""


class Writer(Protocol):
    def write(self, booking: Booking) -> None: ...

    def close(self) -> None: ...


class ServiceWriter:
    """One `Database.write()` edge and one `create_appointment` per booking."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    def write(self, booking: Booking) -> None:
        actor = dataclasses.replace(self.actor, request_id=booking.request_id)
        data = AppointmentData(
            PatNum=booking.pat_num, Op=booking.op, AptDateTime=booking.start, Pattern=PATTERN
        )
        with self.db.write() as session:
            create_appointment(session, actor, data)

    def close(self) -> None:
        pass


# What the service stores for these bookings (an operatory with a dentist, no clinic):
SCHEDULED = int(ApptStatus.Scheduled)
OCCUPYING = (int(ApptStatus.Scheduled), int(ApptStatus.Complete))
APPOINTMENT_CREATE = int(EnumPermType.AppointmentCreate)
MINUTES_PER_SLOT = 5


def _now() -> dt.datetime:
    """Naive server-local time, whole seconds (Open Dental's convention)."""
    return dt.datetime.now().replace(microsecond=0)


def _overlaps(start: dt.datetime, end: dt.datetime, other: dt.datetime, pattern: str) -> bool:
    return other < end and start < other + dt.timedelta(minutes=MINUTES_PER_SLOT * len(pattern))


class _HandWritten:
    """What both bare-driver writers share: the booking's values and the log text."""

    def __init__(self, practice: Practice, actor: Actor) -> None:
        self.practice = practice
        self.actor = actor
        self.by = actor.describe()
        self.log_source = int(LogSources.API)
        self.length = dt.timedelta(minutes=MINUTES_PER_SLOT * len(PATTERN))

    def log_text(self, apt_num: int, booking: Booking) -> str:
        name = self.practice.patient_names[booking.pat_num]
        when = f"op {booking.op} at {booking.start:%Y-%m-%d %H:%M} ({len(PATTERN) * 5} min)"
        return f"Appointment {apt_num} (Scheduled) created for {name}, {when}. By {self.by}."


# SQLite: the tables and columns have the same names; no quoting is needed, but the quotes keep
# the statements identical in shape to PostgreSQL's.
_SQLITE_OVERLAP = (
    'SELECT "AptNum", "AptDateTime", "Pattern" FROM appointment '
    'WHERE "Op" = ? AND "AptDateTime" >= ? AND "AptDateTime" < ? '
    'AND "AptStatus" IN (?, ?) AND "AptNum" != ? ORDER BY "AptDateTime"'
)
_SQLITE_INSERT_APPOINTMENT = (
    'INSERT INTO appointment ("PatNum", "AptStatus", "Pattern", "Confirmed", "Op", "ProvNum", '
    '"ProvHyg", "ClinicNum", "AptDateTime", "SecUserNumEntry", "SecDateTEntry", "DateTStamp") '
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_SQLITE_INSERT_LOG = (
    'INSERT INTO securitylog ("PermType", "UserNum", "LogDateTime", "LogText", "PatNum", '
    '"CompName", "FKey", "LogSource", "ActorKind", "ActorName", "RequestId") '
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _sqlite_datetime(value: dt.datetime) -> str:
    """The text SQLAlchemy's SQLite DATETIME stores, so both paths' rows compare alike."""
    return value.isoformat(sep=" ", timespec="microseconds")


class SqliteWriter(_HandWritten):
    """`sqlite3`, with Enamel's PRAGMAs (WAL, synchronous NORMAL, busy timeout) and
    `BEGIN IMMEDIATE`, which serialises writers as the service's transactions are."""

    def __init__(self, path: Path, practice: Practice, actor: Actor) -> None:
        super().__init__(practice, actor)
        self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.conn.execute("PRAGMA busy_timeout = 30000")
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = NORMAL")

    def write(self, booking: Booking) -> None:
        conn = self.conn
        start = booking.start
        end = start + self.length
        day_start = dt.datetime.combine(start.date(), dt.time(0))
        conn.execute("BEGIN IMMEDIATE")
        try:
            candidates = conn.execute(
                _SQLITE_OVERLAP,
                (booking.op, _sqlite_datetime(day_start), _sqlite_datetime(end), *OCCUPYING, 0),
            )
            for apt_num, other, pattern in candidates:
                if _overlaps(start, end, dt.datetime.fromisoformat(other), pattern):
                    raise BookingRefused(f"op {booking.op} at {start} overlaps {apt_num}")
            now = _sqlite_datetime(_now())
            cursor = conn.execute(
                _SQLITE_INSERT_APPOINTMENT,
                (
                    booking.pat_num,
                    SCHEDULED,
                    PATTERN,
                    self.practice.unconfirmed,
                    booking.op,
                    self.practice.dentist,
                    0,
                    0,
                    _sqlite_datetime(start),
                    self.actor.user_num,
                    now,
                    now,
                ),
            )
            apt_num = cursor.lastrowid or 0
            conn.execute(
                _SQLITE_INSERT_LOG,
                (
                    APPOINTMENT_CREATE,
                    self.actor.user_num,
                    now,
                    self.log_text(apt_num, booking),
                    booking.pat_num,
                    self.actor.client_address,
                    apt_num,
                    self.log_source,
                    self.actor.kind.value,
                    self.actor.name,
                    booking.request_id,
                ),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self.conn.close()


# PostgreSQL: Open Dental's mixed-case column names must be double-quoted.
_PG_LOCK = 'SELECT "OperatoryNum" FROM operatory WHERE "OperatoryNum" = %s FOR UPDATE'
_PG_OVERLAP = (
    'SELECT "AptNum", "AptDateTime", "Pattern" FROM appointment '
    'WHERE "Op" = %s AND "AptDateTime" >= %s AND "AptDateTime" < %s '
    'AND "AptStatus" IN (%s, %s) AND "AptNum" != %s ORDER BY "AptDateTime"'
)
_PG_INSERT_APPOINTMENT = (
    'INSERT INTO appointment ("PatNum", "AptStatus", "Pattern", "Confirmed", "Op", "ProvNum", '
    '"ProvHyg", "ClinicNum", "AptDateTime", "SecUserNumEntry", "SecDateTEntry", "DateTStamp") '
    'VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) RETURNING "AptNum"'
)
_PG_INSERT_LOG = (
    'INSERT INTO securitylog ("PermType", "UserNum", "LogDateTime", "LogText", "PatNum", '
    '"CompName", "FKey", "LogSource", "ActorKind", "ActorName", "RequestId") '
    "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
)


class PostgresWriter(_HandWritten):
    """`psycopg` on one connection, READ COMMITTED as Enamel's engines; the operatory row is
    locked FOR UPDATE before the overlap query, as the service does."""

    def __init__(self, conninfo: str, practice: Practice, actor: Actor) -> None:
        super().__init__(practice, actor)
        self.conn = psycopg.connect(conninfo)
        self.conn.isolation_level = psycopg.IsolationLevel.READ_COMMITTED

    def write(self, booking: Booking) -> None:
        conn = self.conn
        start = booking.start
        end = start + self.length
        day_start = dt.datetime.combine(start.date(), dt.time(0))
        try:
            with conn.cursor() as cur:
                cur.execute(_PG_LOCK, (booking.op,))
                cur.fetchone()
                cur.execute(_PG_OVERLAP, (booking.op, day_start, end, *OCCUPYING, 0))
                for apt_num, other, pattern in cur.fetchall():
                    if _overlaps(start, end, other, pattern):
                        raise BookingRefused(f"op {booking.op} at {start} overlaps {apt_num}")
                now = _now()
                cur.execute(
                    _PG_INSERT_APPOINTMENT,
                    (
                        booking.pat_num,
                        SCHEDULED,
                        PATTERN,
                        self.practice.unconfirmed,
                        booking.op,
                        self.practice.dentist,
                        0,
                        0,
                        start,
                        self.actor.user_num,
                        now,
                        now,
                    ),
                )
                row = cur.fetchone()
                apt_num = int(row[0]) if row else 0
                cur.execute(
                    _PG_INSERT_LOG,
                    (
                        APPOINTMENT_CREATE,
                        self.actor.user_num,
                        now,
                        self.log_text(apt_num, booking),
                        booking.pat_num,
                        self.actor.client_address,
                        apt_num,
                        self.log_source,
                        self.actor.kind.value,
                        self.actor.name,
                        booking.request_id,
                    ),
                )
            conn.commit()
        except BaseException:
            conn.rollback()
            raise

    def close(self) -> None:
        self.conn.close()
