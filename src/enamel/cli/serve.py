"""`enamel serve`."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

import click
import uvicorn
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from enamel.cli.common import database, settings, unreachable
from enamel.cli.demo import report, run_demo
from enamel.db.migrate import upgrade
from enamel.models import Patient


@click.command()
@click.option("--demo", is_flag=True, help="Upgrade, and load the demo practice when empty.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64))
def serve(demo: bool, host: str, port: int, workers: int) -> None:
    """Serve the API and the office pages; check the data's integrity every
    ENAMEL_AUDIT_INTERVAL seconds (default 3600, 0: never)."""
    settings()  # a bad setting fails here, in one line, not in each worker
    if demo:
        db = database()
        try:
            upgrade(db)
            with db.read() as session:
                empty = not session.scalar(select(func.count()).select_from(Patient))
            if empty:
                report(run_demo(db, patients=1000, seed=42))
        except OperationalError as exc:
            raise unreachable(db, exc) from exc
        finally:
            db.dispose()
    click.echo(f"Enamel serving on http://{host}:{port} (health: /healthz)")
    if workers > 1 and not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        # Each worker counts in files here, so /metrics on any worker shows them all.
        metrics_dir = tempfile.mkdtemp(prefix="enamel-metrics-")
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = metrics_dir
        atexit.register(shutil.rmtree, metrics_dir, ignore_errors=True)
    uvicorn.run(
        "enamel.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
    )
