#!/usr/bin/env python3
"""What driving gigasim from Python costs beside the command line (docs/performance.md).

Runs in the release tree: `PYTHONPATH=build/release/python python3 bench/python_overhead.py`.
For each scenario it times, best of N rounds:
  - `gigasim run --summary-only` (the command line: load, prepare, run, summary.json),
  - gigasim.run() and .summary from Python (the same work without the file),
  - each table turned into a DataFrame (hourly, jobs),
and the peak resident memory of this process.
"""

import argparse
import os
import pathlib
import resource
import subprocess
import tempfile
import time

import gigasim

ROOT = pathlib.Path(__file__).resolve().parents[1]


def best(rounds, work):
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        value = work()
        times.append(time.perf_counter() - start)
    return min(times), value


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("scenarios", nargs="*",
                        default=["scenarios/france-1gw.yaml", "scenarios/eu-60-sites.yaml"])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--binary", default=str(ROOT / "build/release/gigasim"))
    args = parser.parse_args()
    print("| scenario | CLI run --summary-only | gigasim.run + summary | hourly DataFrame | "
          "jobs DataFrame |")
    print("|---|---|---|---|---|")
    for name in args.scenarios:
        path = ROOT / name
        with tempfile.TemporaryDirectory() as out:
            cli, _ = best(args.rounds, lambda: subprocess.run(
                [args.binary, "run", str(path), "--quiet", "--summary-only", "--out", out],
                check=True, capture_output=True))
        scenario = gigasim.load(path)
        py, _ = best(args.rounds, lambda: gigasim.run(scenario).summary)
        results = gigasim.run(scenario)
        hourly, frame = best(1, lambda: results.hourly)
        jobs, table = best(1, lambda: results.jobs)
        print(f"| {path.name} | {cli:.2f} s | {py:.2f} s | {hourly:.2f} s ({len(frame):,} rows) | "
              f"{jobs:.2f} s ({len(table):,} rows) |")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak resident memory of the Python process: {peak:,.0f} MiB")


if __name__ == "__main__":
    main()
