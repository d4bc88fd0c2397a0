"""The audit lock: the database refuses writes to practice tables from any account but Enamel's.

`enamel audit lock on` installs BEFORE triggers on the practice tables and the audit tables
that refuse INSERT, UPDATE and DELETE from every database account except the one Enamel
connects with, and record each refused attempt in `auditrefusal`. The allowed account is
written into the triggers themselves (not into a table a writer could change), so moving the
lock to another account takes the rights to replace triggers.

How each engine refuses:
- MariaDB: the trigger records the attempt in `auditrefusal` (an Aria table, which the failed
  statement's rollback does not undo) and fails the statement with SQLSTATE 45000 and a
  message naming the table and the account. TRUNCATE fires no trigger on MariaDB: keep the DROP
  privilege (which TRUNCATE needs) from other accounts.
- PostgreSQL has no autonomous transactions: an error would roll the record of the attempt back
  with the attempt. So the row trigger records the attempt, sends the writer a WARNING and
  skips the row (a BEFORE row trigger that returns NULL), and the statement reports 0 rows.
  The record commits with the writer's transaction; a writer that rolls back leaves no record,
  and also no change. The server log keeps the WARNING either way (log_min_messages defaults to
  warning). TRUNCATE, which no row trigger sees, fails with an error (and is not recorded).
- SQLite has no accounts: `LockUnsupported`.

The lock binds accounts that cannot replace triggers: on MariaDB, accounts without the
TRIGGER, DROP and SUPER privileges; on PostgreSQL, roles that neither own the tables nor are
superusers (only those can drop or disable a trigger or set session_replication_role).
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, delete, insert, inspect, select

from enamel.audit.capture import (
    CAPTURED,
    MARIADB_HOST,
    MARIADB_USER,
    Trigger,
    TriggerProblem,
    apply,
    compare,
    ddl,
    drop,
    literal,
    live_triggers,
    pg_schema,
    pg_trigger,
    primary_key,
    quote,
)
from enamel.models import AuditState

STATE = "lock_account"
"""The `auditstate` row naming the locked account while the lock is on: the check compares the
lock's triggers with it, so that a lock trigger dropped by hand is a finding."""

PREFIX = "enamel_lock_"
GUARDED: tuple[str, ...] = (*CAPTURED, "securityloghash", "auditchainhead")
"""Tables whose INSERT, UPDATE and DELETE the lock refuses to other accounts."""
APPEND_ONLY: tuple[str, ...] = ("auditchange", "auditrefusal")
"""Tables whose UPDATE and DELETE the lock refuses (their rows are inserted by triggers, in the
writer's own session)."""
_ACCOUNT = re.compile(r"[A-Za-z0-9_.$-]{1,80}")
_REFUSALS = "auditrefusal"
_REFUSAL_COLUMNS = (
    "TableName",
    "RowKey",
    "Action",
    "RefusedAt",
    "DbAccount",
    "ClientHost",
    "ConnectionId",
)


class LockError(RuntimeError):
    """The lock cannot be switched as asked."""


class LockUnsupported(LockError):
    """The database has no accounts to tell apart (SQLite)."""


def lock_on(conn: Connection, account: str) -> None:
    """Refuse writes to the guarded tables from every account but `account` (Enamel's own:
    MariaDB's user name, the part of `USER()` before the host; PostgreSQL's `session_user`)."""
    _supported(conn)
    if not _ACCOUNT.fullmatch(account):
        raise LockError(f"{account!r} is not an account name Enamel can lock to")
    missing = [t for t in (*GUARDED, *APPEND_ONLY) if not inspect(conn).has_table(t)]
    if missing:
        raise LockError(f"tables {', '.join(missing)} do not exist: run `enamel db upgrade` first")
    wanted = _expected(conn, account)
    live = live_triggers(conn, PREFIX)
    apply(conn, wanted, live)
    names = {t.name for t in wanted}
    for stale in live.values():
        if stale.name not in names:
            drop(conn, stale.table, stale.name)
    conn.execute(delete(AuditState).where(AuditState.Name == STATE))
    conn.execute(insert(AuditState).values(Name=STATE, Value=account))


def lock_off(conn: Connection) -> None:
    """Let every account with the privileges write again."""
    _supported(conn)
    for trigger in live_triggers(conn, PREFIX).values():
        drop(conn, trigger.table, trigger.name)
    if conn.dialect.name == "postgresql":
        for function in ("enamel_lock_refuse", "enamel_lock_refuse_truncate"):
            ddl(conn, f"DROP FUNCTION IF EXISTS {quote(conn, function)}()")
    conn.execute(delete(AuditState).where(AuditState.Name == STATE))


def intended_account(conn: Connection) -> str | None:
    """The account `lock_on` last locked to, while the lock is meant to be on."""
    value = conn.execute(select(AuditState.Value).where(AuditState.Name == STATE)).scalar()
    return None if value is None else str(value)


def locked_account(conn: Connection) -> str | None:
    """The account the lock lets write, or None when the lock is off (always on SQLite).

    Read from the lock triggers themselves; when some were dropped, `lock_problems` says which.
    """
    if conn.dialect.name == "sqlite":
        return None
    pattern = _ACCOUNT_IN_MARIADB if conn.dialect.name == "mysql" else _ACCOUNT_IN_POSTGRESQL
    for trigger in sorted(live_triggers(conn, PREFIX).values(), key=lambda t: t.name):
        match = pattern.search(trigger.definition)
        if match:
            return match.group(1).replace("''", "'")
    return None


def lock_problems(conn: Connection, account: str) -> list[TriggerProblem]:
    """Lock triggers that are missing, disabled or not as `lock_on(conn, account)` made them."""
    _supported(conn)
    return compare(
        _expected(conn, account),
        live_triggers(conn, PREFIX),
        remedy="`enamel audit lock on` re-creates it",
    )


def _supported(conn: Connection) -> None:
    if conn.dialect.name not in ("mysql", "postgresql"):
        raise LockUnsupported(
            "the audit lock needs database accounts to tell Enamel from other writers; "
            f"{conn.dialect.name} has none (use MariaDB or PostgreSQL)"
        )


def _expected(conn: Connection, account: str) -> list[Trigger]:
    build = _mariadb if conn.dialect.name == "mysql" else _postgresql
    wanted: list[Trigger] = []
    for table in (*GUARDED, *APPEND_ONLY):
        events = ("UPDATE", "DELETE") if table in APPEND_ONLY else ("INSERT", "UPDATE", "DELETE")
        wanted += build(conn, table, primary_key(conn, table), events, account)
    return wanted


# --- MariaDB ---------------------------------------------------------------------------------

_ACCOUNT_IN_MARIADB = re.compile(r"<> CAST\('((?:[^']|'')*)' AS BINARY\)")
_SUFFIX = {"INSERT": "ins", "UPDATE": "upd", "DELETE": "del"}


def _mariadb(
    conn: Connection, table: str, key: str, events: tuple[str, ...], account: str
) -> list[Trigger]:
    made: list[Trigger] = []
    for event in events:
        name = f"{PREFIX}{table}_{_SUFFIX[event]}"
        row = "NEW" if event == "INSERT" else "OLD"
        message = f"enamel audit lock: writes to {table} are refused for account "
        # MariaDB forbids a trigger to write its own table: refusals on auditrefusal itself
        # are refused without a record.
        record = ""
        if table != _REFUSALS:
            values = [
                literal(conn, table),
                f"{row}.{quote(conn, key)}",
                f"'{event[0]}'",
                "SYSDATE()",
                "USER()",
                MARIADB_HOST,
                "CONNECTION_ID()",
            ]
            columns = ", ".join(quote(conn, c) for c in _REFUSAL_COLUMNS)
            record = (
                f"INSERT INTO {quote(conn, _REFUSALS)} ({columns}) "  # noqa: S608 (built here)
                f"VALUES ({', '.join(values)}); "
            )
        # User names compare byte for byte: MariaDB's are case-sensitive.
        body = (
            "BEGIN DECLARE refused VARCHAR(600); "
            f"IF CAST({MARIADB_USER} AS BINARY) <> CAST({literal(conn, account)} AS BINARY) THEN "
            f"{record}"
            f"SET refused = CONCAT({literal(conn, message)}, USER()); "
            "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = refused; "
            "END IF; END"
        )
        create = (
            f"CREATE TRIGGER {quote(conn, name)} BEFORE {event} ON {quote(conn, table)} "
            f"FOR EACH ROW {body}"
        )
        made.append(Trigger(table, name, (create,), f"BEFORE {event}\n{body}"))
    return made


# --- PostgreSQL ------------------------------------------------------------------------------

_ACCOUNT_IN_POSTGRESQL = re.compile(r"EXECUTE FUNCTION enamel_lock_refuse\w*\('((?:[^']|'')*)'")


def _postgresql(
    conn: Connection, table: str, key: str, events: tuple[str, ...], account: str
) -> list[Trigger]:
    schema = pg_schema(conn)
    refusals = f"{quote(conn, schema)}.{quote(conn, _REFUSALS)}"
    columns = ", ".join(quote(conn, c) for c in _REFUSAL_COLUMNS)
    # TG_ARGV[0] is the allowed account, TG_ARGV[1] the table's key column.
    row_body = f"""
BEGIN
  IF session_user = TG_ARGV[0] THEN
    IF TG_OP = 'DELETE' THEN
      RETURN OLD;
    END IF;
    RETURN NEW;
  END IF;
  INSERT INTO {refusals} ({columns})
  VALUES (TG_TABLE_NAME,
          (CASE TG_OP WHEN 'INSERT' THEN to_jsonb(NEW) ELSE to_jsonb(OLD) END
            ->> TG_ARGV[1])::bigint,
          left(TG_OP, 1), date_trunc('second', statement_timestamp()::timestamp), session_user,
          coalesce(host(inet_client_addr()), 'local'), pg_backend_pid());
  RAISE WARNING 'enamel audit lock: writes to % are refused for account %',
    TG_TABLE_NAME, session_user;
  RETURN NULL;
END
"""  # noqa: S608 (quoted catalog names only)
    truncate_body = """
BEGIN
  IF session_user <> TG_ARGV[0] THEN
    RAISE EXCEPTION 'enamel audit lock: truncating % is refused for account %',
      TG_TABLE_NAME, session_user USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NULL;
END
"""
    when = "BEFORE " + " OR ".join(events)
    name = f"{PREFIX}{table}"
    made = [
        pg_trigger(
            conn, schema, table, name, "enamel_lock_refuse", row_body, when, "ROW", (account, key)
        )
    ]
    made.append(
        pg_trigger(
            conn,
            schema,
            table,
            f"{name}_truncate",
            "enamel_lock_refuse_truncate",
            truncate_body,
            "BEFORE TRUNCATE",
            "STATEMENT",
            (account,),
        )
    )
    return made
