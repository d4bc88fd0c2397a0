"""`python -m enamel.cli` runs the `enamel` command."""

from enamel.cli import main

main()
