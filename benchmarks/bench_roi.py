"""Benchmark: analysis.roi.simulate for 1,000,000 draws (target < 1 s and < 2 GB on 2 cores).

Run from the project root: ``.venv/bin/python benchmarks/bench_roi.py`` (the project is
installed in the venv, so ``analysis`` imports from anywhere).
Prints the wall time (median of 5 runs, after a warm-up), the peak memory traced by
tracemalloc during one run, and the process's peak resident set size.
"""

from __future__ import annotations

import resource
import statistics
import time
import tracemalloc

from analysis.roi import Distribution, simulate

N_DRAWS = 1_000_000
SEED = 2026
CAPEX = 650.0  # USD bn: Big-4 2026 capex guidance, lower end (data pack, published_estimates.csv)

# Illustrative distributions for the benchmark only. The notebook takes them from the
# assumptions register (data/raw/assumptions.yaml), where each has a source or rationale.
DISTRIBUTIONS = {
    "capex": Distribution("fixed", value=CAPEX),
    # year-1 revenue of the cohort as a share of its capex: low ~ GPU rent x utilisation /
    # all-in capex per GPU; mode ~ Sequoia's break-even (2 x DC cost over a ~5-year life);
    # high ~ Bain's sustainable cloud ratio (capex = 25 % of revenue, ~5 vintages in service)
    "initial_revenue": Distribution("triangular", low=0.20, mode=0.40, high=0.80).scaled(CAPEX),
    "revenue_growth": Distribution("triangular", low=-0.30, mode=0.0, high=0.30),
    "gross_margin": Distribution("triangular", low=0.45, mode=0.60, high=0.75),
    "opex_share_of_capex": Distribution("triangular", low=0.04, mode=0.07, high=0.12),
    "useful_life_years": Distribution("triangular", low=3.0, mode=5.0, high=6.0),
    "residual_value_share": Distribution("triangular", low=0.0, mode=0.10, high=0.30),
    "tax_rate": Distribution("fixed", value=0.21),
    "wacc": Distribution("triangular", low=0.07, mode=0.09, high=0.11),
}


def main() -> None:
    simulate(DISTRIBUTIONS, 1_000, SEED)  # warm-up (imports, first-call overheads)

    times = []
    for _ in range(5):
        start = time.perf_counter()
        result = simulate(DISTRIBUTIONS, N_DRAWS, SEED)
        times.append(time.perf_counter() - start)

    tracemalloc.start()
    simulate(DISTRIBUTIONS, N_DRAWS, SEED)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    max_rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB

    median, fastest, slowest = statistics.median(times), min(times), max(times)
    print(f"simulate(): {N_DRAWS:,} draws, seed {SEED}")
    print(f"wall time: median {median:.3f} s, min {fastest:.3f} s, max {slowest:.3f} s (5 runs)")
    print(f"peak memory: {traced_peak / 2**20:.0f} MiB traced, {max_rss_mib:.0f} MiB max RSS")
    print(f"P(NPV > 0) = {result.p_npv_positive:.3f}")
    print(f"P(discounted payback within life) = {result.p_payback_within_life:.3f}")
    print("NPV percentiles, USD bn:", result.npv_percentiles.round(1).to_dict())
    print("payback percentiles, years:", result.payback_percentiles.round(2).to_dict())


if __name__ == "__main__":
    main()
