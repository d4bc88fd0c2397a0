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
from collections.abc import Iterable

from sqlalchemy import Connection
from sqlalchemy.engine import URL

from enamel.audit import sealkey
from enamel.models import Base
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


def _columns(table: str) -> list[str]:
    return [
        c.name for c in Base.metadata.tables[table].columns if c.name.lower() not in SECRET_COLUMNS
    ]


def _quoted(names: Iterable[str], quote: str) -> str:
    return ", ".join(f"{quote}{n}{quote}" for n in names)


def _mariadb(conn: Connection, database: str, name: str, secret: str) -> None:
    account = f"'{name}'@'%%'"  # %% : the driver formats the statement

    def run(statement: str) -> None:
        conn.exec_driver_sql(statement)

    run(f"CREATE USER IF NOT EXISTS {account} IDENTIFIED BY '{secret}'")
    run(f"ALTER USER {account} IDENTIFIED BY '{secret}' WITH MAX_USER_CONNECTIONS 20")
    run(f"REVOKE ALL PRIVILEGES, GRANT OPTION FROM {account}")
    for table in READABLE_TABLES:
        columns = _quoted(_columns(table), "`")
        run(f"GRANT SELECT ({columns}) ON `{database}`.`{table}` TO {account}")


def _postgresql(conn: Connection, database: str, name: str, secret: str) -> None:
    run = conn.exec_driver_sql
    found = run("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).first()
    if found is None:
        run(f"CREATE ROLE \"{name}\" LOGIN PASSWORD '{secret}'")
    else:
        run(f"ALTER ROLE \"{name}\" LOGIN PASSWORD '{secret}'")
    run(f'ALTER ROLE "{name}" CONNECTION LIMIT 20')
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
