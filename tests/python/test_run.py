"""Runs from Python give the command line's results; tables, report, progress, threads."""

import json
import threading
import time

import numpy as np
import pandas as pd
import pytest

import gigasim


def cli_run(cli, scenario, out, *extra):
    cli("run", scenario, "--quiet", "--out", out, *extra)
    return out


@pytest.mark.parametrize("scenario,seed", [("minimal.yaml", 7), ("swf-replay.yaml", 3)])
def test_python_and_the_command_line_give_the_same_results(source, cli, tmp_path, scenario,
                                                           seed):
    path = source / "scenarios" / scenario
    cli_out = cli_run(cli, path, tmp_path / "cli", "--seed", seed)
    results = gigasim.run(gigasim.load(path), seed=seed)
    assert results.summary == json.loads((cli_out / "summary.json").read_text())
    # The whole output set written from Python is the command line's, byte for byte.
    py_out = tmp_path / "py"
    results.save(py_out)
    for name in ("summary.json", "site_hourly.csv"):
        assert (py_out / name).read_bytes() == (cli_out / name).read_bytes(), name
    # The DataFrames hold the CSV's figures (written there with six significant digits).
    hourly = pd.read_csv(cli_out / "site_hourly.csv")
    assert list(results.hourly.columns) == list(hourly.columns)
    for column in hourly.columns:
        if hourly[column].dtype.kind == "f":
            np.testing.assert_allclose(results.hourly[column], hourly[column], rtol=1e-5,
                                       atol=1e-9, err_msg=column)
    if (cli_out / "jobs.csv").exists():
        jobs = pd.read_csv(cli_out / "jobs.csv")
        assert len(results.jobs) == len(jobs) > 0
        assert list(results.jobs["id"]) == list(jobs["id"])
        np.testing.assert_allclose(results.jobs["wait_h"].fillna(-1), jobs["wait_h"].fillna(-1),
                                   rtol=1e-5, atol=1e-9)


def test_every_table_holds_what_results_sqlite_holds(source, cli, tmp_path):
    import sqlite3

    path = source / "scenarios/llama3-405b-54days.yaml"
    cli_out = cli_run(cli, path, tmp_path / "cli", "--set", "horizon=10 days")
    r = gigasim.run(gigasim.load(path, overrides=["horizon=10 days"]))
    with sqlite3.connect(cli_out / "results.sqlite") as db:
        for name in ("site_hourly", "jobs", "failures", "power_steps", "costs", "fleet"):
            mine = r.table(name)
            stored = pd.read_sql(f"SELECT * FROM {name}", db)
            assert list(mine.columns) == list(stored.columns), name
            assert len(mine) == len(stored) > 0, name
            for column in stored.columns:
                want, got = stored[column], mine[column]
                if pd.api.types.is_string_dtype(got):
                    assert list(got.fillna("")) == list(want.fillna("")), (name, column)
                else:
                    np.testing.assert_array_equal(got.astype("float64").to_numpy(na_value=np.nan),
                                                  want.astype("float64").to_numpy(),
                                                  err_msg=f"{name}.{column}")


def test_a_seed_changes_a_random_run_and_the_default_is_the_scenarios(source):
    s = gigasim.load(source / "scenarios/swf-replay.yaml")
    assert gigasim.run(s).summary["seed"] == s.seed == 3
    assert gigasim.run(s, seed=11).summary["seed"] == 11


def test_tables_are_typed_and_carry_their_units(source):
    s = gigasim.load(source / "scenarios/llama3-405b-54days.yaml").set("horizon", "10 days")
    r = gigasim.run(s)
    hourly, jobs, failures = r.hourly, r.jobs, r.failures
    assert len(hourly) == 240
    assert hourly["it_mw"].dtype == "float64" and hourly.attrs["units"]["it_mw"] == "MW"
    assert pd.api.types.is_string_dtype(hourly["site"])
    assert jobs["accelerators"].dtype == "int64"
    assert jobs.loc[0, "name"] == "llama3-405b"
    assert len(failures) >= r.summary["reliability"]["failures"] > 0
    assert failures["accelerators_affected"].dtype == "int64"
    assert set(r.costs["site"]) == {"llama3-cluster", "total"}
    assert r.fleet.loc[0, "accelerators"] == 2112 * 8
    assert list(r.power_steps.columns) == ["time_h", "site", "before_mw", "after_mw", "step_mw"]
    with pytest.raises(KeyError):
        r.table("no_such_table")


def test_report_writes_the_page_and_nothing_else(source, tmp_path):
    r = gigasim.run(gigasim.load(source / "scenarios/minimal.yaml").set("horizon", "3 days"))
    page = tmp_path / "page.html"
    assert r.report(page) == str(page)
    text = page.read_text()
    assert text.startswith("<!DOCTYPE html>") and "lyon-pilot" in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.html"]


def test_progress_is_reported_and_an_exception_in_it_stops_the_run(source):
    s = gigasim.load(source / "scenarios/minimal.yaml").set("horizon", "60 days")
    seen = []
    gigasim.run(s, progress=seen.append)
    assert seen and seen[-1] == 1.0 and seen == sorted(seen)

    class Stop(Exception):
        pass

    def stop(fraction):
        if fraction > 0.2:
            raise Stop()

    with pytest.raises(Stop):
        gigasim.run(s, progress=stop)


def test_a_run_releases_the_gil(source):
    s = gigasim.load(source / "scenarios/minimal.yaml").set("tick", "15 min")
    ticks = []
    running = threading.Event()
    done = threading.Event()

    def count():
        running.set()
        while not done.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.001)

    counter = threading.Thread(target=count)
    counter.start()
    running.wait()
    start = time.perf_counter()
    gigasim.run(s)
    end = time.perf_counter()
    done.set()
    counter.join()
    during = [t for t in ticks if start < t < end]
    # Holding the GIL for the whole run would leave the counter no turn before the end; with
    # it released, the counter ticks about once a millisecond.
    assert len(during) >= max(3, 0.25 * (end - start) / 0.0011), (len(during), end - start)


def test_runs_in_threads_give_the_serial_results(source):
    s = gigasim.load(source / "scenarios/swf-replay.yaml")
    serial = [gigasim.run(s, seed=k).summary for k in (1, 2)]
    out = [None, None]

    def work(i):
        out[i] = gigasim.run(s, seed=i + 1).summary

    threads = [threading.Thread(target=work, args=(i,)) for i in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert out == serial


def test_perf_gives_the_command_lines_estimate_and_search(source, cli):
    file = source / "examples/perf/gpt3-175b-a100.yaml"
    assert gigasim.perf(file) == json.loads(cli("perf", file, "--json").stdout)
    searched = gigasim.perf(source / "examples/perf/mixtral-h100-search.yaml", search=True)
    assert searched["best"] and searched["layouts_fitting"] <= searched["layouts_possible"]


def test_perf_from_a_dict_equals_the_file_and_names_a_bad_key(source):
    spec = {"model": "gpt-3-175b", "accelerator": "a100-sxm4-80gb", "gpus": 1024,
            "parallelism": {"tp": 8, "pp": 8, "micro_batch": 1, "global_batch": 1536,
                            "recompute": "selective", "sequence_parallel": True,
                            "zero": "zero1"}}
    assert gigasim.perf(spec) == gigasim.perf(source / "examples/perf/gpt3-175b-a100.yaml")
    spec["parallelism"]["tp"] = 3
    with pytest.raises(gigasim.InputError) as caught:
        gigasim.perf(spec)
    assert any(p["path"].startswith("parallelism") for p in caught.value.problems)


def test_serve_gives_the_command_lines_answer_and_names_a_bad_key(source, cli):
    file = source / "examples/serve/llama3-70b-h100.yaml"
    answer = gigasim.serve(file)
    assert answer == json.loads(cli("serve", file, "--json").stdout)
    assert answer["accelerators_needed"] > 0 and answer["tpot_s"] <= 0.2
    spec = {"model": "llama-3-70b", "accelerator": "h100-sxm5-80gb",
            "replica": {"tp": 2, "precision": "fp8"},
            "requests": {"input_tokens": 1000, "output_tokens": 300},
            "latency": {"ttft": "2 s", "tpot": "200 ms", "percentile": "99 %"},
            "demand": 1000000}
    assert gigasim.serve(spec) == answer
    spec["replica"]["precision"] = "fp4"
    with pytest.raises(gigasim.InputError) as caught:
        gigasim.serve(spec)
    assert [p["path"] for p in caught.value.problems] == ["replica.precision"]


def test_serve_drafts_speculatively_from_a_mapping():
    spec = {"model": "deepseek-v3", "system": "hgx-h200",
            "replica": {"tp": 8, "max_batch": 8},
            "requests": {"input_tokens": 1000, "output_tokens": 1000}}
    plain = gigasim.serve(spec)
    spec["replica"]["speculative"] = {"draft_tokens": 1, "acceptance": 0.9}
    drafted = gigasim.serve(spec)
    assert plain["tokens_per_iteration"] == 1
    assert drafted["tokens_per_iteration"] == pytest.approx(1.9)
    assert 1.2 < drafted["tokens_per_s_replica"] / plain["tokens_per_s_replica"] < 1.9
    spec["replica"]["speculative"] = {"draft_tokens": 1}
    with pytest.raises(gigasim.InputError) as caught:
        gigasim.serve(spec)
    assert [p["path"] for p in caught.value.problems] == ["replica.speculative.acceptance"]


def test_study_gives_the_command_lines_tables(source, cli, tmp_path):
    study_file = source / "tests/data/studies/ranks.yaml"
    cli("study", study_file, "--out", tmp_path / "cli", "--threads", "1")
    result = gigasim.study(study_file, threads=2, out=tmp_path / "py")
    assert (tmp_path / "py/study.csv").read_bytes() == (tmp_path / "cli/study.csv").read_bytes()
    table = pd.read_csv(tmp_path / "cli/study.csv").set_index("variant")
    assert list(result.variants.index) == list(table.index)
    np.testing.assert_allclose(result.variants["pue_mean"], table["pue_mean"], rtol=1e-5)
    assert len(result.replicas) == 9
    assert all(len(v) == 2 for v in result.overrides.values())
