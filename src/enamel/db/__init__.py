"""Engines, sessions and column types."""

from enamel.db.session import Database, ReadSession, WriteSession, require_write

__all__ = ["Database", "ReadSession", "WriteSession", "require_write"]
