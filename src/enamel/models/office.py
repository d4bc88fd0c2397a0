"""`officesession`: Enamel's own table of signed-in office users (the office pages).

The cookie holds a random token; only its SHA-256 hash is stored, so a database dump does not
sign anyone in. Each session carries its CSRF token, checked on every form the pages post.
"""

from __future__ import annotations

from sqlalchemy.orm import Mapped

from enamel.models.base import Base, datetime, dt, pk, ref, varchar


class OfficeSession(Base):
    __tablename__ = "officesession"

    OfficeSessionNum: Mapped[int] = pk()
    TokenHash: Mapped[str] = varchar(64, unique=True)
    UserNum: Mapped[int] = ref(index=True)
    CsrfToken: Mapped[str] = varchar(64)
    ClientAddress: Mapped[str] = varchar()
    DateTCreated: Mapped[dt.datetime] = datetime()
    DateTLastSeen: Mapped[dt.datetime] = datetime()
