"""The catalogs of gigasim's data folder (accelerators, systems, locations, country grids)
as pandas DataFrames, figures in the units their column names carry (df.attrs["units"])."""

from __future__ import annotations

import os
from typing import Optional

from . import _gigasim

_loaded: dict = {}  # data folder -> catalog, read once per process


def _handle(data_dir: Optional[os.PathLike] = None) -> "_gigasim.Catalog":
    key = os.fspath(data_dir) if data_dir is not None else os.environ.get("GIGASIM_DATA_DIR", "")
    if key not in _loaded:
        _loaded[key] = _gigasim.load_catalog(key)
    return _loaded[key]


def _frame(table: dict):
    import pandas as pd

    frame = pd.DataFrame.from_records(table["rows"])
    for column in frame.columns:
        if frame[column].dtype == object:
            frame[column] = frame[column].astype("string")
    frame.attrs["units"] = dict(table["units"])
    return frame


def accelerators(data_dir: Optional[os.PathLike] = None):
    """Every accelerator: peak dense BF16 and FP8, HBM, power, scale-up bandwidth, embodied carbon."""
    return _frame(_handle(data_dir).accelerators())


def systems(data_dir: Optional[os.PathLike] = None):
    """Every system (a server or a rack): its accelerator, power, price and packing."""
    return _frame(_handle(data_dir).systems())


def locations(data_dir: Optional[os.PathLike] = None):
    """Every location a site may name."""
    return _frame(_handle(data_dir).locations())


def grids(data_dir: Optional[os.PathLike] = None):
    """Every country's grid: annual carbon intensity, residual mix, price, capacity factors."""
    return _frame(_handle(data_dir).grids())
