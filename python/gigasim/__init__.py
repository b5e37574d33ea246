"""gigasim from Python: load a scenario, change it, run it, read its results as pandas
DataFrames (docs/python.md).

    import gigasim
    s = gigasim.load("scenarios/minimal.yaml")
    s.set("sites[0].grid_connection", "500 MW")
    r = gigasim.run(s, seed=7)
    r.summary["total"]["pue"], r.hourly.head()

Everything goes through the same library as the command line: the same checks, messages,
models and figures. pandas is imported only when a table is asked for.
"""

from __future__ import annotations

import json as _json
import os as _os
from typing import Any, Callable, Mapping, Optional, Sequence, Union

from . import _gigasim
from ._gigasim import InputError, IoError
from . import catalog
from .results import Results
from .study import Study

__all__ = ["InputError", "IoError", "Scenario", "Results", "Study", "catalog", "load",
           "from_dict", "run", "perf", "serve", "study"]

PathLike = Union[str, "_os.PathLike[str]"]


def _value_text(value: Any) -> str:
    """A value for `PATH=VALUE`: text as written (`500 MW`, `lulea`), anything else as JSON,
    which is YAML (numbers, true/false, lists, mappings)."""
    return value if isinstance(value, str) else _json.dumps(value)


class Scenario:
    """A scenario, validated: every change is checked at once and refused, naming its path,
    if it is wrong (the scenario is then left as it was)."""

    def __init__(self, handle: "_gigasim.Scenario", remake: Callable[[], "_gigasim.Scenario"]):
        self._handle = handle
        self._remake = remake  # a fresh handle without the changes made since

    @property
    def name(self) -> str:
        return self._handle.name

    @property
    def seed(self) -> int:
        """The seed a run uses when none is given."""
        return self._handle.seed

    @property
    def sites(self) -> list:
        return list(self._handle.sites)

    @property
    def overrides(self) -> list:
        """The changes made so far, as `PATH=VALUE` (what `gigasim run --set` takes)."""
        return list(self._handle.overrides)

    def set(self, path: str, value: Any) -> "Scenario":
        """Changes the value at a YAML path (`sites[0].grid_connection`, `500 MW`) and
        validates the scenario again. Returns the scenario, so changes chain."""
        self._handle.set(path, _value_text(value))
        return self

    def copy(self) -> "Scenario":
        """An independent scenario with the same changes."""
        twin = Scenario(self._remake(), self._remake)
        for override in self._handle.overrides:
            path, _, value = override.partition("=")
            twin._handle.set(path, value)
        return twin

    def check(self, seed: Optional[int] = None) -> None:
        """Prepares the scenario as a run would (sizing, envelope, workload): raises
        InputError on the problems `gigasim check` reports."""
        self._handle.check(self.seed if seed is None else seed)

    def __repr__(self) -> str:
        changes = f", {len(self.overrides)} changes" if self.overrides else ""
        return f"<gigasim.Scenario {self.name!r} from {self._handle.label}{changes}>"


def load(path: PathLike, overrides: Sequence[str] = (), data_dir: Optional[PathLike] = None
         ) -> Scenario:
    """Reads a scenario file (docs/scenario.md). `overrides` are `PATH=VALUE` strings, as
    `gigasim run --set` takes them. Raises InputError listing every problem."""
    cat = catalog._handle(data_dir)
    file = _os.fspath(path)
    remake = lambda: _gigasim.Scenario.from_file(cat, file, [])  # noqa: E731
    return Scenario(_gigasim.Scenario.from_file(cat, file, list(overrides)), remake)


def from_dict(description: Mapping[str, Any], base_dir: Optional[PathLike] = None,
              data_dir: Optional[PathLike] = None) -> Scenario:
    """A scenario from a mapping with the keys of a scenario file. Files it names (weather,
    traces) are read relative to `base_dir` (default: the current folder). Problems are
    reported with their YAML path and their place in the mapping written as JSON."""
    cat = catalog._handle(data_dir)
    text = _json.dumps(description, indent=2)
    folder = _os.fspath(base_dir) if base_dir is not None else _os.getcwd()
    remake = lambda: _gigasim.Scenario.from_text(cat, text, "<dict>", folder)  # noqa: E731
    return Scenario(remake(), remake)


def run(scenario: Union[Scenario, PathLike], seed: Optional[int] = None,
        progress: Optional[Callable[[float], None]] = None) -> Results:
    """Runs a scenario (or a scenario file) once and returns its results. The run releases
    the GIL; `progress`, if given, is called now and then with the fraction done. Ctrl-C
    (KeyboardInterrupt) or an exception raised by `progress` stops the run."""
    if not isinstance(scenario, Scenario):
        scenario = load(scenario)
    chosen = scenario.seed if seed is None else int(seed)
    return Results(_gigasim.run(scenario._handle, chosen, progress))


def perf(spec: Union[PathLike, Mapping[str, Any]], search: bool = False,
         data_dir: Optional[PathLike] = None) -> dict:
    """One performance estimate of a training step, or with `search=True` the best parallel
    layouts: a `gigasim perf` file, or a mapping with its keys (docs/perf.md). Returns the
    dict `gigasim perf --json` prints."""
    cat = catalog._handle(data_dir)
    if isinstance(spec, Mapping):
        return _gigasim.perf(cat, "", _json.dumps(spec, indent=2), "<dict>", search)
    return _gigasim.perf(cat, _os.fspath(spec), "", "", search)


def serve(spec: Union[PathLike, Mapping[str, Any]],
          data_dir: Optional[PathLike] = None) -> dict:
    """Serving throughput of a model at a latency target, and the accelerators a demand needs:
    a `gigasim serve` file, or a mapping with its keys (docs/serve.md). Returns the dict
    `gigasim serve --json` prints."""
    cat = catalog._handle(data_dir)
    if isinstance(spec, Mapping):
        return _gigasim.serve(cat, "", _json.dumps(spec, indent=2), "<dict>")
    return _gigasim.serve(cat, _os.fspath(spec), "", "")


def study(path: PathLike, threads: Optional[int] = None, out: Optional[PathLike] = None,
          data_dir: Optional[PathLike] = None) -> Study:
    """Runs a study file (docs/studies.md) on `threads` threads (default: every core) and
    returns its variants and replicas as DataFrames; with `out`, also writes study.csv,
    replicas.csv, study.sqlite, study.json and report.html there, as `gigasim study` does."""
    cat = catalog._handle(data_dir)
    count = threads if threads is not None else (_os.cpu_count() or 1)
    target = _os.fspath(out) if out is not None else ""
    return Study(_gigasim.study(cat, _os.fspath(path), count, target))
