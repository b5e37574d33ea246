#!/usr/bin/env python3
"""Replaces the monthly climate normals of data/locations.yaml by values from cited sources.

Run once (2026-11-26); kept so that the change can be reviewed and repeated. Sources, in order
of preference for each location:
  1. the statistics of a station's real weather file kept in the repository
     (tests/data/climate/monthly_climate_by_site.csv, provenance in tests/data/README.md):
     station and period are known;
  2. the monthly climate table of the city's English Wikipedia article as scraped on
     2021-01-10 (github osgarsea/wikipedia_weather @ 8933a477, outputs/cities_climate_
     20210110_093841.csv): "Daily mean", "Average high", "Average low" and, where the table
     has it, "Average relative humidity" rows, copied as printed (the scrape drops each
     table's station and period);
  3. climatestotravel.com monthly mean minimum and maximum (Luleå, Kajaani), the mean
     taken as (max + min) / 2.
Relative humidity without a source keeps the previous value, marked as an estimate.
Usage: tools/climate/cite_normals.py [tools/climate/wikipedia_normals_2021.csv]
(the rows of source 2 copied out of the scrape for these locations, one per month, with the
article each comes from; Wikipedia's text is CC BY-SA 4.0, the numbers are its tables').
"""
import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRAPE = ("Wikipedia city climate table '{city}' as scraped on 2021-01-10 "
          "(github osgarsea/wikipedia_weather @ 8933a477f168229d29c925070aecdaaec7538371, "
          "outputs/cities_climate_20210110_093841.csv; the scrape does not keep the table's "
          "station and period)")
CTT = ("climatestotravel.com/climate/{path} (monthly mean minimum and maximum, rounded to 1 K; "
       "station and period not stated); mean = (max + min) / 2")

# Locations whose station file is in the repository: (site name in the CSV, dataset).
STATION_FILES = {
    "lyon": "Lyon-Bron (FR)",
    "bologna": "Bologna-Marconi (IT)",
    "luxembourg": "Luxembourg-Findel (LU)",
    "helsinki": "Helsinki-Vantaa (FI)",
    "stockholm": "Stockholm-Arlanda (SE)",
    "madrid": "Madrid-Barajas (ES)",
    "lisbon": "Lisboa (PT)",
}
# Rows read from the scrape for the five locations the compiled table lacks (same file).
EXTRA_SCRAPE = {
    "tallinn": ("Tallinn", [-3.3, -4.3, -1.0, 4.5, 10.1, 14.1, 17.2, 16.0, 11.3, 6.5, 1.3, -1.9],
                [-1.0, -1.6, 2.3, 9.2, 15.3, 18.9, 21.9, 20.4, 15.2, 9.5, 3.5, 0.4],
                [-5.9, -7.1, -4.1, 0.6, 5.2, 9.5, 12.7, 12.0, 7.6, 3.8, -0.9, -4.3],
                [88, 85, 81, 73, 69, 74, 76, 79, 82, 85, 88, 88]),
    "vienna": ("Vienna", [0.3, 1.5, 5.7, 10.7, 15.7, 18.7, 20.8, 20.2, 15.4, 10.2, 5.1, 1.1],
               [3.2, 5.2, 10.3, 16.2, 21.1, 24.0, 26.5, 26.0, 20.6, 14.6, 8.1, 3.6],
               [-1.9, -1.0, 2.4, 6.3, 10.9, 14.0, 15.9, 15.7, 11.9, 7.3, 3.0, -0.8],
               [72.4, 65.1, 58.3, 51.9, 53.7, 55.0, 53.3, 53.3, 59.4, 64.8, 73.6, 77.3]),
    "vilnius": ("Vilnius", [-3.9, -3.1, 0.9, 7.6, 13.0, 16.4, 18.7, 17.9, 13.0, 7.0, 1.8, -2.2],
                [-1.7, -0.5, 4.4, 12.6, 18.4, 21.7, 23.8, 23.1, 17.4, 10.2, 3.7, -0.3],
                [-5.9, -5.6, -2.7, 2.6, 7.5, 11.1, 13.6, 12.7, 8.5, 3.7, -0.1, -4.1], None),
    "warsaw": ("Warsaw", [-1.8, -0.6, 2.8, 8.7, 14.2, 17.0, 19.2, 18.3, 13.5, 8.5, 3.3, -0.7],
               [0.6, 1.9, 6.6, 13.6, 19.5, 21.9, 24.4, 23.9, 18.4, 12.7, 5.9, 1.6],
               [-4.2, -3.6, -0.6, 3.9, 8.9, 11.8, 13.9, 13.1, 9.1, 4.8, 0.6, -3.0],
               [87, 85, 78, 71, 70, 72, 73, 74, 81, 84, 89, 89]),
    "zagreb": ("Zagreb", [0.3, 2.3, 6.4, 10.7, 15.8, 18.8, 20.6, 20.1, 15.9, 10.5, 5.0, 1.4],
               [3.7, 6.8, 11.9, 16.3, 21.5, 24.5, 26.7, 26.3, 22.1, 15.8, 8.9, 4.6],
               [-3.0, -1.8, 1.6, 5.2, 9.8, 13.0, 14.7, 14.4, 10.8, 6.2, 1.4, -1.7],
               [82.5, 76.4, 70.3, 67.5, 68.3, 69.7, 69.1, 72.1, 77.7, 81.3, 83.6, 84.8]),
}
CLIMATES_TO_TRAVEL = {  # (path, max, min)
    "lulea": ("sweden/lulea", [-5, -5, 0, 6, 12, 17, 21, 19, 13, 6, 0, -3],
              [-13, -13, -9, -3, 3, 9, 13, 11, 6, 0, -6, -10]),
    "kajaani": ("finland/kajaani", [-7, -6, -1, 5, 13, 18, 21, 18, 12, 5, -1, -5],
                [-15, -15, -10, -4, 2, 8, 11, 9, 5, 0, -6, -12]),
}
PROXIES = {"sines": "lisbon"}  # no table found: the nearest location's, stated as a proxy


def fmt(values, digits=1):
    return "[" + ", ".join(f"{v:.{digits}f}" if digits else f"{round(v)}" for v in values) + "]"


def from_station_files():
    rows = list(csv.DictReader(open(ROOT / "tests/data/climate/monthly_climate_by_site.csv")))
    out = {}
    for loc, site in STATION_FILES.items():
        r = sorted((x for x in rows if x["site"] == site), key=lambda x: int(x["month"]))
        mean = [float(x["t_mean_c"]) for x in r]
        rng = [float(x["t_daily_max_mean_c"]) - float(x["t_daily_min_mean_c"]) for x in r]
        rh = [float(x["rh_mean_pct"]) for x in r]
        source = (f"statistics of the station's weather file {site}, {r[0]['dataset']} "
                  "(tests/data/climate/monthly_climate_by_site.csv, provenance in "
                  "tests/data/README.md): mean of hourly dry bulb, mean daily maximum - "
                  "minimum, mean hourly RH; a typical year, not WMO normals")
        out[loc] = (mean, rng, rh, source)
    return out


def from_scrape(path):
    rows = list(csv.DictReader(open(path)))
    out = {}
    for loc in {r["location_id"] for r in rows}:
        r = [x for x in rows if x["location_id"] == loc and "osgarsea" in x["source_url"]]
        r = sorted(r, key=lambda x: int(x["month"]))
        city = re.search(r"Wikipedia '([^']+)'", r[0]["station"]).group(1)
        mean = [float(x["t_mean_c"]) for x in r]
        rng = [float(x["t_max_mean_c"]) - float(x["t_min_mean_c"]) for x in r]
        rh = [float(x["rh_mean_pct"]) for x in r] if r[0]["rh_mean_pct"] else None
        note = SCRAPE.format(city=city)
        if "PROXY" in r[0]["station"]:
            note += "; " + r[0]["station"].split("PROXY: ")[1]
        out[loc] = (mean, rng, rh, note)
    for loc, (city, mean, hi, lo, rh) in EXTRA_SCRAPE.items():
        out[loc] = (mean, [h - l for h, l in zip(hi, lo)], rh, SCRAPE.format(city=city))
    return out


def main():
    table = sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent / "wikipedia_normals_2021.csv"
    chosen = from_scrape(table)
    chosen.update(from_station_files())
    for loc, (path, hi, lo) in CLIMATES_TO_TRAVEL.items():
        chosen[loc] = ([(h + l) / 2 for h, l in zip(hi, lo)], [h - l for h, l in zip(hi, lo)],
                       None, CTT.format(path=path))
    for loc, proxy in PROXIES.items():
        mean, rng, rh, src = chosen[proxy]
        chosen[loc] = (mean, rng, rh, f"PROXY: no table for this location was found; the "
                       f"'{proxy}' entry's values are used: {src}")

    yaml_path = ROOT / "data/locations.yaml"
    lines = yaml_path.read_text().split("\n")
    loc = None
    for i, line in enumerate(lines):
        m = re.match(r"  - id: (\S+)", line)
        if m:
            loc = m.group(1)
        if loc not in chosen:
            continue
        mean, rng, rh, src = chosen[loc]
        if line.startswith("      dry_bulb_mean_c:"):
            lines[i] = "      dry_bulb_mean_c: " + fmt(mean)
        elif line.startswith("      diurnal_range_k:"):
            lines[i] = "      diurnal_range_k: " + fmt(rng)
        elif line.startswith("      relative_humidity_pct:") and rh is not None:
            lines[i] = "      relative_humidity_pct: " + fmt(rh, 0)
        elif line.startswith("      climate: \""):
            rh_note = ("" if rh is not None else
                       "; relative_humidity_pct: estimate, not from a source (the source "
                       "has no humidity)")
            lines[i] = f"      climate: \"{src}{rh_note}\""
    missing = sorted({re.match(r"  - id: (\S+)", l).group(1) for l in lines
                      if re.match(r"  - id: ", l)} - set(chosen))
    if missing:
        sys.exit(f"no source for: {missing}")
    yaml_path.write_text("\n".join(lines))


if __name__ == "__main__":
    main()
