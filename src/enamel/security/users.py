"""Office users: accounts in `userod`, their role, passwords (argon2id) and signing in.

Roles follow Open Dental's model: a user belongs to a `usergroup` and has the permissions its
`grouppermission` rows grant. Enamel makes two groups when it first needs them:
"Administrators" (every permission) and "Staff" (every permission but SecurityAdmin). An
administrator is a user whose group grants SecurityAdmin, whatever the group is called, so a
database brought over from Open Dental keeps its users' rights.

Signing in is refused for `LOCK_AFTER` failures within `LOCK_WINDOW` (Open Dental's
`userod.FailedAttempts` and `DateTFail` count them); every sign-in, failure and lock-out is a
security-log entry. An unknown name costs the same hash check as a known one, so the answer's
timing does not tell which names exist.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from enamel import audit
from enamel.db import ReadSession, WriteSession, clock, require_write
from enamel.errors import Conflict, InvalidInput
from enamel.models import GroupPermission, UserGroup, Userod
from enamel.models.enums import EnumPermType
from enamel.security.actor import ALL_PERMISSIONS, Actor, ActorKind

LOCK_AFTER = 5
LOCK_WINDOW = dt.timedelta(minutes=15)
MIN_PASSWORD = 10
MAX_PASSWORD = 1024

_hasher = PasswordHasher()
_DUMMY = _hasher.hash("an unknown user's password is checked against this")


class Role(enum.StrEnum):
    ADMINISTRATOR = "administrator"
    STAFF = "staff"


GROUPS: dict[Role, tuple[str, frozenset[EnumPermType]]] = {
    Role.ADMINISTRATOR: ("Administrators", ALL_PERMISSIONS),
    Role.STAFF: ("Staff", ALL_PERMISSIONS - {EnumPermType.SecurityAdmin}),
}


@dataclass(frozen=True)
class OfficeUser:
    """A signed-in user as the pages see it."""

    num: int
    name: str
    permissions: frozenset[EnumPermType]

    @property
    def role(self) -> Role:
        admin = EnumPermType.SecurityAdmin in self.permissions
        return Role.ADMINISTRATOR if admin else Role.STAFF

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMINISTRATOR

    def actor(self, client_address: str = "", request_id: str = "") -> Actor:
        return Actor(
            kind=ActorKind.OFFICE_USER,
            name=self.name,
            permissions=self.permissions,
            user_num=self.num,
            user_name=self.name,
            client_address=client_address,
            request_id=request_id,
        )


def _user_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > 255 or any(ord(c) < 32 for c in name):
        raise InvalidInput("the user name must be 1 to 255 printable characters", field="name")
    return name


def _password(password: str) -> str:
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise InvalidInput(
            f"the password must be {MIN_PASSWORD} to {MAX_PASSWORD} characters", field="password"
        )
    return password


def _group(db: WriteSession, role: Role) -> int:
    """The group for `role`, made with its permissions when the database has none yet."""
    name, permissions = GROUPS[role]
    found = db.scalar(
        select(UserGroup.UserGroupNum)
        .where(UserGroup.Description == name)
        .order_by(UserGroup.UserGroupNum)
    )
    if found is not None:
        return int(found)
    group = UserGroup(Description=name)
    db.add(group)
    db.flush()
    db.add_all(
        GroupPermission(UserGroupNum=group.UserGroupNum, PermType=int(p))
        for p in sorted(permissions)
    )
    return group.UserGroupNum


def add_user(
    db: WriteSession, actor: Actor, name: str, password: str, *, admin: bool = False
) -> Userod:
    """A new office user with an argon2id hash of the password; logged."""
    require_write(db)
    actor.require(EnumPermType.SecurityAdmin)
    name = _user_name(name)
    _password(password)
    if db.scalar(select(Userod.UserNum).where(Userod.UserName == name)) is not None:
        raise Conflict(f"an office user named {name!r} already exists", field="name")
    role = Role.ADMINISTRATOR if admin else Role.STAFF
    row = Userod(
        UserName=name,
        Password=_hasher.hash(password),
        UserGroupNum=_group(db, role),
        PasswordIsStrong=True,
    )
    db.add(row)
    db.flush()
    audit.record(
        db,
        actor,
        EnumPermType.SecurityAdmin,
        f"Office user {name} added as {role.value} (group {GROUPS[role][0]})",
        fkey=row.UserNum,
    )
    return row


def permissions_of(db: ReadSession, group: int) -> frozenset[EnumPermType]:
    known = {int(p) for p in EnumPermType}
    numbers = db.scalars(
        select(GroupPermission.PermType).where(GroupPermission.UserGroupNum == group)
    )
    return frozenset(EnumPermType(n) for n in numbers if n in known)


def office_user(db: ReadSession, user_num: int) -> OfficeUser | None:
    """The active user `user_num` with its permissions; None when missing or hidden."""
    row = db.get(Userod, user_num)
    if row is None or row.IsHidden:
        return None
    return OfficeUser(row.UserNum, row.UserName, permissions_of(db, row.UserGroupNum))


@dataclass(frozen=True)
class SignIn:
    """The outcome of a sign-in: the user, or why not (a sentence for the page)."""

    user: OfficeUser | None
    refusal: str = ""


REFUSED = (
    "The user name or password is not right, or too many attempts failed: then wait "
    f"{int(LOCK_WINDOW.total_seconds() // 60)} minutes."
)
"""Every refusal says the same, and costs the same password check: neither the words nor
the time tell an unknown name from a known one, or a locked-out user from a wrong
password (the security log tells the office which it was)."""


def sign_in(db: WriteSession, name: str, password: str, client_address: str) -> SignIn:
    """Check a password; count failures, lock out after `LOCK_AFTER`; log each outcome.

    Returns rather than raises on a refusal: the edge must commit the failure count and the
    log entry of a refused attempt too."""
    require_write(db)
    now = clock.now()
    name = name.strip()[:255]
    # FOR UPDATE: concurrent attempts on one user are counted one after the other, so a
    # burst of parallel guesses cannot get past the lock-out (SQLite serialises writers).
    stmt = select(Userod).where(Userod.UserName == name).with_for_update()
    row = db.scalar(stmt) if name else None
    where = f" from {client_address}" if client_address else ""
    if row is None or row.IsHidden:
        _verify(_DUMMY, password)
        audit.record(
            db,
            Actor(kind=ActorKind.SYSTEM, name="office sign-in", client_address=client_address),
            EnumPermType.SecurityAdmin,
            f"Office sign-in failed{where}: unknown or hidden user name",
        )
        return SignIn(None, REFUSED)
    log_as = Actor(
        kind=ActorKind.OFFICE_USER,
        name=row.UserName,
        user_num=row.UserNum,
        user_name=row.UserName,
        client_address=client_address,
    )
    recent = row.DateTFail > now - LOCK_WINDOW
    if recent and row.FailedAttempts >= LOCK_AFTER:
        _verify(_DUMMY, password)
        until = row.DateTFail + LOCK_WINDOW
        audit.record(
            db,
            log_as,
            EnumPermType.SecurityAdmin,
            f"Office sign-in refused{where}: the user is locked out until {until:%H:%M:%S}",
            fkey=row.UserNum,
        )
        return SignIn(None, REFUSED)
    if not _verify(row.Password, password):
        row.FailedAttempts = (row.FailedAttempts if recent else 0) + 1
        row.DateTFail = now
        locked = row.FailedAttempts >= LOCK_AFTER
        minutes = int(LOCK_WINDOW.total_seconds() // 60)
        what = f"Office sign-in failed{where}: wrong password ({row.FailedAttempts} in a row)"
        if locked:
            what += f"; the user is locked out for {minutes} minutes"
        audit.record(db, log_as, EnumPermType.SecurityAdmin, what, fkey=row.UserNum)
        return SignIn(None, REFUSED)
    if _hasher.check_needs_rehash(row.Password):
        row.Password = _hasher.hash(password)
    row.FailedAttempts, row.DateTFail, row.DateTLastLogin = 0, clock.MIN_DATETIME, now
    audit.record(db, log_as, EnumPermType.SecurityAdmin, f"Office user signed in{where}")
    return SignIn(OfficeUser(row.UserNum, row.UserName, permissions_of(db, row.UserGroupNum)))


def _verify(encoded: str, password: str) -> bool:
    try:
        return _hasher.verify(encoded, password)
    except (VerificationError, InvalidHashError):
        return False
