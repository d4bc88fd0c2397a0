"""Actors and permissions (integrations, keys, scopes and switches come with the API)."""

from enamel.security.actor import ALL_PERMISSIONS, Actor, ActorKind, system_actor

__all__ = ["ALL_PERMISSIONS", "Actor", "ActorKind", "system_actor"]
