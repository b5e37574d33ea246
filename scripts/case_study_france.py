#!/usr/bin/env python3
"""Numbers of docs/case-studies/france-1gw.md: the France 1 GW campus with each generation.

Runs scenarios/france-1gw.yaml once per system of the catalog with the fleet sized to the
envelope, without the workload and failures (they do not change what is installed), and
prints one Markdown row per generation: accelerators, IT power, design PUE, capital by class
and the cost of an available accelerator-hour. Usage: scripts/case_study_france.py GIGASIM
"""
import json
import pathlib
import re
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
SYSTEMS = ["dgx-h100", "hgx-h200", "dgx-b200", "gb200-nvl72", "gb300-nvl72",
           "mi300x-platform", "mi355x-platform"]


def installation_only(text: str, system: str) -> str:
    text = text.replace("system: gb200-nvl72", f"system: {system}")
    # Cut the site's reliability and workload blocks: everything from `    reliability:` on.
    return re.split(r"\n    reliability:", text)[0] + "\n"


def main() -> None:
    gigasim = sys.argv[1]
    base = (ROOT / "scenarios/france-1gw.yaml").read_text()
    print("| system | accelerators | IT peak MW | design PUE | systems GEUR | network+storage GEUR "
          "| facility GEUR | capex GEUR | EUR per GPU-hour |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for system in SYSTEMS:
            scenario = pathlib.Path(tmp) / f"{system}.yaml"
            scenario.write_text(installation_only(base, system))
            out = pathlib.Path(tmp) / system
            subprocess.run([gigasim, "run", str(scenario), "--quiet", "--out", str(out)],
                           check=True, stdout=subprocess.DEVNULL)
            j = json.loads((out / "summary.json").read_text())
            site, e = j["sites"][0], j["economics"]
            capex = e["capex_breakdown_eur"]
            systems = capex["systems"]
            network = capex["network"] + capex["storage"]
            facility = e["capex_eur"] - systems - network
            rated_it = j["total"]["it_power_peak_mw"]
            print(f"| {system} | {j['total']['accelerators']:,} | {rated_it:.0f} | "
                  f"{site['design_pue']:.3f} | {systems / 1e9:.1f} | {network / 1e9:.1f} | "
                  f"{facility / 1e9:.1f} | {e['capex_eur'] / 1e9:.1f} | "
                  f"{e['eur_per_gpu_hour_available']:.2f} |")


if __name__ == "__main__":
    main()
