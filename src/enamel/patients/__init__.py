"""Patients and families."""
