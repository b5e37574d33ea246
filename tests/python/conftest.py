"""Shared fixtures of the Python tests: where the sources and the command line are. CTest
sets GIGASIM_SOURCE_DIR and GIGASIM_BINARY, and PYTHONPATH to the built package."""

import os
import pathlib
import subprocess

import pytest

SOURCE = pathlib.Path(os.environ.get("GIGASIM_SOURCE_DIR", pathlib.Path(__file__).parents[2]))


@pytest.fixture
def source() -> pathlib.Path:
    return SOURCE


@pytest.fixture
def cli():
    """Runs the `gigasim` command line; returns the completed process."""
    binary = os.environ.get("GIGASIM_BINARY")
    if not binary:
        pytest.skip("GIGASIM_BINARY is not set (run through CTest)")

    def call(*args, check=True):
        done = subprocess.run([binary, *map(str, args)], capture_output=True, text=True)
        if check and done.returncode != 0:
            raise AssertionError(f"gigasim {' '.join(map(str, args))}: {done.stderr}")
        return done

    return call
