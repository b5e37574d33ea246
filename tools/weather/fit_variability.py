#!/usr/bin/env python3
"""Fit the day-to-day weather variability rule of the synthetic year (docs/models/weather.md).

Reads real hourly years (Climate.OneBuilding.Org TMYx EPW files and the Open-Meteo Frankfurt
series of tests/data/weather, provenance in tests/data/README.md), computes per site and month:

  sd    standard deviation of the daily mean temperature about its month's linear trend, K
  beta  regression slope of the daily mean dew point on the daily mean temperature (both
        detrended the same way)
  s     standard deviation of the dew-point residual, K
  gamma regression slope of the diurnal range (max - min) on the temperature anomaly
  rho   regression slope of what gamma leaves of the diurnal range on the dew-point residual
        (humid air masses are cloudier: a smaller range)
  c     amplitude of the semi-diurnal cycle of the hourly dew point about its daily mean,
        cos(2 pi (h + 0.5 - 9) / 12) (highest at 09:00 and 21:00, lowest at 15:00 and 03:00:
        dew evaporating in the morning, afternoon mixing), per K of the day's half range
  phi   lag-one autocorrelation of the temperature anomaly

then fits each as a function of the month's mean temperature T (the rule of
climate::VariabilityRule) on the training sites and reports the error on the held-out site.
Prints the YAML block of data/defaults.yaml `site.weather.synthetic`.

Usage: tools/weather/fit_variability.py [tests/data/weather] [--check data/defaults.yaml]
With --check, compares the fit with the values of data/defaults.yaml and exits with status 1
if one differs by more than its printed rounding (CTest runs this: the defaults must stay
what the data give). Only the Python standard library is used.
"""
import csv
import datetime as dt
import math
import pathlib
import re
import statistics as st
import sys

TRAIN = ["jyvaskyla", "lyon", "luxembourg", "frankfurt"]
HELD_OUT = ["bologna"]
FILES = {
    "jyvaskyla": "FIN_Jyvaskyla.AP.029350_TMYx.2011-2025.epw",
    "lyon": "FRA_AR_Lyon-Bron.AP.074800_TMYx.2004-2018.epw",
    "bologna": "ITA_ER_Bologna-Marconi.AP.161400_TMYx.2004-2018.epw",
    "luxembourg": "LUX_LU_Luxembourg.AP.065900_TMYx.2004-2018.epw",
    "frankfurt": "frankfurt_openmeteo_hourly_2020_2024.csv",
}


def dew_point(t, rh):
    g = math.log(max(rh, 1e-3)) + 17.625 * t / (t + 243.04)
    return 243.04 * g / (17.625 - g)


def read_epw(path):
    """Days keyed (0, month, day) -> [(dry bulb, dew point)] in local standard time."""
    days = {}
    with open(path) as f:
        for i, line in enumerate(f):
            x = line.strip().split(",")
            if i < 8 or len(x) < 10:
                continue
            month, day = int(x[1]), int(x[2])
            if (month, day) != (2, 29):
                days.setdefault((0, month, day), []).append((float(x[6]), float(x[7])))
    return days


def read_open_meteo(path):
    """Days keyed (year, month, day) in UTC+1 (CET, standard time), complete days only."""
    days = {}
    with open(path) as f:
        for row in csv.DictReader(f):
            t = dt.datetime.strptime(row["hour_utc"], "%Y-%m-%dT%H:%MZ") + dt.timedelta(hours=1)
            if (t.month, t.day) == (2, 29):
                continue
            temp = float(row["temp_c"])
            days.setdefault((t.year, t.month, t.day), []).append(
                (temp, dew_point(temp, float(row["rh_pct"]) / 100)))
    return {k: v for k, v in days.items() if len(v) >= 23}


def detrend(values):
    xs = range(len(values))
    xm, vm = st.mean(xs), st.mean(values)
    slope = sum((x - xm) * (v - vm) for x, v in zip(xs, values)) / sum((x - xm) ** 2 for x in xs)
    return [v - vm - slope * (x - xm) for x, v in zip(xs, values)]


def regress(x, y):
    return sum(a * b for a, b in zip(x, y)) / sum(a * a for a in x)


def month_statistics(days):
    by_month = {}
    for key in sorted(days):
        by_month.setdefault((key[0], key[1]), []).append(days[key])
    pooled = {}
    for (_, month), month_days in by_month.items():
        t = [st.mean(h[0] for h in d) for d in month_days]
        dew = [st.mean(h[1] for h in d) for d in month_days]
        rng = [max(h[0] for h in d) - min(h[0] for h in d) for d in month_days]
        p = pooled.setdefault(month, {"t": [], "a": [], "b": [], "r": [], "cx": 0.0, "cxx": 0.0})
        for d in month_days:
            if len(d) != 24:
                continue
            half_range = (max(h[0] for h in d) - min(h[0] for h in d)) / 2
            mean_dew = st.mean(h[1] for h in d)
            for hour, (_, hour_dew) in enumerate(d):
                x = half_range * math.cos(2 * math.pi * (hour + 0.5 - 9) / 12)
                p["cx"] += x * (hour_dew - mean_dew)
                p["cxx"] += x * x
        p["t"].append(st.mean(t))
        p["a"] += detrend(t)
        p["b"] += detrend(dew)
        p["r"] += detrend(rng)
    rows = []
    for month in sorted(pooled):
        p = pooled[month]
        a, b, r = p["a"], p["b"], p["r"]
        beta = regress(a, b)
        gamma = regress(a, r)
        residual = [y - beta * x for x, y in zip(a, b)]
        rows.append({
            "month": month, "t": st.mean(p["t"]),
            "sd": math.sqrt(sum(v * v for v in a) / len(a)),
            "beta": beta,
            "s": math.sqrt(sum(e * e for e in residual) / len(a)),
            "gamma": gamma,
            "rho": regress(residual, [y - gamma * x for x, y in zip(a, r)]),
            "phi": regress(a[:-1], a[1:]),
            "c": p["cx"] / p["cxx"],
        })
    return rows


def seasonal_arrays(days):
    """Per month, sd and beta pooled over the month and its two neighbours (one TMY month is
    one real month: pooling three halves the sampling noise), for data/locations.yaml. This
    beta is fitted on the warm days only (positive anomaly): the cooling design conditions
    are set by them, and heat waves are drier than the mean slope says."""
    by_month = {}
    for key in sorted(days):
        by_month.setdefault((key[0], key[1]), []).append(days[key])
    anomalies = {m: ([], []) for m in range(1, 13)}
    for (_, month), month_days in by_month.items():
        t = [st.mean(h[0] for h in d) for d in month_days]
        dew = [st.mean(h[1] for h in d) for d in month_days]
        anomalies[month][0].extend(detrend(t))
        anomalies[month][1].extend(detrend(dew))
    sd, beta = [], []
    for month in range(1, 13):
        a, b = [], []
        for m in (month - 1, month, month + 1):
            m = (m - 1) % 12 + 1
            a += anomalies[m][0]
            b += anomalies[m][1]
        sd.append(math.sqrt(sum(v * v for v in a) / len(a)))
        warm = [(x, y) for x, y in zip(a, b) if x > 0]
        beta.append(max(0.0, regress([x for x, _ in warm], [y for _, y in warm])))
    return sd, beta


def least_squares(x, y):
    xm, ym = st.mean(x), st.mean(y)
    slope = sum((a - xm) * (b - ym) for a, b in zip(x, y)) / sum((a - xm) ** 2 for a in x)
    return ym - slope * xm, slope


def rmse(f, rows, key):
    return math.sqrt(st.mean((f(r) - r[key]) ** 2 for r in rows))


def check(printed, defaults_path):
    """Every `key: number` line printed must match the same key of defaults.yaml within the
    printed precision; returns the problems."""
    text = pathlib.Path(defaults_path).read_text()
    problems = []
    for line in printed:
        m = re.match(r"\s*(\w+): (-?[\d.]+)", line)
        if not m:
            continue
        key, value = m.group(1), m.group(2)
        found = re.search(r"^\s+" + key + r": (-?[\d.]+)", text, re.MULTILINE)
        decimals = len(value.split(".")[1]) if "." in value else 0
        if not found:
            problems.append(f"{key}: not in {defaults_path}")
        elif abs(float(found.group(1)) - float(value)) > 0.51 * 10 ** -decimals:
            problems.append(f"{key}: {defaults_path} has {found.group(1)}, the fit gives {value}")
    return problems


def main():
    args = [a for a in sys.argv[1:] if a != "--check"]
    defaults_path = None
    if "--check" in sys.argv:
        defaults_path = sys.argv[sys.argv.index("--check") + 1]
        args.remove(defaults_path)
    folder = pathlib.Path(args[0] if args else "tests/data/weather")
    stats = {}
    seasonal = {}
    for site, name in FILES.items():
        path = folder / name
        days = read_open_meteo(path) if name.endswith(".csv") else read_epw(path)
        stats[site] = [dict(r, site=site) for r in month_statistics(days)]
        seasonal[site] = seasonal_arrays(days)
    train = [r for s in TRAIN for r in stats[s]]
    test = [r for s in HELD_OUT for r in stats[s]]

    # sd: a hinge below a cold threshold (winter variability grows where winters are cold).
    best = None
    for threshold in [x * 0.5 for x in range(-10, 40)]:
        x = [max(0.0, threshold - r["t"]) for r in train]
        a, b = least_squares(x, [r["sd"] for r in train])
        f = (lambda a, b, th: lambda r: a + b * max(0.0, th - r["t"]))(a, b, threshold)
        err = rmse(f, train, "sd")
        if best is None or err < best[0]:
            best = (err, threshold, a, b, f)
    _, threshold, sd0, sd_slope, f_sd = best
    fits = {"sd": f_sd}
    linear = {}
    for key in ("beta", "s", "gamma", "c"):
        a, b = least_squares([r["t"] for r in train], [r[key] for r in train])
        linear[key] = (a, b)
        fits[key] = (lambda a, b: lambda r: a + b * r["t"])(a, b)
    phi = st.mean(r["phi"] for r in train)
    rho = st.mean(r["rho"] for r in train)
    fits["rho"] = lambda r: rho

    print("# fitted on", ", ".join(TRAIN), "; held out:", ", ".join(HELD_OUT))
    for key, f in fits.items():
        const = st.mean(r[key] for r in train)
        print(f"# {key:5s} train RMSE {rmse(f, train, key):.3f}  held-out RMSE {rmse(f, test, key):.3f}"
              f"  (a constant: {rmse(lambda r: const, test, key):.3f})"
              f"  held-out bias {st.mean(f(r) - r[key] for r in test):+.3f}")
    print(f"# phi   train mean {phi:.3f}  held-out mean {st.mean(r['phi'] for r in test):.3f}")
    lines = [
        "synthetic:",
        f"  daily_autocorrelation: {phi:.2f}",
        "  variability:",
        f"    daily_sd: {sd0:.2f} K",
        f"    daily_sd_cold_slope: {sd_slope:.3f}",
        f"    cold_below: {threshold:.1f} C",
        f"    dew_point_slope_0c: {linear['beta'][0]:.3f}",
        f"    dew_point_slope_per_k: {linear['beta'][1]:.4f}",
        f"    dew_point_sd_0c: {linear['s'][0]:.2f} K",
        f"    dew_point_sd_per_k: {linear['s'][1]:.4f}",
        f"    range_slope_0c: {linear['gamma'][0]:.3f}",
        f"    range_slope_per_k: {linear['gamma'][1]:.4f}",
        f"    range_dew_point_slope: {rho:.3f}",
        f"    dew_point_cycle_0c: {linear['c'][0]:.4f}",
        f"    dew_point_cycle_per_k: {linear['c'][1]:.5f}",
    ]
    print("\n".join(lines))
    print("# per site (data/locations.yaml `variability`), three-month pooled:")
    for site, (sd, beta) in seasonal.items():
        print(f"# {site}:")
        print("    daily_sd_k: [" + ", ".join(f"{v:.2f}" for v in sd) + "]")
        print("    dew_point_slope: [" + ", ".join(f"{v:.2f}" for v in beta) + "]")


    if defaults_path:
        problems = check(lines, defaults_path)
        for p in problems:
            print("MISMATCH", p)
        sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
