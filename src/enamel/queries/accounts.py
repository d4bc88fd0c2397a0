"""The database account governed SQL reads run as (MariaDB and PostgreSQL).

`enamel db upgrade` creates it, or brings it up to date: an account of its own per database
(`enamel_reader_<database>`), allowed to SELECT the readable practice tables' columns but the
secret ones (column privileges), and nothing else: no other table, no write, no DDL; on
PostgreSQL also read-only by default and with a statement time limit of its own. So even a
query that slipped past the rules cannot read a key hash or write a row: the database refuses.

Its password is derived from the seal key (HMAC), so it is stored nowhere: Enamel recomputes it,
a database dump does not reveal it, and rotating the seal key and upgrading changes it. When
Enamel's own account may not create accounts, upgrading says so and governed reads run on the
read-only session of Enamel's account instead.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Iterable

from sqlalchemy import Connection, select
from sqlalchemy.engine import URL

from enamel.audit import sealkey
from enamel.db import Database
from enamel.models import Base, Integration
from enamel.queries.validate import READABLE_TABLES, SECRET_COLUMNS

STATEMENT_SECONDS = 30
"""The account's own statement time limit (PostgreSQL), a backstop to the per-query one."""


class AccountNotCreated(RuntimeError):
    """Enamel's database account may not create the reader account."""


def name_for(database: str) -> str:
    """`enamel_reader_<database>`, or with a hash when the name is long or unusual."""
    plain = re.fullmatch(r"[A-Za-z0-9_]{1,40}", database)
    suffix = database if plain else hashlib.sha256(database.encode()).hexdigest()[:16]
    return f"enamel_reader_{suffix}".lower()


def password_for(name: str) -> str:
    key = sealkey.create(sealkey.configured_path())  # the existing key, or a new one
    return hmac.new(key.secret, b"enamel query account\x00" + name.encode(), "sha256").hexdigest()


def install(conn: Connection, url: URL) -> str:
    """Create or update the reader account of the database behind `conn`; its name."""
    dialect = conn.dialect.name
    if dialect not in ("mysql", "postgresql"):
        raise AccountNotCreated("SQLite has no accounts: reads use a query_only connection")
    database = str(url.database or "")
    name = name_for(database)
    secret = password_for(name)
    try:
        if dialect == "mysql":
            _mariadb(conn, database, name, secret)
        else:
            _postgresql(conn, database, name, secret)
    except Exception as exc:
        orig = getattr(exc, "orig", exc)
        raise AccountNotCreated(
            f"cannot create the query account {name}: {str(orig).splitlines()[0]}"
        ) from exc
    return name


def reader_url(url: URL) -> URL:
    """The URL of the database's reader account (which `enamel db upgrade` may have made)."""
    name = name_for(str(url.database or ""))
    return url.set(username=name, password=password_for(name))


def integration_account_name(integration: str) -> str:
    """`enamel_ro_<integration>` (letters, digits and _ only), with a hash of the full name."""
    slug = re.sub(r"[^a-z0-9]+", "_", integration.lower()).strip("_")[:30]
    digest = hashlib.sha256(integration.encode()).hexdigest()[:8]
    return f"enamel_ro_{slug}_{digest}"


def create_integration_account(conn: Connection, url: URL, integration: str) -> tuple[str, str]:
    """A database account for an integration that must connect directly: the reader's grants,
    a connection limit of 5 and a statement time limit of its own; a new random password each
    time (shown once, stored nowhere). (name, password)."""
    dialect = conn.dialect.name
    if dialect not in ("mysql", "postgresql"):
        raise AccountNotCreated(
            "SQLite has no accounts: an integration reading SQLite directly reads the file"
        )
    name = integration_account_name(integration)
    secret = secrets.token_urlsafe(24)
    database = str(url.database or "")
    try:
        if dialect == "mysql":
            _mariadb(conn, database, name, secret, connections=5)
            conn.exec_driver_sql(
                f"ALTER USER '{name}'@'%%' WITH MAX_STATEMENT_TIME {STATEMENT_SECONDS}"
            )
        else:
            _postgresql(conn, database, name, secret, connections=5)
    except Exception as exc:
        orig = getattr(exc, "orig", exc)
        raise AccountNotCreated(
            f"cannot create the account {name}: {str(orig).splitlines()[0]}"
        ) from exc
    return name, secret


def lock(conn: Connection, name: str, *, locked: bool) -> int:
    """Lock an integration's account and end its sessions (the number ended), or unlock it."""
    if conn.dialect.name == "mysql":
        conn.exec_driver_sql(f"ALTER USER '{name}'@'%%' ACCOUNT {'LOCK' if locked else 'UNLOCK'}")
        if not locked:
            return 0
        ids = (
            conn.exec_driver_sql(
                "SELECT ID FROM information_schema.PROCESSLIST WHERE USER = %s", (name,)
            )
            .scalars()
            .all()
        )
        for session in ids:
            conn.exec_driver_sql(f"KILL CONNECTION {int(session)}")
        return len(ids)
    conn.exec_driver_sql(f'ALTER ROLE "{name}" {"NOLOGIN" if locked else "LOGIN"}')
    if not locked:
        return 0
    ended = conn.exec_driver_sql(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s", (name,)
    ).all()
    return len(ended)


def _columns(table: str) -> list[str]:
    return [
        c.name for c in Base.metadata.tables[table].columns if c.name.lower() not in SECRET_COLUMNS
    ]


def _quoted(names: Iterable[str], quote: str) -> str:
    return ", ".join(f"{quote}{n}{quote}" for n in names)


def _mariadb(
    conn: Connection, database: str, name: str, secret: str, *, connections: int = 20
) -> None:
    account = f"'{name}'@'%%'"  # %% : the driver formats the statement

    def run(statement: str) -> None:
        conn.exec_driver_sql(statement)

    run(f"CREATE USER IF NOT EXISTS {account} IDENTIFIED BY '{secret}'")
    run(f"ALTER USER {account} IDENTIFIED BY '{secret}' WITH MAX_USER_CONNECTIONS {connections}")
    run(f"REVOKE ALL PRIVILEGES, GRANT OPTION FROM {account}")
    for table in READABLE_TABLES:
        columns = _quoted(_columns(table), "`")
        run(f"GRANT SELECT ({columns}) ON `{database}`.`{table}` TO {account}")


def _postgresql(
    conn: Connection, database: str, name: str, secret: str, *, connections: int = 20
) -> None:
    run = conn.exec_driver_sql
    found = run("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).first()
    if found is None:
        run(f"CREATE ROLE \"{name}\" LOGIN PASSWORD '{secret}'")
    else:
        run(f"ALTER ROLE \"{name}\" LOGIN PASSWORD '{secret}'")
    run(f'ALTER ROLE "{name}" CONNECTION LIMIT {connections}')
    run(f'ALTER ROLE "{name}" SET default_transaction_read_only = on')
    run(f"ALTER ROLE \"{name}\" SET statement_timeout = '{STATEMENT_SECONDS}s'")
    run(f'REVOKE ALL ON ALL TABLES IN SCHEMA public FROM "{name}"')
    run(f'REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM "{name}"')
    run(f'REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM "{name}"')
    run(f'GRANT CONNECT ON DATABASE "{database}" TO "{name}"')
    run(f'GRANT USAGE ON SCHEMA public TO "{name}"')
    for table in READABLE_TABLES:
        columns = _quoted(_columns(table), '"')
        run(f'GRANT SELECT ({columns}) ON "{table}" TO "{name}"')


def sync_lock(db: Database, integration: str) -> int:
    """Lock the integration's own account while it or its SQL access is off (ending its
    sessions), unlock it otherwise; the sessions ended. After the switch has committed: on
    MariaDB an account change would commit the switch's transaction half-way."""
    with db.read() as session:
        row = session.execute(
            select(Integration.SqlAccount, Integration.IsEnabled, Integration.SqlEnabled).where(
                Integration.Name == integration
            )
        ).first()
    if row is None or not row.SqlAccount or db.dialect == "sqlite":
        return 0
    with db.unaudited() as conn:
        return lock(conn, row.SqlAccount, locked=not (row.IsEnabled and row.SqlEnabled))
