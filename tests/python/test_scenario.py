"""Scenarios from Python: loading, changing by path, dicts, catalogs and errors."""

import pandas as pd
import pytest

import gigasim


def test_load_names_the_scenario_and_its_sites(source):
    s = gigasim.load(source / "scenarios/minimal.yaml")
    assert s.name == "minimal"
    assert s.sites == ["lyon-pilot"]
    assert s.overrides == []


def test_set_changes_the_scenario_and_a_run_sees_it(source):
    s = gigasim.load(source / "scenarios/minimal.yaml").set("horizon", "2 days")
    s.set("sites[0].grid_connection", "500 MW")
    assert s.overrides == ["horizon=2 days", "sites[0].grid_connection=500 MW"]
    site = gigasim.run(s).summary["sites"][0]
    assert site["grid_connection_mw"] == pytest.approx(500)


def test_values_that_are_not_text_are_written_as_yaml(source):
    s = gigasim.load(source / "scenarios/minimal.yaml")
    s.set("horizon", "1 days").set("sites[0].fleet[0].count", 10)
    s.set("sites[0].supply", [{"type": "grid"}])
    assert gigasim.run(s).summary["total"]["accelerators"] == 80


def test_a_bad_value_is_refused_where_it_is_set_and_the_scenario_is_kept(source, cli):
    s = gigasim.load(source / "scenarios/minimal.yaml")
    with pytest.raises(gigasim.InputError) as caught:
        s.set("sites[0].grid_connection", "500 kg")
    problem = caught.value.problems[0]
    assert problem["path"] == "sites[0].grid_connection"
    assert s.overrides == []
    # The message is the command line's, without its "error: " prefix.
    done = cli("check", source / "scenarios/minimal.yaml", "--set",
               "sites[0].grid_connection=500 kg", check=False)
    assert done.returncode == 2
    assert [f"error: {line}" for line in str(caught.value).splitlines()] == \
        done.stderr.strip().splitlines()


def test_a_bad_file_reports_every_problem_with_its_place(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: bad\nsites:\n  - name: a\n    location: atlantis\n"
                   "    grid_connection: -3 MW\n    fleet: [{system: dgx-h100, count: 8}]\n"
                   "    supply: [{type: grid}]\n")
    with pytest.raises(gigasim.InputError) as caught:
        gigasim.load(bad)
    paths = {p["path"] for p in caught.value.problems}
    assert {"sites[0].location", "sites[0].grid_connection"} <= paths
    located = {p["path"]: (p["file"], p["line"]) for p in caught.value.problems}
    assert located["sites[0].grid_connection"] == (str(bad), 5)
    assert isinstance(caught.value, ValueError)


def test_copy_is_independent(source):
    base = gigasim.load(source / "scenarios/minimal.yaml").set("horizon", "1 days")
    twin = base.copy().set("sites[0].location", "lulea")
    assert base.overrides == ["horizon=1 days"]
    assert twin.overrides == ["horizon=1 days", "sites[0].location=lulea"]
    assert gigasim.run(twin).summary["sites"][0]["location"] == "lulea"


def minimal_dict():
    return {"name": "from-python", "horizon": "2 days",
            "sites": [{"name": "a", "location": "lulea", "grid_connection": "5 MW",
                       "fleet": [{"system": "dgx-h100", "count": 16}],
                       "supply": [{"type": "grid"}]}]}


def test_from_dict_runs_like_a_file(source, tmp_path):
    import json
    d = minimal_dict()
    (tmp_path / "same.yaml").write_text(json.dumps(d))
    from_dict = gigasim.run(gigasim.from_dict(d)).summary
    from_file = gigasim.run(gigasim.load(tmp_path / "same.yaml")).summary
    assert from_dict["total"] == from_file["total"]


def test_from_dict_errors_name_the_path():
    d = minimal_dict()
    d["sites"][0]["fleet"][0]["system"] = "no-such-system"
    with pytest.raises(gigasim.InputError) as caught:
        gigasim.from_dict(d)
    problem = caught.value.problems[0]
    assert problem["path"] == "sites[0].fleet[0].system"
    assert problem["file"] == "<dict>" and problem["line"] > 1


def test_check_prepares_like_a_run_and_names_the_override(source):
    s = gigasim.load(source / "scenarios/llama3-405b-54days.yaml")
    s.check()
    # Loading accepts this layout; preparing it finds that it does not fit in memory.
    s.set("sites[0].workload.jobs[0].parallelism",
          {"tp": 8, "pp": 1, "dp": 16, "global_batch": 2048})
    with pytest.raises(gigasim.InputError) as caught:
        s.check()
    assert caught.value.problems[0]["path"] == "sites[0].workload.jobs[0].parallelism"
    assert "GiB per accelerator" in str(caught.value) and "--set" in str(caught.value)
    with pytest.raises(gigasim.InputError):
        gigasim.run(s)


def test_catalog_tables_are_typed_with_units():
    acc = gigasim.catalog.accelerators().set_index("id")
    assert acc.loc["h100-sxm5-80gb", "bf16_dense_tflops"] == pytest.approx(989, rel=0.01)
    assert acc.loc["b200", "fp4_dense_tflops"] == pytest.approx(9000)
    assert pd.isna(acc.loc["h100-sxm5-80gb", "fp4_dense_tflops"])
    # MI325X's larger board power holds a higher clock in long products than MI300X's.
    assert acc.loc["mi325x", "matrix_clock"] > acc.loc["mi300x", "matrix_clock"]
    assert acc.loc["b200", "matrix_clock"] == 1
    assert acc["tdp_w"].dtype == "float64"
    assert pd.api.types.is_string_dtype(acc["vendor"])
    assert acc.attrs["units"]["hbm_capacity_gb"] == "GB"
    assert "dgx-h100" in set(gigasim.catalog.systems()["id"])
    assert "lulea" in set(gigasim.catalog.locations()["id"])
    assert (gigasim.catalog.grids()["carbon_intensity_g_per_kwh"] > 0).all()
