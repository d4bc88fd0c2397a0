"""The tables of the first migration (revision 0001, the practice data core), a module for each
concept; the revision creates them in its `upgrade` and drops them in its `downgrade`."""
