"""A run's results: summary.json as a dict, and the tables of results.sqlite as pandas
DataFrames with the same columns as the CSV files (docs/outputs.md)."""

from __future__ import annotations

import json
import os
from typing import Any


def _series(column: dict):
    import numpy as np
    import pandas as pd

    kind, values, valid = column["type"], column["values"], column["valid"]
    if kind == "float":
        return pd.Series(values, dtype="float64")
    if kind == "integer":
        if valid.all():
            return pd.Series(values, dtype="int64")
        return pd.Series(pd.arrays.IntegerArray(values, ~valid))
    if kind == "boolean":
        flags = values.astype(np.bool_)
        if valid.all():
            return pd.Series(flags, dtype="bool")
        return pd.Series(pd.arrays.BooleanArray(flags, ~valid))
    return pd.Series(values, dtype="string")


def frame(columns: list):
    """A DataFrame of declared columns: float64 figures (NaN where a figure does not apply),
    int64 counts (nullable Int64 where some are missing), bool flags, string names. Units
    and descriptions are in df.attrs["units"] and df.attrs["descriptions"]."""
    import pandas as pd

    data = pd.DataFrame({c["name"]: _series(c) for c in columns})
    data.attrs["units"] = {c["name"]: c["unit"] for c in columns}
    data.attrs["descriptions"] = {c["name"]: c["description"] for c in columns}
    return data


class Results:
    """What one run produced. Tables are built when first read, then kept."""

    _TABLES = ("site_hourly", "jobs", "failures", "power_steps", "costs", "fleet")

    def __init__(self, handle):
        self._handle = handle
        self._summary = None
        self._frames: dict = {}

    @property
    def summary(self) -> dict:
        """summary.json as a dict: the run's fields (scenario, seed, start, hours, tick_h),
        `sites`, `total`, and the groups over all sites."""
        if self._summary is None:
            self._summary = json.loads(self._handle.summary_json())
        return self._summary

    def table(self, name: str):
        """A table of results.sqlite by name (site_hourly, jobs, failures, power_steps,
        costs, fleet) as a DataFrame."""
        if name not in self._frames:
            self._frames[name] = frame(self._handle.table(name))
        return self._frames[name]

    @property
    def hourly(self):
        """One row per site and tick: power, cooling, supply by source, carbon, cost, queue."""
        return self.table("site_hourly")

    @property
    def jobs(self):
        return self.table("jobs")

    @property
    def failures(self):
        return self.table("failures")

    @property
    def power_steps(self):
        return self.table("power_steps")

    @property
    def costs(self):
        return self.table("costs")

    @property
    def fleet(self):
        return self.table("fleet")

    def report(self, path: Any) -> str:
        """Writes the run's HTML report (the page `gigasim run` writes) to `path`."""
        target = os.fspath(path)
        self._handle.report(target)
        return target

    def save(self, folder: Any) -> str:
        """Writes every output of the run into `folder`, as `gigasim run --out` does."""
        target = os.fspath(folder)
        self._handle.save(target)
        return target

    def __repr__(self) -> str:
        s = self.summary
        return (f"<gigasim.Results {s['scenario']!r} seed {s['seed']}, "
                f"{s['hours']:.0f} h, {len(s['sites'])} sites>")
