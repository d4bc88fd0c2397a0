"""The integrity check on a schedule, inside `enamel serve`.

Every `interval` seconds (ENAMEL_AUDIT_INTERVAL, default 3600; 0 switches it off) a background
thread runs the same check as `enamel audit verify`, stores its findings and writes the summary
to the security log. Several server processes share one database: the run is claimed with a
compare-and-set on the `auditstate` row `scheduled_check` (the time of the last run), so only
one process checks per interval. A check that cannot run (no seal key, wrong key, database
down) is logged as an error and tried again at the next interval; it never stops the server.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from enamel.audit.errors import SealKeyProblem
from enamel.audit.findings import Saved, save
from enamel.audit.verify import verify
from enamel.db import Database, clock
from enamel.models import AuditState
from enamel.models.enums import EnumPermType
from enamel.security.actor import Actor, system_actor

STATE = "scheduled_check"
TASK = "scheduled integrity check"
log = logging.getLogger("enamel.audit")


class Schedule:
    def __init__(self, db: Database, interval: float) -> None:
        self.db = db
        self.interval = interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self.interval > 0 and self._thread is None:
            self._thread = threading.Thread(target=self._run, name="enamel-audit", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=30)
            self._thread = None

    def _run(self) -> None:
        # Look often enough that a run is never much later than due, and never busy-wait.
        tick = min(self.interval, 60.0)
        while not self._stop.wait(tick):
            try:
                self.run_if_due()
            except Exception:
                log.exception("the scheduled integrity check failed")

    def run_if_due(self) -> Saved | None:
        """Check now if this process claims the run that is due; the saved summary, or None."""
        if not self._claim():
            return None
        try:
            report = verify(self.db)
        except SealKeyProblem as exc:
            log.error("the scheduled integrity check cannot run: %s", exc.message)
            return None
        with self.db.write() as session:
            saved = save(session, system_actor(TASK), report)
        if saved.open:
            log.warning(
                "integrity check: %d open findings (%d new); see `enamel audit findings`",
                saved.open,
                saved.new,
            )
        return saved

    def _claim(self) -> bool:
        """Whether this process may run the check that is due now (one process per interval)."""
        now = clock.now()
        due_before = now - dt.timedelta(seconds=self.interval)
        try:
            with self.db.unaudited() as conn:
                last = conn.execute(
                    select(AuditState.Value).where(AuditState.Name == STATE)
                ).scalar()
                if last is None:
                    # The first run is one interval after the first start, not at once.
                    conn.execute(insert(AuditState).values(Name=STATE, Value=now.isoformat()))
                    return False
                if dt.datetime.fromisoformat(str(last)) > due_before:
                    return False
                claimed = conn.execute(
                    update(AuditState)
                    .where(AuditState.Name == STATE, AuditState.Value == last)
                    .values(Value=now.isoformat())
                )
                return claimed.rowcount == 1
        except IntegrityError:  # another process inserted the first row at the same moment
            return False
        except (SQLAlchemyError, ValueError):
            log.exception("cannot claim the scheduled integrity check")
            return False


def check_now(db: Database, actor: Actor) -> Saved:
    """The check, run now for `actor` (SecurityAdmin: it records findings), saved and logged."""
    actor.require(EnumPermType.SecurityAdmin)
    report = verify(db)
    with db.write() as session:
        return save(session, actor, report)
