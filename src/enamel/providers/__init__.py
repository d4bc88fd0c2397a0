"""Providers (dentists, hygienists)."""
