"""/api/v1 routes of this domain (to be written)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
