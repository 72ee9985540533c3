"""The benchmark's arithmetic (bench/stats.py) and its table (bench/report.py): ratios against the floor, verdicts."""

import pytest

from bench import report, stats

FLOOR = {"p50_ms": 2.0, "p95_ms": 10.0, "req_per_s": 1600.0, "cpu_ms_per_request": 0.4}


def test_a_window_is_summarised_as_percentiles_throughput_and_cpu_per_request():
    latencies = [float(ms) for ms in range(1, 101)]  # 1..100 ms

    summary = stats.summarise(latencies, window_s=2.0, cpu_s=1.5)

    assert summary == {
        "p50_ms": 50.5,
        "p95_ms": 96.0,  # 95.95 (the exclusive method), rounded
        "req_per_s": 50.0,
        "cpu_ms_per_request": 15.0,
        "requests": 100,
    }


def test_percentile_of_one_value_is_that_value_and_of_none_is_none():
    assert stats.percentile([7.0], 95) == 7.0
    assert stats.percentile([], 95) is None


def test_a_window_without_requests_is_an_error_not_a_row_of_nothing():
    with pytest.raises(ValueError):
        stats.summarise([], window_s=1.0, cpu_s=0.0)


def test_vs_floor_is_p95_as_a_multiple_and_throughput_as_a_fraction_of_the_floor():
    row = {"p95_ms": 95.0, "req_per_s": 80.0}

    assert stats.vs_floor(row, FLOOR) == {"p95": 9.5, "throughput": 0.05}


def test_the_api_signal_list_needs_ten_percent_of_the_floor_and_a_page_five():
    both = {"vs_floor": {"p95": 9.0, "throughput": 0.07}}

    assert stats.verdicts("home", both) == {"p95": True, "throughput": True}
    assert stats.verdicts("api_signal_list", both) == {"p95": True, "throughput": False}


def test_one_request_alone_may_cost_25_ms_of_cpu_on_a_page_and_15_on_the_api():
    row = {"alone": {"cpu_ms_per_request": 20.0}}

    assert stats.verdicts("case_page", row) == {"alone_cpu": True}
    assert stats.verdicts("api_signal_list", row) == {"alone_cpu": False}


def test_p95_past_ten_times_the_floor_is_not_met():
    assert stats.verdicts("home", {"vs_floor": {"p95": 10.1, "throughput": None}}) == {"p95": False}


def test_growth_is_the_largest_size_over_the_smallest_and_needs_two_sizes():
    assert stats.growth({0.1: {"p50_ms": 20.0}, 1.0: {"p50_ms": 25.0}}) == 1.25
    assert stats.growth({1.0: {"p50_ms": 25.0}}) is None
    assert stats.verdicts("home", {"growth": 1.25}) == {"growth": False}
    assert stats.verdicts("home", {"growth": 1.2}) == {"growth": True}


def test_scales_are_sorted_fractions_of_the_full_world():
    assert stats.parse_scales("1,0.1,0.1") == [0.1, 1.0]
    for wrong in ("", "0", "2", "a,1"):
        with pytest.raises(ValueError):
            stats.parse_scales(wrong)


def test_the_full_world_keeps_its_database_and_a_smaller_one_gets_its_own():
    assert stats.database_name(1.0) == "veerkracht_bench"
    assert stats.database_name(0.1) == "veerkracht_bench_0_1"
    assert stats.database_name(0.01) == "veerkracht_bench_0_01"
    assert stats.scale_label(1.0) == "1"


def test_the_table_shows_the_floor_the_ratios_with_met_or_not_and_each_size():
    results = {
        "scale": "1",
        "scales": ["0.1", "1"],
        "floor": {**FLOOR, "alone": {"p50_ms": 0.5, "cpu_ms_per_request": 0.3}},
        "home": {
            "p50_ms": 60.0,
            "p95_ms": 150.0,
            "req_per_s": 90.0,
            "cpu_ms_per_request": 20.0,
            "requests": 400,
            "vs_floor": {"p95": 15.0, "throughput": 0.056},
            "alone": {"p50_ms": 24.0, "cpu_ms_per_request": 21.0},
            "alone_by_scale": {"0.1": {"p50_ms": 20.0}, "1": {"p50_ms": 24.0}},
            "growth": 1.2,
        },
        "reminder_sweep": {"seconds": 0.8, "deliveries": 10, "delivered_in_window": 10, "deliveries_per_second": 5},
        "memory": {"web_mb": 95.0},
    }

    lines = report.table(results)
    home = [line for line in lines if line.startswith("home ")]

    assert any("p95 2.0 ms" not in line and "p95 10.0 ms, 1600.0 req/s" in line for line in lines)
    assert "15.0 x NOT MET" in home[0] and "5.6 %     met" in home[0]
    assert home[1].split()[:3] == ["home", "20.0", "24.0"]
    assert "1.20     met" in home[1] and "21.0     met" in home[1]
    assert any(line.startswith("reminder_sweep") and "ok" in line for line in lines)
    assert any("memory web_mb" in line and "ok" in line for line in lines)


def test_two_passes_of_a_measure_count_as_their_mean():
    before = {"p50_ms": 10.0, "p95_ms": 14.0, "req_per_s": 90.0, "cpu_ms_per_request": 8.0, "requests": 50}
    after = {"p50_ms": 14.0, "p95_ms": 20.0, "req_per_s": 70.0, "cpu_ms_per_request": 11.0, "requests": 50}
    both = stats.combined([before, after])
    assert {name: both[name] for name in ("p50_ms", "p95_ms", "req_per_s", "cpu_ms_per_request", "requests")} == {
        "p50_ms": 12.0,
        "p95_ms": 17.0,
        "req_per_s": 80.0,
        "cpu_ms_per_request": 9.5,
        "requests": 100,
    }
    assert both["passes"] == [before, after]
    assert stats.growth({0.1: both, 1.0: {"p50_ms": 13.2}}) == 1.1
    assert stats.combined([before, None]) == {**before, "passes": [before]}
    assert stats.combined([]) == {}


def test_the_floor_counts_as_the_mean_of_its_pass_before_and_after_the_app():
    def floor(req_per_s, p95_ms, alone_p50_ms):
        alone = {"p50_ms": alone_p50_ms, "p95_ms": 1.0, "req_per_s": 1000.0, "cpu_ms_per_request": 0.5, "requests": 500}
        row = {"p50_ms": 2.0, "p95_ms": p95_ms, "req_per_s": req_per_s, "cpu_ms_per_request": 0.4, "requests": 4000}
        return {**row, "alone": alone}

    both = stats.combined_floor([floor(3400.0, 4.0, 0.4), floor(2600.0, 6.0, 0.6)])
    assert (both["req_per_s"], both["p95_ms"], both["alone"]["p50_ms"]) == (3000.0, 5.0, 0.5)
    page = {"p95_ms": 50.0, "req_per_s": 150.0}
    assert stats.vs_floor(page, both) == {"p95": 10.0, "throughput": 0.05}
    lines = report.floor_lines(both)
    assert "3400.0 req/s (p95 4.0 ms) and 2600.0 req/s (p95 6.0 ms)" in lines[-1]


def test_a_read_rendered_afresh_is_measured_against_the_same_targets():
    assert stats.afresh("home") == "home_afresh"
    assert stats.min_throughput(stats.afresh("api_signal_list")) == stats.MIN_THROUGHPUT_VS_FLOOR_API_LIST
    assert stats.max_alone_cpu_ms(stats.afresh("api_signal_list")) == stats.MAX_ALONE_CPU_MS_API
    assert stats.min_throughput(stats.afresh("home")) == stats.MIN_THROUGHPUT_VS_FLOOR
