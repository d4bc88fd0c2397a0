"""`userod`, `usergroup` and `grouppermission`: office users of Open Dental (and of Enamel's
office pages), their groups and the permissions each group grants, as Open Dental keeps them.

A user's rights are its group's `grouppermission` rows (Open Dental's `EnumPermType` numbers);
Enamel calls a user whose group grants SecurityAdmin an administrator, and any other a staff
member. `userod.Password` holds an argon2id hash (its own `$argon2id$...` encoding);
`FailedAttempts` and `DateTFail` count failed sign-ins for the lock-out, as in Open Dental.
"""

from __future__ import annotations

from sqlalchemy.orm import Mapped

from enamel.models.base import Base, date, datetime, dt, flag, num, pk, ref, timestamp, varchar


class Userod(Base):
    __tablename__ = "userod"

    UserNum: Mapped[int] = pk()
    UserName: Mapped[str] = varchar(unique=True)
    Password: Mapped[str] = varchar()
    UserGroupNum: Mapped[int] = ref()
    EmployeeNum: Mapped[int] = ref()
    ClinicNum: Mapped[int] = ref()
    ProvNum: Mapped[int] = ref()
    IsHidden: Mapped[bool] = flag()
    PasswordIsStrong: Mapped[bool] = flag()
    ClinicIsRestricted: Mapped[bool] = flag()
    DateTFail: Mapped[dt.datetime] = datetime()
    FailedAttempts: Mapped[int] = num()
    IsPasswordResetRequired: Mapped[bool] = flag()
    DateTLastLogin: Mapped[dt.datetime] = datetime()
    DateTStamp: Mapped[dt.datetime] = timestamp()


class UserGroup(Base):
    """Open Dental's user group (src: TableTypes/UserGroup.cs)."""

    __tablename__ = "usergroup"

    UserGroupNum: Mapped[int] = pk()
    Description: Mapped[str] = varchar()
    UserGroupNumCEMT: Mapped[int] = ref()


class GroupPermission(Base):
    """One permission a group grants (src: TableTypes/GroupPermission.cs). `PermType` stays a
    plain number: a database brought over from Open Dental holds types Enamel does not use."""

    __tablename__ = "grouppermission"

    GroupPermNum: Mapped[int] = pk()
    NewerDate: Mapped[dt.date] = date()
    NewerDays: Mapped[int] = num()
    UserGroupNum: Mapped[int] = ref(index=True)
    PermType: Mapped[int] = num()
    FKey: Mapped[int] = ref()
