"""Enamel's write-path benchmark: `python -m bench` from the repository root.

What it measures, per engine (SQLite in a temporary file; PostgreSQL in `enamel_bench`, dropped
and created fresh on every run, skipped with a note when the server cannot be reached):

- "service": appointments booked through `enamel.appointments.service.create_appointment`, each
  in its own `Database.write()` edge (one transaction and one commit per booking, as one HTTP
  request), with an integration actor;
- "hand-written": the same booking written with the bare driver (`sqlite3` / `psycopg`, no
  SQLAlchemy): serialise (SQLite `BEGIN IMMEDIATE`, PostgreSQL `SELECT ... FOR UPDATE` on the
  operatory), the overlap query and check, the appointment row, the security-log row, commit;
- the demo load: `enamel.demo.load_demo` into a fresh database.

Service and hand-written rounds alternate (the machine is small and shared) and the median rate
of each is reported, with the ratio service / hand-written; the goal is at least 0.5. Every
booking takes a slot of its own, so no write is refused.

`python -m bench --only http` (or `--only writes,demo,http`) measures the API over HTTP
(bench/http.py): Enamel served by uvicorn as `enamel serve` runs it, against a bare Starlette
app (bench/bare.py) running the same SQL with the same driver, on a demo practice, with a
bounded load generator (bench/loadgen.py); SQLite unless `--engines` names others.
`python -m bench.profile` shows where an API request's time goes, layer by layer (SQLite).

`python -m bench --only audit` measures tamper evidence (bench/audit.py): `enamel audit verify`
over `--audit-rows` sealed rows (goal under 10 s for 1,000,000), and service writes audited
against `Database(url, audit=False)` without capture triggers (goal at most 2x the time).
Every part seals with a throwaway key in a temporary folder, never `ENAMEL_SEAL_KEY_FILE`'s.
"""
