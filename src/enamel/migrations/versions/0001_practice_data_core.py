"""practice data core

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

from enamel.migrations.core import appointments, patients, payments, procedures, security, setup

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


PARTS = (setup, patients, appointments, procedures, payments, security)
"""The concepts whose tables this revision creates, in this order (no table refers to another:
the order is only for reading); `downgrade` drops them in the reverse order."""


def upgrade() -> None:
    for part in PARTS:
        part.create()


def downgrade() -> None:
    for part in reversed(PARTS):
        part.drop()
