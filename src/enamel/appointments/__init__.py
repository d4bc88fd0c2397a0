"""Appointments: booking, moving, breaking, completing."""
