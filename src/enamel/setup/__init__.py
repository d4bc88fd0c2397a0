"""Practice set-up: clinics, operatories, definitions."""
