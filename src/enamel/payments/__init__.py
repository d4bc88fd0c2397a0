"""Payments, pay splits and adjustments."""
