"""The security log (and, later, row seals, the hash chain and change capture)."""

from enamel.audit.log import record

__all__ = ["record"]
