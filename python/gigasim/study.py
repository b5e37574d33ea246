"""A study's results (docs/studies.md) as DataFrames with the columns of study.csv and
replicas.csv."""

from __future__ import annotations


class Study:
    def __init__(self, data: dict):
        self.name: str = data["name"]
        self.metrics: list = list(data["metrics"])
        self._variants = data["variants"]

    @property
    def variants(self):
        """One row per variant (indexed by its name): replicas, and each metric's mean and
        95 % interval (`<metric>_mean`, `_ci95_low`, `_ci95_high`; NaN for one replica)."""
        import pandas as pd

        rows = []
        for v in self._variants:
            row = {"variant": v["name"], "replicas": len(v["replicas"])}
            for i, m in enumerate(self.metrics):
                row[f"{m}_mean"] = v["mean"][i]
                row[f"{m}_ci95_low"] = v["ci_low"][i]
                row[f"{m}_ci95_high"] = v["ci_high"][i]
            rows.append(row)
        return pd.DataFrame.from_records(rows).set_index("variant")

    @property
    def replicas(self):
        """One row per run: variant, replica, seed and every metric."""
        import pandas as pd

        rows = []
        for v in self._variants:
            for i, r in enumerate(v["replicas"]):
                row = {"variant": v["name"], "replica": i, "seed": r["seed"]}
                row.update(zip(self.metrics, r["values"]))
                rows.append(row)
        return pd.DataFrame.from_records(rows)

    @property
    def overrides(self) -> dict:
        """Each variant's `PATH=VALUE` changes of the base scenario."""
        return {v["name"]: list(v["overrides"]) for v in self._variants}

    def __repr__(self) -> str:
        return f"<gigasim.Study {self.name!r}: {len(self._variants)} variants>"
