"""The plug-in host of one server process: loads the whitelisted plug-ins and calls them.

`enamel serve` (the app's lifespan) starts it: it finds the installed plug-ins, loads those
the whitelist lets load (name, version, files hash, switch on), reports the others in the
server's log and on their whitelist row, and attaches itself to the database's write edges.
It reads the whitelist again at most every `switch_delay` seconds, so `enamel plugins off`
reaches a running server within a second, and `on` or a new approval loads the plug-in then.

Each hook call runs as plug-in code (`runner.run`: a worker thread, the guard, a time limit).
A failure (an exception or a time-out) is logged and never fails the request; a plug-in with
`STRIKES` failures within `WINDOW` seconds is switched off, with the reason in the security
log, by the "plug-in guard".
"""

from __future__ import annotations

import importlib.metadata as md
import logging
import os
import threading
import time
from dataclasses import dataclass, replace
from typing import Any

import pluggy
from sqlalchemy import update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from enamel.config import Settings
from enamel.db import Database, clock
from enamel.errors import PluginVeto
from enamel.models import PluginAllow
from enamel.plugins import changes, gate, guard, runner
from enamel.plugins.context import make_context
from enamel.plugins.discovery import Installed, find_installed
from enamel.plugins.events import Booking, ChangeEvent, MenuItem, menu_url_ok
from enamel.plugins.hookspecs import CHANGE_HOOKS, ENTRY_POINT_GROUP, PROJECT, EnamelHooks
from enamel.plugins.whitelist import all_allowed, switch_plugin, why_not
from enamel.security.actor import Actor, ActorKind, system_actor
from enamel.security.scopes import Scope, parse_scopes, permissions_for

log = logging.getLogger("enamel.plugins")

STRIKES = 5
WINDOW = 600.0
"""A plug-in failing STRIKES times within WINDOW seconds is switched off."""
MAX_DEPTH = 3
"""Hooks run inside hooks (a plug-in's change heard by another, a plug-in's booking asked of
the veto hooks) up to this many calls deep."""
GUARD = "plug-in guard"
DEFAULT_PORTS = {"mysql": 3306, "postgresql": 5432}


@dataclass(frozen=True)
class Loaded:
    name: str
    scopes: frozenset[Scope]
    actor: Actor


class PluginHost:
    """One server process's plug-ins: the pluggy manager, what is loaded and why the rest is
    not, and the failures counted against each."""

    def __init__(self, db: Database, settings: Settings) -> None:
        self.db = db
        self.settings = settings
        self.timeout = settings.plugin_timeout
        self.pm = pluggy.PluginManager(PROJECT)
        self.pm.add_hookspecs(EnamelHooks)
        self.loaded: dict[str, Loaded] = {}
        self.not_loaded: dict[str, str] = {}
        self.strikes = runner.Strikes(WINDOW)
        self._lock = threading.RLock()
        self._checked = 0.0
        self._signature: tuple[Any, ...] | None = None

    # -- the write edge's hooks (`Database.hooks`) ------------------------------------------

    def opened(self, session: Session) -> None:
        session.info[gate.HOST] = self
        changes.start(session)

    def committed(self, session: Session) -> None:
        events = changes.events(session)
        if not events:
            return
        try:
            self.dispatch(events)
        except Exception:  # the change is committed: the request must not fail for a hook
            log.exception("the after-change hooks could not be called")

    # -- starting, stopping, following the whitelist ----------------------------------------

    def start(self) -> None:
        if not self.settings.plugins:
            log.info("plug-ins are switched off (ENAMEL_PLUGINS=off)")
            return
        self.sync(force=True)
        self.db.hooks = self

    def stop(self) -> None:
        if self.db.hooks is self:
            self.db.hooks = None

    def _protect(self) -> None:
        from enamel.audit import sealkey

        ports: set[int] = set()
        for url in (self.db.url, self.db.replica_url, self.settings.redis_url):
            if url is not None:
                u = make_url(url)
                port = u.port or DEFAULT_PORTS.get(u.get_backend_name())
                if port:
                    ports.add(port)
        paths = []
        if self.db.dialect == "sqlite" and self.db.url.database not in (None, "", ":memory:"):
            paths.append(str(self.db.url.database))
        key = sealkey.configured_path()
        # The key, its rotation's `.new` and `.retired` files, and the checkpoints.
        checkpoints = os.environ.get("ENAMEL_CHECKPOINT_DIR") or str(key.parent / "checkpoints")
        paths += [str(key), os.path.join(os.path.expanduser(checkpoints), "")]
        guard.protect(ports=ports, paths=paths)

    def sync(self, *, force: bool = False) -> None:
        """Follow the whitelist: unload what may no longer run, load what may now."""
        now = time.monotonic()
        if not force and now - self._checked < self.settings.switch_delay:
            return
        with self._lock:
            self._checked = now
            try:
                with self.db.read() as session:
                    rows = {r.Name: r for r in all_allowed(session)}
            except SQLAlchemyError as exc:  # not migrated yet, or unreachable: try again later
                log.warning(
                    "plug-ins not loaded: cannot read the whitelist: %s",
                    getattr(exc, "orig", None) or exc,
                )
                return
            signature = tuple(
                (r.Name, r.IsEnabled, r.Version, r.FilesHash, r.Scopes, r.DateTApproved)
                for r in rows.values()
            )
            if signature == self._signature and not force:
                return
            self._signature = signature
            installed = {i.name: i for i in find_installed()}
            for name in list(self.loaded):
                reason = why_not(installed.get(name), rows.get(name))
                if reason:
                    self._unload(name, reason)
                else:
                    self._set_scopes(name, rows[name].Scopes)
            for name in sorted(set(installed) | set(rows)):
                if name in self.loaded:
                    continue
                reason = why_not(installed.get(name), rows.get(name))
                if reason:
                    self._not_loaded(name, reason, report=name in rows)
                else:
                    self._load(installed[name], rows[name].Scopes)

    def _set_scopes(self, name: str, scopes_text: str) -> None:
        scopes = parse_scopes(scopes_text)
        loaded = self.loaded[name]
        if loaded.scopes != scopes:
            actor = replace(loaded.actor, permissions=permissions_for(scopes))
            self.loaded[name] = Loaded(name, scopes, actor)

    def _not_loaded(self, name: str, reason: str, *, report: bool) -> None:
        if self.not_loaded.get(name) != reason:
            log.warning("plug-in %r is not loaded: %s", name, reason)
            if report:
                self._report(name, reason)
        self.not_loaded[name] = reason

    def _load(self, item: Installed, scopes_text: str) -> None:
        name = item.name
        entry = next(iter(md.entry_points(group=ENTRY_POINT_GROUP, name=name)), None)
        if entry is None:
            self._not_loaded(name, "its entry point disappeared", report=True)
            return
        self._protect()  # the guard is installed before the first plug-in's code runs
        outcome = runner.run(name, entry.load, self.timeout)
        if not outcome.ok:
            self._not_loaded(name, f"could not be imported: {describe(outcome)}", report=True)
            return
        try:
            self.pm.register(outcome.value, name=name)
        except Exception as exc:  # pluggy's validation, or the object is registered already
            self._not_loaded(name, f"does not fit Enamel's hooks: {exc}", report=True)
            return
        try:
            self.pm.check_pending()
            _no_wrappers(self.pm, name)
        except pluggy.PluginValidationError as exc:
            self.pm.unregister(name=name)
            self._not_loaded(name, f"does not fit Enamel's hooks: {exc}", report=True)
            return
        scopes = parse_scopes(scopes_text)
        actor = Actor(
            kind=ActorKind.PLUGIN,
            name=name,
            permissions=permissions_for(scopes),
            client_address="plug-in",
        )
        self.loaded[name] = Loaded(name, scopes, actor)
        self.not_loaded.pop(name, None)
        self.strikes.clear(name)
        log.info("plug-in %r loaded (%s %s)", name, item.distribution, item.version)
        self._report(name, "")

    def _unload(self, name: str, reason: str) -> None:
        with self._lock:
            if self.loaded.pop(name, None) is not None and self.pm.has_plugin(name):
                self.pm.unregister(name=name)
            self._not_loaded(name, reason, report=False)

    def _report(self, name: str, problem: str) -> None:
        """Keep the outcome of loading on the whitelist row, for `enamel plugins list`."""
        try:
            with self.db.unaudited() as conn:
                conn.execute(
                    update(PluginAllow)
                    .where(PluginAllow.Name == name)
                    .values(LoadProblem=problem[:255], DateTLoaded=clock.now())
                )
        except Exception:  # bookkeeping: never stop loading for it
            log.exception("could not record the load outcome of plug-in %r", name)

    # -- calling hooks ----------------------------------------------------------------------

    def _impls(self, hook: str) -> list[Any]:
        caller = getattr(self.pm.hook, hook)
        return [i for i in caller.get_hookimpls() if i.plugin_name in self.loaded]

    def _call(self, impl: Any, hook: str, args: dict[str, Any], request_id: str = "") -> Any:
        name = impl.plugin_name
        loaded = self.loaded.get(name)
        if loaded is None:
            return runner.Outcome(error=RuntimeError("unloaded"))
        if runner.DEPTH.get() >= MAX_DEPTH:  # hooks calling services calling hooks...
            log.warning("plug-in %r not called for %s %d calls deep", name, hook, MAX_DEPTH)
            return runner.Outcome()
        actor = replace(loaded.actor, request_id=request_id)
        context, close = make_context(self.db, actor, loaded.scopes)
        given = {**args, "context": context}
        kwargs = {k: given[k] for k in impl.argnames if k in given}
        try:
            outcome = runner.run(name, lambda: impl.function(**kwargs), self.timeout)
        finally:
            close()
        if not outcome.ok:
            self._failed(name, hook, outcome)
        return outcome

    def dispatch(self, events: list[ChangeEvent]) -> None:
        """The after-change hooks of the committed changes; failures are only logged."""
        self.sync()
        if runner.DEPTH.get() >= MAX_DEPTH:
            log.warning("plug-in changes %d calls deep are not passed on", MAX_DEPTH)
            return
        for event in events:
            hook = CHANGE_HOOKS[event.table]
            for impl in self._impls(hook):
                own = event.actor_kind == ActorKind.PLUGIN and event.actor_name == impl.plugin_name
                if not own:  # a plug-in does not hear its own changes
                    self._call(impl, hook, {"event": event}, event.request_id)

    def before_booking(self, booking: Booking, request_id: str = "") -> None:
        self.sync()
        for impl in self._impls("enamel_before_booking"):
            outcome = self._call(impl, "enamel_before_booking", {"booking": booking}, request_id)
            reason = outcome.value if outcome.ok and isinstance(outcome.value, str) else ""
            reason = " ".join(reason.split())[:300]
            if reason:
                log.info("plug-in %r refused a booking: %s", impl.plugin_name, reason)
                raise PluginVeto(f"Plug-in '{impl.plugin_name}' refused the booking: {reason}")

    def menu_items(self) -> list[tuple[str, MenuItem]]:
        """Each loaded plug-in's menu entries, with the plug-in's name (only a path on this
        site or an https:// address: `menu_url_ok`)."""
        if not self.settings.plugins:  # ENAMEL_PLUGINS=off: nothing is loaded, or synced
            return []
        self.sync()
        out = []
        for impl in self._impls("enamel_menu_items"):
            outcome = self._call(impl, "enamel_menu_items", {})
            items = outcome.value if outcome.ok and isinstance(outcome.value, list) else []
            for item in items:
                ok = isinstance(item, MenuItem) and isinstance(item.label, str)
                if ok and item.label.strip() and menu_url_ok(item.url):
                    out.append((impl.plugin_name, item))
        return out

    # -- failures ---------------------------------------------------------------------------

    def _failed(self, name: str, hook: str, outcome: runner.Outcome) -> None:
        what = f"{hook}: {describe(outcome)}"
        log.warning("plug-in %r failed in %s", name, what, exc_info=outcome.error)
        count = self.strikes.add(name)
        if count < STRIKES:
            return
        minutes = int(WINDOW // 60)
        reason = f"{count} failures within {minutes} minutes, the last in {what}"[:255]
        self.strikes.clear(name)
        self._unload(name, f"switched off: {reason}")
        # In its own thread: the failure may have come from inside a caller's transaction
        # (a veto hook), which on SQLite holds the database's write lock until it ends.
        worker = threading.Thread(target=self._switch_off, args=(name, reason), daemon=True)
        worker.start()
        worker.join(timeout=5)

    def _switch_off(self, name: str, reason: str) -> None:
        try:
            with self.db.write() as session:
                switch_plugin(session, system_actor(GUARD), name, on=False, reason=reason)
            log.error("plug-in %r switched off: %s", name, reason)
        except Exception:
            log.exception("could not switch plug-in %r off", name)


def _no_wrappers(pm: pluggy.PluginManager, name: str) -> None:
    """Enamel calls each hook function by itself, with its own time limit: a wrapper around
    the other plug-ins' calls has no place in that."""
    plugin = pm.get_plugin(name)
    for caller in pm.get_hookcallers(plugin) or []:
        for impl in caller.get_hookimpls():
            if impl.plugin_name == name and (impl.hookwrapper or impl.wrapper):
                raise pluggy.PluginValidationError(
                    plugin, f"{caller.name} is a hook wrapper; Enamel's hooks take plain functions"
                )


def describe(outcome: runner.Outcome) -> str:
    if outcome.timed_out:
        return f"no answer within {outcome.seconds:.1f} s"
    error = outcome.error
    return f"{type(error).__name__}: {error}"[:200] if error is not None else "failed"
