"""The benchmark's arithmetic: summaries of a measured window, ratios against the floor, verdicts.

Pure functions (no Django, no I/O), so tests/bench/ can pin them down.
"""

import statistics

# Issue 17's targets, as ratios to the floor measured in the same run (8 clients), and the CPU that one
# request may cost on its own. Absolute milliseconds differ between machines by a factor of two or more;
# ratios measured in the same run do not.
MAX_P95_VS_FLOOR = 10.0
MIN_THROUGHPUT_VS_FLOOR = 0.05
MIN_THROUGHPUT_VS_FLOOR_API_LIST = 0.10
MAX_ALONE_CPU_MS_API = 15.0
MAX_ALONE_CPU_MS_PAGE = 25.0
# A page's single-request time at the largest size against the smallest: within 20 %.
MAX_GROWTH = 1.2

API_SIGNAL_LIST = "api_signal_list"
AFRESH_SUFFIX = "_afresh"


def afresh(name):
    """The name of a read measure rendered afresh (`Cache-Control: no-cache`): a first visit, not a kept page."""
    return name + AFRESH_SUFFIX


def percentile(values, pct):
    """The pct-th percentile (1..99) as statistics.quantiles computes it (the exclusive method); None of nothing."""
    if len(values) < 2:
        return float(values[0]) if values else None
    return statistics.quantiles(values, n=100)[pct - 1]


def summarise(latencies_ms, *, window_s, cpu_s):
    """One measured window: latency percentiles, throughput, and server CPU per request.

    `window_s` is the wall time from the moment every client had warmed up to the last response;
    `cpu_s` is the CPU time the server's workers spent in that window (user + system).
    """
    count = len(latencies_ms)
    if not count:
        raise ValueError("nothing was measured")
    return {
        "p50_ms": round(percentile(latencies_ms, 50), 1),
        "p95_ms": round(percentile(latencies_ms, 95), 1),
        "req_per_s": round(count / window_s, 1) if window_s > 0 else None,
        "cpu_ms_per_request": round(cpu_s * 1000 / count, 2) if count else None,
        "requests": count,
    }


def vs_floor(row, floor):
    """The measure against the floor: p95 as a multiple of the floor's, throughput as a fraction of it."""
    return {
        "p95": round(row["p95_ms"] / floor["p95_ms"], 1) if floor["p95_ms"] else None,
        "throughput": round(row["req_per_s"] / floor["req_per_s"], 3) if floor["req_per_s"] else None,
    }


def min_throughput(name):
    return MIN_THROUGHPUT_VS_FLOOR_API_LIST if name.startswith(API_SIGNAL_LIST) else MIN_THROUGHPUT_VS_FLOOR


def max_alone_cpu_ms(name):
    return MAX_ALONE_CPU_MS_API if name.startswith("api_") else MAX_ALONE_CPU_MS_PAGE


def verdicts(name, row):
    """{target: met?} for one measure; a target whose figure is missing is left out."""
    result = {}
    ratios = row.get("vs_floor") or {}
    if ratios.get("p95") is not None:
        result["p95"] = ratios["p95"] <= MAX_P95_VS_FLOOR
    if ratios.get("throughput") is not None:
        result["throughput"] = ratios["throughput"] >= min_throughput(name)
    alone = row.get("alone") or {}
    if alone.get("cpu_ms_per_request") is not None:
        result["alone_cpu"] = alone["cpu_ms_per_request"] <= max_alone_cpu_ms(name)
    if row.get("growth") is not None:
        result["growth"] = row["growth"] <= MAX_GROWTH
    return result


def combined(passes):
    """Several passes of one measure as one: each figure their mean, the passes themselves beside them.

    The floor is measured once before the app and once after its pages and writes: on a machine whose
    speed drifts over minutes, their mean is what the floor was while the app was measured, which a
    single pass before it is not (the drift seen was 40 % within one run)."""
    passes = [row for row in passes if row]
    if not passes:
        return {}
    figures = ("p50_ms", "p95_ms", "req_per_s", "cpu_ms_per_request")
    mean = {name: round(statistics.fmean(row[name] for row in passes), 2) for name in figures}
    return {**mean, "requests": sum(row["requests"] for row in passes), "passes": passes}


def combined_floor(passes):
    """The floor's passes (under load, with `alone` inside) as one: `combined` of each, the passes beside them."""
    floor = combined(passes)
    floor["alone"] = combined([row.get("alone") for row in passes])
    return floor


def growth(alone_by_scale):
    """Single-request time at the largest scale over the smallest ({scale: {"p50_ms": ..}}), or None."""
    if len(alone_by_scale) < 2:
        return None
    smallest, largest = min(alone_by_scale), max(alone_by_scale)
    low, high = alone_by_scale[smallest]["p50_ms"], alone_by_scale[largest]["p50_ms"]
    return round(high / low, 2) if low else None


def parse_scales(text):
    """'0.1,1' -> [0.1, 1.0], ascending and without repeats; each a fraction of the full world in (0, 1]."""
    try:
        scales = sorted({float(part) for part in text.split(",") if part.strip()})
    except ValueError:
        raise ValueError(f"scales are numbers separated by commas, e.g. 0.1,1 (not {text!r})") from None
    if not scales or not all(0 < scale <= 1 for scale in scales):
        raise ValueError(f"each scale is a fraction of the full world, above 0 and at most 1 (not {text!r})")
    return scales


def scale_label(scale):
    """1.0 -> '1', 0.1 -> '0.1': the key of a scale in results.json."""
    return f"{scale:g}"


def database_name(scale, base="veerkracht_bench"):
    """The full world keeps the name it always had; a smaller one gets its own database beside it."""
    if scale == 1:
        return base
    return f"{base}_{scale_label(scale).replace('.', '_').replace('-', '_')}"
