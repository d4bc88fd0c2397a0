"""The demo practice."""
