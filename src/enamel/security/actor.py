"""Who acts, and from where.

Every service call receives an `Actor`; the security log stores it with each change, so an
office can always answer "which program and which user did this". Permissions are checked
inside the services (`actor.require`), so no caller (API, CLI, plug-in, demo loader) can skip
them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from enamel.errors import PermissionDenied
from enamel.models.enums import EnumPermType, LogSources


class ActorKind(enum.StrEnum):
    OFFICE_USER = "office_user"
    INTEGRATION = "integration"
    PLUGIN = "plugin"
    NATIVE = "native"
    SYSTEM = "system"


ALL_PERMISSIONS: frozenset[EnumPermType] = frozenset(EnumPermType)


@dataclass(frozen=True)
class Actor:
    kind: ActorKind
    name: str
    """The program (integration, plug-in, native integration) or, for an office user, the user."""
    permissions: frozenset[EnumPermType] = field(default=frozenset())
    user_num: int = 0
    """`userod.UserNum` of the office user acting, or on whose behalf a program acts (0: none)."""
    user_name: str = ""
    client_address: str = ""
    """Where the request came from (IP address or workstation); stored as `CompName`."""
    request_id: str = ""

    def require(self, permission: EnumPermType) -> None:
        if permission not in self.permissions:
            raise PermissionDenied(
                f"{self.describe()} lacks the {permission.name} permission",
                field=None,
            )

    @property
    def log_source(self) -> LogSources:
        return LogSources.API if self.kind is ActorKind.INTEGRATION else LogSources.None_

    def describe(self) -> str:
        """A readable attribution, e.g. "integration 'Reminders Pro' for user jdoe"."""
        if self.kind is ActorKind.OFFICE_USER:
            who = f"office user {self.name}"
        elif self.kind is ActorKind.SYSTEM:
            who = f"Enamel ({self.name})" if self.name else "Enamel"
        else:
            label = {
                ActorKind.INTEGRATION: "integration",
                ActorKind.PLUGIN: "plug-in",
                ActorKind.NATIVE: "native integration",
            }[self.kind]
            who = f"{label} '{self.name}'"
        if self.user_name and self.kind is not ActorKind.OFFICE_USER:
            who += f" for user {self.user_name}"
        return who


def system_actor(task: str = "") -> Actor:
    """Enamel itself (migrations, the demo loader, scheduled checks): every permission."""
    return Actor(kind=ActorKind.SYSTEM, name=task, permissions=ALL_PERMISSIONS)


def command_line_actor() -> Actor:
    """Whoever runs the `enamel` command on this machine: logged as the OS account and host.

    The command needs the database's credentials (ENAMEL_DATABASE_URL), so it runs with the
    rights of the database's owner; the log records which account on which machine used it.
    """
    import getpass
    import socket

    try:
        account = getpass.getuser()
    except (KeyError, OSError):
        account = "unknown"
    host = socket.gethostname()
    return Actor(
        kind=ActorKind.SYSTEM,
        name=f"command line, {account}@{host}",
        permissions=ALL_PERMISSIONS,
        client_address=host,
    )
