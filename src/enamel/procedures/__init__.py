"""Procedure codes and procedures (procedurelog)."""
