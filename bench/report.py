"""The table `make bench` prints: the floor, every measure against it, one request alone, jobs, memory.

Pure: takes the results dict (as written to bench/results.json) and returns lines.
"""

from bench import stats

TARGET_JOB_S, TARGET_MB = 60, 250


def _met(ok):
    return "met" if ok else "NOT MET"


def _pct(fraction):
    return f"{fraction * 100:.1f} %"


def measures(results):
    """The page, API and write measures, in the order they were taken."""
    return {name: row for name, row in results.items() if isinstance(row, dict) and "p95_ms" in row and name != "floor"}


def floor_lines(floor):
    alone = floor.get("alone") or {}
    passes = floor.get("passes") or []
    lines = [
        "Floor (bench/floor.py: one trivial Django view, no database, no templates, same gunicorn and clients):",
        f"  8 clients: p50 {floor['p50_ms']} ms, p95 {floor['p95_ms']} ms, {floor['req_per_s']} req/s, "
        f"{floor['cpu_ms_per_request']} ms server CPU per request",
        f"  alone: {alone.get('p50_ms')} ms, {alone.get('cpu_ms_per_request')} ms server CPU per request",
    ]
    if len(passes) > 1:
        each = " and ".join(f"{row['req_per_s']} req/s (p95 {row['p95_ms']} ms)" for row in passes)
        lines.append(f"  the mean of a pass before the app and one after its pages and writes: {each}")
    return lines


def load_lines(results):
    lines = [
        "",
        f"Under load: 8 clients. Targets: p95 <= {stats.MAX_P95_VS_FLOOR:g} x the floor's; throughput >= "
        f"{_pct(stats.MIN_THROUGHPUT_VS_FLOOR)} of the floor's ({_pct(stats.MIN_THROUGHPUT_VS_FLOOR_API_LIST)} "
        "for the API signal list)",
        f"{'measure':30} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>7} {'cpu ms':>7}  {'p95/floor':>16}  "
        f"{'req/s of floor':>18}",
    ]
    for name, row in measures(results).items():
        ratios = row.get("vs_floor") or {}
        met = stats.verdicts(name, row)
        p95 = f"{ratios['p95']:5.1f} x {_met(met['p95']):>7}" if "p95" in met else ""
        thr = f"{_pct(ratios['throughput']):>7} {_met(met['throughput']):>7}" if "throughput" in met else ""
        lines.append(
            f"{name:30} {row['p50_ms']:8.1f} {row['p95_ms']:8.1f} {row['req_per_s']:7.1f} "
            f"{row['cpu_ms_per_request']:7.1f}  {p95:>16}  {thr:>18}"
        )
    return lines


def alone_lines(results):
    scales = results.get("scales") or [results.get("scale", "1")]
    lines = [
        "",
        "One request alone (1 client; ms = median latency at each size, the sizes asked in turn). "
        f"Targets: server CPU <= "
        f"{stats.MAX_ALONE_CPU_MS_PAGE:g} ms a page, {stats.MAX_ALONE_CPU_MS_API:g} ms the API list; "
        f"largest size within {round((stats.MAX_GROWTH - 1) * 100)} % of the smallest",
        f"{'measure':30} " + " ".join(f"{'ms @' + s:>9}" for s in scales) + f"  {'growth':>14}  {'cpu ms':>15}",
    ]
    for name, row in measures(results).items():
        by_scale = row.get("alone_by_scale") or {}
        times = " ".join(f"{by_scale[s]['p50_ms']:9.1f}" if s in by_scale else f"{'-':>9}" for s in scales)
        met = stats.verdicts(name, row)
        grown = f"{row['growth']:5.2f} {_met(met['growth']):>7}" if "growth" in met else ""
        cpu = ""
        if "alone_cpu" in met:
            cpu = f"{row['alone']['cpu_ms_per_request']:6.1f} {_met(met['alone_cpu']):>7}"
        lines.append(f"{name:30} {times}  {grown:>14}  {cpu:>15}")
    return lines


def job_lines(results):
    lines = []
    for name, row in results.items():
        if isinstance(row, dict) and "seconds" in row:
            verdict = "ok" if row["seconds"] <= TARGET_JOB_S else "MISSED"
            lines.append(f"{name:30} {row['seconds']:8.2f} s  <= {TARGET_JOB_S} s {verdict}")
            lines.append(
                f"{'':30} then {row['delivered_in_window']} of {row['deliveries']} delivered by one worker "
                f"in <= {row.get('window_s', 60)} s ({row['deliveries_per_second']}/s)"
            )
    if lines:
        lines.insert(0, "")
    return lines


def memory_lines(results):
    lines = []
    for name, mb in (results.get("memory") or {}).items():
        verdict = "ok" if mb <= TARGET_MB else "MISSED"
        lines.append(f"memory {name:17} {mb:8.1f} MB <= {TARGET_MB} MB {verdict}")
    return lines


def table(results):
    lines = [f"Scale {results.get('scale', '1')} (1 = 200,000 signals)", ""]
    if results.get("floor"):
        lines += floor_lines(results["floor"])
    lines += load_lines(results) + alone_lines(results) + job_lines(results)
    memory = memory_lines(results)
    return lines + ([""] + memory if memory else [])
