"""Plug-ins: third-party code on Enamel's hooks, whitelisted, guarded, switchable off.

What a plug-in author imports: `hookimpl` (the decorator for hook implementations), the
values hooks receive (`ChangeEvent`, `Booking`) or return (`MenuItem`), and `PluginContext`
(for type hints). See the README's "Plug-ins" section.
"""

from enamel.plugins.context import PluginContext
from enamel.plugins.events import Booking, ChangeEvent, MenuItem
from enamel.plugins.hookspecs import hookimpl

__all__ = ["Booking", "ChangeEvent", "MenuItem", "PluginContext", "hookimpl"]
