"""Change capture: database triggers that record every write to the practice tables.

Every INSERT, UPDATE and DELETE on a `CAPTURED` table (and every TRUNCATE on PostgreSQL) adds
a row to `auditchange`, whoever writes: Enamel, a vendor with its own database account, or
someone holding the root password. The row names the writing database account and host, the
connection, the application (PostgreSQL), Enamel's transaction marker ('' when the writer did
not set one) and the row before and after as JSON. `install()` builds the triggers from the
live tables' columns and runs after every migration, so a new column is captured too.

Security properties:
- The writer is read from the server, never from the trigger's owner: MariaDB `USER()` (inside
  a trigger `CURRENT_USER()` is the trigger's definer), PostgreSQL `session_user` (a SECURITY
  DEFINER function changes `current_user`). The time is the server's clock: MariaDB `SYSDATE()`,
  because `SET timestamp` lets any session move `NOW()`.
- PostgreSQL trigger functions are SECURITY DEFINER with a fixed `search_path`, so a writer that
  may not write `auditchange` is still recorded and cannot slip its own functions into the
  trigger's calls; MariaDB triggers always run with their definer's rights.
- The marker attributes a change to an Enamel transaction; any session can set it, so it does
  not authenticate one (row seals do).
- A dropped, disabled or rewritten trigger shows in `problems()`; one dropped and re-created
  (after writes made in between) changes `fingerprints()`.

Blind spots: MariaDB's TRUNCATE fires no trigger; on PostgreSQL a session with
`session_replication_role = replica` (superusers only) fires no ordinary trigger and leaves no
trace in the catalog; on SQLite anyone who can write the file can do anything to it.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, inspect, text

CAPTURED: tuple[str, ...] = (
    "patient",
    "appointment",
    "procedurelog",
    "payment",
    "paysplit",
    "program",
    "securitylog",
)
CHANGES = "auditchange"
PREFIX = "enamel_capture_"

_CHANGE_COLUMNS = (
    "TableName",
    "RowKey",
    "Action",
    "ChangedAt",
    "DbAccount",
    "ClientHost",
    "Application",
    "ConnectionId",
    "TransactionId",
    "OldRow",
    "NewRow",
)
_EVENTS = (("INSERT", "ins", "I"), ("UPDATE", "upd", "U"), ("DELETE", "del", "D"))
PG_SECURITY = "SECURITY DEFINER SET search_path = pg_catalog, pg_temp"
"""Every Enamel trigger function on PostgreSQL: runs with its owner's rights, and resolves
functions and operators in pg_catalog only, so a writer's own schema cannot hijack them."""
_PG_CONFIG = ("search_path=pg_catalog, pg_temp",)
_SQLITE_MARK = re.compile(r"/\* enamel [0-9a-f]{16} \*/")
"""SQLite keeps a trigger's text and nothing else (no creation time, no object id): `install()`
writes a random mark into it, so that a trigger it re-creates has a new fingerprint."""


@dataclass(frozen=True)
class TriggerProblem:
    """A trigger that is not as `install()` (or `lock.lock_on()`) made it."""

    table: str
    trigger: str
    kind: str
    """`trigger missing`, `trigger disabled` or `trigger altered`."""
    detail: str


@dataclass(frozen=True)
class Trigger:
    """A trigger as Enamel creates it: its statements and what the catalog then shows."""

    table: str
    name: str
    create: tuple[str, ...]
    definition: str


@dataclass(frozen=True)
class LiveTrigger:
    """A trigger as the database's catalog shows it now."""

    table: str
    name: str
    definition: str
    enabled: bool
    state: str
    """How it is enabled: PostgreSQL's `tgenabled` (`O`, `D`, `R`, `A`); `O` elsewhere."""
    identity: str


def install(conn: Connection) -> None:
    """Create the capture triggers that are missing or differ from what the live columns call
    for; triggers that are already right are left alone, so their fingerprints stay the same.

    Idempotent. On PostgreSQL and SQLite it runs in the caller's transaction; MariaDB commits
    each trigger statement (DDL), and replaces a trigger with `CREATE OR REPLACE`, so no write
    goes uncaptured in between.
    """
    if not inspect(conn).has_table(CHANGES):
        raise RuntimeError(f"the {CHANGES} table does not exist: run `enamel db upgrade` first")
    apply(conn, expected(conn), live_triggers(conn, PREFIX))


def uninstall(conn: Connection) -> None:
    """Drop the capture triggers (before a migration that must rebuild `auditchange`)."""
    for trigger in live_triggers(conn, PREFIX).values():
        drop(conn, trigger.table, trigger.name)
    if conn.dialect.name == "postgresql":
        for name in [*(f"{PREFIX}{t}" for t in CAPTURED), f"{PREFIX}truncate"]:
            ddl(conn, f"DROP FUNCTION IF EXISTS {quote(conn, name)}()")


def problems(conn: Connection) -> list[TriggerProblem]:
    """Capture triggers that are missing, disabled or not as `install()` would make them now.

    Empty when all is as `install()` made it. A PostgreSQL session that sets
    `session_replication_role = replica` skips the triggers without changing the catalog: no
    check can see that.
    """
    live = live_triggers(conn, PREFIX)
    present = set(inspect(conn).get_table_names())
    found: list[TriggerProblem] = []
    for table in CAPTURED:
        if table not in present:
            found += [
                TriggerProblem(table, name, "trigger missing", f"table {table} does not exist")
                for name in trigger_names(conn, table)
            ]
    return found + compare(expected(conn), live, remedy="`enamel db upgrade` re-creates it")


def fingerprints(conn: Connection) -> dict[str, str]:
    """Trigger name → an identity that changes when the trigger is dropped and re-created.

    MariaDB: its creation time and a hash of its definition; PostgreSQL: the trigger's and its
    function's object ids and a hash of both definitions; SQLite: a hash of its text, which
    carries the random mark `install()` wrote (a same-text re-creation by hand stays unseen).
    """
    return {
        name: live.identity
        for name, live in sorted(live_triggers(conn, PREFIX).items())
        if live.table in CAPTURED
    }


def compare(
    wanted: Iterable[Trigger], live: dict[str, LiveTrigger], *, remedy: str
) -> list[TriggerProblem]:
    """What differs between the triggers Enamel wants and the ones the catalog shows."""
    found: list[TriggerProblem] = []
    for want in wanted:
        got = live.get(want.name)
        if got is None:
            found.append(
                TriggerProblem(want.table, want.name, "trigger missing", f"dropped; {remedy}")
            )
            continue
        if not got.enabled:
            detail = (
                "fires only when session_replication_role = replica"
                if got.state == "R"
                else "disabled (ALTER TABLE ... DISABLE TRIGGER)"
            )
            found.append(TriggerProblem(want.table, want.name, "trigger disabled", detail))
        if got.table != want.table or got.definition != want.definition:
            found.append(
                TriggerProblem(
                    want.table,
                    want.name,
                    "trigger altered",
                    f"its definition differs from Enamel's; {remedy}",
                )
            )
    return found


def apply(conn: Connection, wanted: Sequence[Trigger], live: dict[str, LiveTrigger]) -> None:
    """Create what is missing, replace what differs, enable what is disabled."""
    dialect = conn.dialect.name
    for want in wanted:
        got = live.get(want.name)
        if got is not None and got.table == want.table and got.definition == want.definition:
            if not got.enabled:
                table, name = quote(conn, want.table), quote(conn, want.name)
                ddl(conn, f"ALTER TABLE {table} ENABLE TRIGGER {name}")
            continue
        statements = list(want.create)
        if got is not None and dialect == "mysql":
            statements[-1] = statements[-1].replace(
                "CREATE TRIGGER", "CREATE OR REPLACE TRIGGER", 1
            )
        elif got is not None:
            drop(conn, got.table, got.name)
        for statement in statements:
            ddl(conn, statement)


def ddl(conn: Connection, statement: str) -> None:
    """Run one DDL statement in the connection's transaction, as written.

    Through the driver's cursor without parameters: SQLAlchemy would hand psycopg an empty
    parameter list, and psycopg would then read the `%` of plpgsql's RAISE as placeholders.
    """
    cursor = conn.connection.cursor()
    try:
        cursor.execute(statement)
    finally:
        cursor.close()


def drop(conn: Connection, table: str, name: str) -> None:
    if conn.dialect.name == "postgresql":
        ddl(conn, f"DROP TRIGGER IF EXISTS {quote(conn, name)} ON {quote(conn, table)}")
    else:
        ddl(conn, f"DROP TRIGGER IF EXISTS {quote(conn, name)}")


def trigger_names(conn: Connection, table: str) -> list[str]:
    if conn.dialect.name == "postgresql":
        return [f"{PREFIX}{table}", f"{PREFIX}{table}_truncate"]
    return [f"{PREFIX}{table}_{suffix}" for _event, suffix, _action in _EVENTS]


def expected(conn: Connection) -> list[Trigger]:
    """The capture triggers for the captured tables that exist, from their live columns."""
    inspector = inspect(conn)
    present = set(inspector.get_table_names())
    build = {"mysql": _mariadb, "postgresql": _postgresql, "sqlite": _sqlite}[conn.dialect.name]
    wanted: list[Trigger] = []
    for table in CAPTURED:
        if table in present:
            columns = [c["name"] for c in inspector.get_columns(table)]
            wanted += build(conn, table, primary_key(conn, table), columns)
    return wanted


def primary_key(conn: Connection, table: str) -> str:
    keys: list[str] = inspect(conn).get_pk_constraint(table)["constrained_columns"]
    if len(keys) != 1:
        raise RuntimeError(f"table {table} needs a single-column primary key to be audited")
    return keys[0]


# --- MariaDB ---------------------------------------------------------------------------------

MARIADB_HOST = "SUBSTRING_INDEX(USER(), '@', -1)"
"""The host part of the connecting account (a host never contains '@'; a user name may)."""
MARIADB_USER = f"LEFT(USER(), CHAR_LENGTH(USER()) - CHAR_LENGTH({MARIADB_HOST}) - 1)"


def _mariadb(conn: Connection, table: str, key: str, columns: list[str]) -> list[Trigger]:
    made: list[Trigger] = []
    for event, suffix, action in _EVENTS:
        name = f"{PREFIX}{table}_{suffix}"
        row = "OLD" if event == "DELETE" else "NEW"
        old = _mariadb_json(conn, columns, "OLD") if event != "INSERT" else "''"
        new = _mariadb_json(conn, columns, "NEW") if event != "DELETE" else "''"
        values = [
            literal(conn, table),
            f"{row}.{quote(conn, key)}",
            f"'{action}'",
            "SYSDATE()",
            "USER()",
            MARIADB_HOST,
            "''",
            "CONNECTION_ID()",
            "COALESCE(@enamel_tx, '')",
            old,
            new,
        ]
        body = _insert(conn, CHANGES, _CHANGE_COLUMNS, values)
        create = (
            f"CREATE TRIGGER {quote(conn, name)} AFTER {event} ON {quote(conn, table)} "
            f"FOR EACH ROW {body}"
        )
        made.append(Trigger(table, name, (create,), f"AFTER {event}\n{body}"))
    return made


def _mariadb_json(conn: Connection, columns: list[str], row: str) -> str:
    pairs = ", ".join(f"{literal(conn, c)}, {row}.{quote(conn, c)}" for c in columns)
    return f"JSON_OBJECT({pairs})"


# --- PostgreSQL ------------------------------------------------------------------------------


def _postgresql(conn: Connection, table: str, key: str, columns: list[str]) -> list[Trigger]:
    # The row's JSON comes from to_json(OLD/NEW), which follows the live columns by itself;
    # `columns` only matters to the other engines.
    del columns
    schema = pg_schema(conn)
    changes = f"{quote(conn, schema)}.{quote(conn, CHANGES)}"
    name = f"{PREFIX}{table}"
    row_values = [
        "TG_TABLE_NAME",
        f"CASE TG_OP WHEN 'DELETE' THEN OLD.{quote(conn, key)} ELSE NEW.{quote(conn, key)} END",
        "left(TG_OP, 1)",
        *_PG_WHO,
        "coalesce(to_json(OLD)::text, '')",
        "coalesce(to_json(NEW)::text, '')",
    ]
    row_body = (
        f"\nBEGIN\n  {_insert(conn, changes, _CHANGE_COLUMNS, row_values, raw_table=True)};"
        "\n  RETURN NULL;\nEND\n"
    )
    truncate_values = ["TG_TABLE_NAME", "0", "'T'", *_PG_WHO, "''", "''"]
    truncate_body = (
        f"\nBEGIN\n  {_insert(conn, changes, _CHANGE_COLUMNS, truncate_values, raw_table=True)};"
        "\n  RETURN NULL;\nEND\n"
    )
    return [
        pg_trigger(
            conn, schema, table, name, name, row_body, "AFTER INSERT OR UPDATE OR DELETE", "ROW"
        ),
        pg_trigger(
            conn,
            schema,
            table,
            f"{name}_truncate",
            f"{PREFIX}truncate",
            truncate_body,
            "BEFORE TRUNCATE",
            "STATEMENT",
        ),
    ]


_PG_WHO = (
    "date_trunc('second', statement_timestamp()::timestamp)",
    "session_user",
    "coalesce(host(inet_client_addr()), 'local')",
    "current_setting('application_name')",
    "pg_backend_pid()",
    "coalesce(current_setting('enamel.tx', true), '')",
)
"""ChangedAt, DbAccount, ClientHost, Application, ConnectionId, TransactionId."""


def pg_trigger(
    conn: Connection,
    schema: str,
    table: str,
    name: str,
    function: str,
    body: str,
    when: str,
    level: str,
    args: Sequence[str] = (),
) -> Trigger:
    """A PostgreSQL trigger and its function; the definition covers both, so that replacing
    the function's body shows as an altered trigger."""
    create_function = (
        f"CREATE OR REPLACE FUNCTION {quote(conn, function)}() RETURNS trigger "
        f"LANGUAGE plpgsql {PG_SECURITY} AS $enamel${body}$enamel$"
    )
    arguments = ", ".join(literal(conn, a) for a in args)
    create_trigger = (
        f"CREATE TRIGGER {quote(conn, name)} {when} ON {quote(conn, table)} "
        f"FOR EACH {level} EXECUTE FUNCTION {quote(conn, function)}({arguments})"
    )
    # pg_get_triggerdef's rendering: events in a fixed order, the table schema-qualified, the
    # function unqualified (it lives in the current schema), identifiers quoted only if needed.
    prep = conn.dialect.identifier_preparer
    events = when.split(" ", 1)[1].split(" OR ")
    order = ["INSERT", "DELETE", "UPDATE", "TRUNCATE"]
    shown = " OR ".join(sorted(events, key=order.index))
    catalog = (
        f"CREATE TRIGGER {prep.quote(name)} {when.split(' ', 1)[0]} {shown} ON "
        f"{prep.quote(schema)}.{prep.quote(table)} FOR EACH {level} "
        f"EXECUTE FUNCTION {prep.quote(function)}({arguments})"
    )
    definition = "\n".join([catalog, "plpgsql", "security definer", *_PG_CONFIG, body])
    return Trigger(table, name, (create_function, create_trigger), definition)


def pg_schema(conn: Connection) -> str:
    """The schema Enamel's tables live in (the connection's current schema)."""
    return str(conn.execute(text("SELECT current_schema()")).scalar_one())


# --- SQLite ----------------------------------------------------------------------------------

_SQLITE_NOW = "strftime('%Y-%m-%d %H:%M:%S.000000', 'now', 'localtime')"
"""Local time in the layout SQLAlchemy stores DATETIME in on SQLite, so ranges compare right."""
_SQLITE_MARKER = """COALESCE((SELECT "TransactionId" FROM "auditsession" LIMIT 1), '')"""
"""Enamel's marker: the one row its open write transaction keeps in `auditsession`."""
_SQLITE_ARGS = 60
"""Column pairs per json_object/json_insert call (SQLite allows 127 arguments by default)."""


def _sqlite(conn: Connection, table: str, key: str, columns: list[str]) -> list[Trigger]:
    made: list[Trigger] = []
    for event, suffix, action in _EVENTS:
        name = f"{PREFIX}{table}_{suffix}"
        row = "OLD" if event == "DELETE" else "NEW"
        values = [
            literal(conn, table),
            f"{row}.{quote(conn, key)}",
            f"'{action}'",
            _SQLITE_NOW,
            "''",
            "''",
            "''",
            "0",
            _SQLITE_MARKER,
            _sqlite_json(conn, columns, "OLD") if event != "INSERT" else "''",
            _sqlite_json(conn, columns, "NEW") if event != "DELETE" else "''",
        ]
        body = _insert(conn, CHANGES, _CHANGE_COLUMNS, values)
        head = (
            f"CREATE TRIGGER {quote(conn, name)} AFTER {event} ON {quote(conn, table)} FOR EACH ROW"
        )
        create = f"{head} BEGIN /* enamel {secrets.token_hex(8)} */ {body}; END"
        made.append(Trigger(table, name, (create,), f"{head} BEGIN {{mark}} {body}; END"))
    return made


def _sqlite_json(conn: Connection, columns: list[str], row: str) -> str:
    pairs = [(c, f"{row}.{quote(conn, c)}") for c in columns]
    chunks = [pairs[i : i + _SQLITE_ARGS] for i in range(0, len(pairs), _SQLITE_ARGS)]
    expr = "json_object(" + ", ".join(f"{literal(conn, c)}, {v}" for c, v in chunks[0]) + ")"
    for chunk in chunks[1:]:
        more = ", ".join(f"{literal(conn, '$.' + _dq(c))}, {v}" for c, v in chunk)
        expr = f"json_insert({expr}, {more})"
    return expr


# --- the catalogs ----------------------------------------------------------------------------


def live_triggers(conn: Connection, prefix: str) -> dict[str, LiveTrigger]:
    """The triggers whose names start with `prefix`, as the catalog shows them."""
    read = {"mysql": _live_mariadb, "postgresql": _live_postgresql, "sqlite": _live_sqlite}
    return {t.name: t for t in read[conn.dialect.name](conn) if t.name.startswith(prefix)}


def _live_sqlite(conn: Connection) -> list[LiveTrigger]:
    rows = conn.execute(
        text("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'")
    ).all()
    return [
        LiveTrigger(
            table=table,
            name=name,
            definition=_SQLITE_MARK.sub("{mark}", sql, count=1),
            enabled=True,
            state="O",
            identity=_hash(sql),
        )
        for name, table, sql in rows
    ]


def _live_mariadb(conn: Connection) -> list[LiveTrigger]:
    rows = conn.execute(
        text(
            "SELECT TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, "
            "ACTION_STATEMENT, CREATED FROM information_schema.TRIGGERS "
            "WHERE TRIGGER_SCHEMA = DATABASE()"
        )
    ).all()
    found = []
    for name, table, timing, event, statement, created in rows:
        definition = f"{timing} {event}\n{statement}"
        found.append(
            LiveTrigger(
                table=table,
                name=name,
                definition=definition,
                enabled=True,
                state="O",
                identity=f"{created}:{_hash(definition)}",
            )
        )
    return found


def _live_postgresql(conn: Connection) -> list[LiveTrigger]:
    rows = conn.execute(
        text(
            "SELECT t.tgname, c.relname, pg_get_triggerdef(t.oid), t.tgenabled, t.oid, p.oid, "
            "l.lanname, p.prosecdef, coalesce(p.proconfig, '{}'::text[]), p.prosrc "
            "FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "JOIN pg_proc p ON p.oid = t.tgfoid JOIN pg_language l ON l.oid = p.prolang "
            "WHERE NOT t.tgisinternal AND c.relnamespace = "
            "(SELECT oid FROM pg_namespace WHERE nspname = current_schema())"
        )
    ).all()
    found = []
    for name, table, triggerdef, state, trigger_oid, function_oid, *function in rows:
        language, definer, config, source = function
        security = "security definer" if definer else "security invoker"
        definition = "\n".join([triggerdef, language, security, *config, source])
        found.append(
            LiveTrigger(
                table=table,
                name=name,
                definition=definition,
                # D: disabled; R: fires only in replica sessions; O and A fire normally.
                enabled=state in ("O", "A"),
                state=str(state),
                identity=f"{trigger_oid}:{function_oid}:{_hash(definition)}",
            )
        )
    return found


# --- SQL text --------------------------------------------------------------------------------


def _insert(
    conn: Connection,
    table: str,
    columns: Sequence[str],
    values: Sequence[str],
    *,
    raw_table: bool = False,
) -> str:
    names = ", ".join(quote(conn, c) for c in columns)
    target = table if raw_table else quote(conn, table)
    # Quoted catalog names and expressions written in this module: nothing from outside.
    return f"INSERT INTO {target} ({names}) VALUES ({', '.join(values)})"  # noqa: S608


def quote(conn: Connection, name: str) -> str:
    """An identifier, always quoted (Open Dental's mixed-case names need it on PostgreSQL)."""
    quoted: str = conn.dialect.identifier_preparer.quote_identifier(name)
    return quoted


def _dq(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def literal(conn: Connection, value: str) -> str:
    """A string literal for trigger text (names from the catalog, an account name)."""
    escaped = value.replace("\\", "\\\\") if conn.dialect.name == "mysql" else value
    escaped = escaped.replace("'", "''")
    return f"'{escaped}'"


def _hash(value: Any) -> str:
    return hashlib.sha256(str(value).encode()).hexdigest()[:32]
