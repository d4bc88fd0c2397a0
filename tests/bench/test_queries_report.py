"""The queries benchmark's figures: percentiles, and its ratio is Enamel's time over the bare
app's (at most 1.5 is the goal), never the other way round."""

from __future__ import annotations

import pytest
from bench.report import CheckResult, QueryHttpResult, Report, percentile


def test_percentile_interpolates_between_ranks() -> None:
    samples = [float(n) for n in range(1, 101)]  # 1..100, unordered below
    assert percentile(list(reversed(samples)), 50) == pytest.approx(50.5)
    assert percentile(samples, 95) == pytest.approx(95.05)
    assert percentile([3.0], 95) == 3.0
    with pytest.raises(ValueError):
        percentile([], 50)
    with pytest.raises(ValueError):
        percentile([1.0], 100)


def test_ratio_is_enamel_time_over_bare_time() -> None:
    q = QueryHttpResult("sqlite", "procedures", "SELECT 1", 1000, 100, 4)
    q.enamel_rates = [50.0, 40.0, 60.0]
    q.bare_rates = [100.0, 100.0, 60.0]
    q.service_ms, q.run_ms, q.log_ms = 10.0, 8.0, 1.5
    assert q.ratios == [2.0, 2.5, 1.0]
    assert q.ratio == 2.0
    assert q.log_share == pytest.approx(0.15)
    assert q.unlogged_share == pytest.approx(0.2)
    assert q.as_dict()["meets_goal"] is False
    assert q.cpu_ratio is None  # not measured (no /proc)
    q.enamel_cpu_ms, q.bare_cpu_ms = [12.0, 10.0, 9.0], [6.0, 4.0, 6.0]
    assert q.cpu_ratio == 2.0  # the median of 2.0, 2.5 and 1.5
    assert "| 10.0 / 6.0 ms | 2.00 |" in Report(queries=[q]).markdown()


def test_markdown_names_both_cold_and_warm() -> None:
    c = CheckResult("postgresql", 2, cold_ms=[2.0, 4.0], warm_us=[0.5, 0.7])
    report = Report(checks=[c])
    text = report.markdown()
    assert "| PostgreSQL | 3.00 ms | 3.90 ms | 0.6 µs | 0.7 µs | cold MISSES, warm meets |" in text
    assert c.as_dict()["cold_meets_goal"] is False
