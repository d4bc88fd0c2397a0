"""The API under /api/v1: every domain's router, and the routes that need no credentials."""

from __future__ import annotations

from fastapi import APIRouter

from enamel.appointments.router import router as appointments
from enamel.patients.router import router as patients
from enamel.payments.router import router as payments
from enamel.procedures.router import router as procedures
from enamel.providers.router import router as providers
from enamel.securitylogs.router import router as securitylogs
from enamel.setup.router import router as setup

PREFIX = "/api/v1"


def api_router() -> APIRouter:
    api = APIRouter(prefix=PREFIX)
    for domain in (patients, appointments, procedures, payments, providers, setup, securitylogs):
        api.include_router(domain)
    return api
