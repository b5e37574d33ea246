#!/usr/bin/env python3
"""The EU AI gigafactories call as scenarios (issue 15, part 4). Writes three files:

  scenarios/eu-gigafactories.yaml  60 sites in 16 member states, about 3 million accelerators,
                                   each with a supply, cooling and heat reuse suited to its
                                   country and climate, and a workload that keeps it busy
  scenarios/eu-proposal.yaml       the one-site base scenario of the study (proposal P01)
  studies/eu-76-proposals.yaml     76 illustrative proposals as named variants, 3 replicas each

Deterministic and standard library only (no randomness): run it again after changing the
catalogs or the tables below. The study ranks the proposals itself (its report.html and the
`ranking.*` columns of study.csv, docs/studies.md).

The call's proposals are not public: the European Commission announced 76 expressions of
interest for 60 sites in 16 member states, foreseeing at least 3 million GPUs (press release
"Overwhelming response: 76 respondents express interest in European AI Gigafactories
initiative", digital-strategy.ec.europa.eu, 30 June 2025), and disclosed neither the
respondents nor their sites. Every site and proposal here is illustrative: the countries,
locations, sizes and designs are ours, chosen to be plausible, not the call's.
"""
import argparse
import math
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent

# ---------------------------------------------------------------------------------------------
# Catalogs (read, not copied: prices and climates follow data/ when it changes)
# ---------------------------------------------------------------------------------------------


def _entries(path, key):
    text = (ROOT / path).read_text()
    return [(b.split("\n", 1)[0].strip().strip('"'), b) for b in text.split(f"\n  - {key}: ")[1:]]


def _field(block, name):
    m = re.search(rf"\n    {name}: (.*)", block)
    return m.group(1).strip().strip('"') if m else None


def _kw(value):
    number, unit = value.split()
    return float(number) * {"W": 1e-3, "kW": 1.0, "MW": 1e3}[unit]


SYSTEMS = {i: {"per": int(_field(b, "accelerators_per_system")), "domain": int(_field(b, "scale_up_domain")),
               "kw": _kw(_field(b, "power_full")), "liquid": float(_field(b, "liquid_cooled_fraction"))}
           for i, b in _entries("data/systems.yaml", "id")}
LOCATIONS = {}
for _id, _b in _entries("data/locations.yaml", "id"):
    _db = [float(x) for x in re.search(r"dry_bulb_mean_c: \[(.*?)\]", _b).group(1).split(",")]
    LOCATIONS[_id] = {"country": _field(_b, "country"), "coldest": min(_db), "warmest": max(_db)}
# 2024 mean day-ahead price of each country (Ember, via data/grids.yaml): the price of the
# contracts for which no published contract price was found (hydro, CZ/SI nuclear).
GRID_PRICE = {c: float(_field(b, "price").split()[0]) for c, b in _entries("data/grids.yaml", "country")}

# ---------------------------------------------------------------------------------------------
# The 16 member states: why each supply (numbers with their sources)
# ---------------------------------------------------------------------------------------------
# Prices of the contracts, EUR/MWh:
# - PPA_WIND: Pexapark's EURO composite PPA index, 51.76 EUR/MWh in December 2024 (pv magazine,
#   "Pexapark records 27 European PPAs for 2.09 GW in December", 23 Jan 2025). A blend of
#   technologies and countries: used for every wind PPA, for want of country indices we can cite.
# - PPA_SOLAR_IBERIA: Spanish solar PPAs: buyers bid 25-30 EUR/MWh, a producer needs at least
#   35 (strategicenergy.eu, "PPA prices in Europe dropped 4.3 % in February", 31 Mar 2025, on
#   Pexapark's February 2025 report); S&P Global Platts: Spanish solar captured 45.56 EUR/MWh in
#   2024 (S&P Global Commodity Insights, 31 Jan 2025). We take 35.
# - PPA_SOLAR_SOUTH (IT, GR, southern FR): S&P Global Commodity Insights (31 Jan 2025): "solar
#   2024 VWAPs around 50 EUR/MWh in key markets" (German solar 54.64). We take 50.
# - NUCLEAR_FR: the French State-EDF agreement of 14 Nov 2023 on nuclear power after ARENH
#   (ends 31 Dec 2025): about 70 EUR/MWh from 2026 for 15 years (pv magazine, 15 Nov 2023;
#   Cleary Gottlieb, 5 Jan 2024). The gigafactories run after 2026, so not the ARENH 42.
PPA_WIND = "52 EUR/MWh"
PPA_SOLAR_IBERIA = "35 EUR/MWh"
PPA_SOLAR_SOUTH = "50 EUR/MWh"
NUCLEAR_FR = "70 EUR/MWh"
# Monthly availability of a hydro contract on a regulated Nordic river (reservoirs smooth the
# spring flood): the assumption of scenarios/nordic-hydro.yaml, reused.
HYDRO_NORDIC_CF = [0.95, 0.95, 0.9, 0.85, 1.0, 1.0, 0.95, 0.9, 0.9, 0.95, 0.95, 0.95]
# Run-of-river availability, monthly means of the hourly 2016 availability factors of the JRC
# EU28 Dispa-SET dataset (energy-modelling-toolkit/Dispa-SET, Database/AvailabilityFactors,
# EUPL; /work/shared/data/electricity/hydro_run_of_river_cf_2016.csv, computed once here):
# AT (Danube and Alpine rivers, annual mean 0.36) and SI (Sava, Drava; 0.20).
HYDRO_ROR_CF = {
    "AT": [0.13, 0.13, 0.47, 0.71, 0.38, 0.31, 0.46, 0.35, 0.45, 0.39, 0.37, 0.21],
    "SI": [0.23, 0.20, 0.14, 0.07, 0.07, 0.11, 0.08, 0.05, 0.10, 0.22, 0.56, 0.52],
}

# Per country: the supply besides the grid (always last, the balance) and why.
#   hydro_nordic, hydro_ror: capped hydro contracts (priority 1, before the grid)
#   nuclear: a take-or-pay baseload block; wind, solar: pay-as-produced PPAs (surplus sold)
# Sizes are shares of the site's mean facility load (`mean_mw` below), assumptions: a baseload
# block under the mean so that little is sold back; wind and solar sized on capacity, their
# energy share then follows the country's capacity factor (data/grids.yaml, or the measured
# 2016 profiles with grid_data_year).
COUNTRIES = {
    # country: (name, supply plan, why)
    "SE": ("Sweden", [("hydro_nordic", 1.0, None)],
           "hydro contract on a regulated river at Sweden's 2024 mean price (36.1 EUR/MWh); the grid (36 g/kWh) for the rest"),
    "FI": ("Finland", [("hydro_nordic", 0.4, None), ("wind", 1.0, PPA_WIND)],
           "hydro contract and a wind PPA (wind capacity factor 0.30, with Sweden the highest of the 16)"),
    "FR": ("France", [("nuclear", 0.75, NUCLEAR_FR)],
           "nuclear baseload block at the post-ARENH reference price (70 EUR/MWh); the grid (44 g/kWh) for the rest"),
    "DE": ("Germany", [("wind", 1.5, PPA_WIND)], "North Sea wind PPA against a 344 g/kWh grid"),
    "NL": ("Netherlands", [("wind", 1.5, PPA_WIND)], "North Sea wind PPA against a 253 g/kWh grid"),
    "BE": ("Belgium", [("wind", 1.5, PPA_WIND)], "North Sea wind PPA against a 118 g/kWh grid"),
    "DK": ("Denmark", [("wind", 1.5, PPA_WIND)], "North Sea wind PPA (wind capacity factor 0.26)"),
    "IE": ("Ireland", [("wind", 1.5, PPA_WIND)], "Atlantic wind PPA (0.27) against a 280 g/kWh grid at 109 EUR/MWh"),
    "PL": ("Poland", [("wind", 1.5, PPA_WIND)], "onshore wind PPA (0.27) against the dirtiest grid of the 16 (615 g/kWh)"),
    "ES": ("Spain", [("solar", 1.5, PPA_SOLAR_IBERIA)], "solar PPA (capacity factor 0.18) at Iberian PPA prices"),
    "PT": ("Portugal", [("solar", 1.5, PPA_SOLAR_IBERIA)], "solar PPA (0.17) at Iberian PPA prices"),
    "IT": ("Italy", [("solar", 1.5, PPA_SOLAR_SOUTH)], "solar PPA (0.14) against the dearest grid of the 16 (108.5 EUR/MWh)"),
    "GR": ("Greece", [("solar", 1.5, PPA_SOLAR_SOUTH)], "solar PPA (0.16) against a 320 g/kWh grid"),
    "AT": ("Austria", [("hydro_ror", 1.0, None)], "run-of-river hydro contract (Danube) at Austria's 2024 mean price"),
    "CZ": ("Czechia", [("nuclear", 0.6, "grid")],
           "nuclear baseload block (Dukovany, Temelin) at Czechia's mean price, against a 414 g/kWh grid"),
    "SI": ("Slovenia", [("hydro_ror", 0.6, None), ("nuclear", 0.4, "grid")],
           "Sava run-of-river hydro and a Krsko nuclear block, at Slovenia's mean price"),
}
assert len(COUNTRIES) == 16

# ---------------------------------------------------------------------------------------------
# The 60 sites: (location, system, target accelerators). Sizes and systems are illustrative.
# ---------------------------------------------------------------------------------------------
GB300, GB200, B200, MI355X, H200 = "gb300-nvl72", "gb200-nvl72", "dgx-b200", "mi355x-platform", "hgx-h200"
SITES = [
    # Germany, 500k
    ("frankfurt", GB300, 100_000), ("frankfurt", B200, 40_000), ("munich", GB300, 80_000),
    ("munich", MI355X, 40_000), ("julich", GB300, 90_000), ("julich", GB200, 40_000),
    ("berlin", GB200, 70_000), ("berlin", B200, 40_000),
    # France, 500k
    ("paris-saclay", GB300, 120_000), ("paris-saclay", MI355X, 50_000), ("lyon", GB200, 60_000),
    ("bugey", GB300, 110_000), ("bugey", GB200, 60_000), ("marseille", GB200, 50_000), ("marseille", B200, 50_000),
    # Spain, 270k
    ("madrid", GB300, 80_000), ("madrid", GB200, 50_000), ("madrid", MI355X, 30_000),
    ("barcelona", GB200, 60_000), ("barcelona", B200, 50_000),
    # Italy, 240k
    ("milan", GB300, 70_000), ("milan", B200, 30_000), ("bologna", GB200, 60_000),
    ("bologna", MI355X, 40_000), ("rome", GB200, 40_000),
    # Sweden, 280k
    ("lulea", GB300, 100_000), ("lulea", GB200, 60_000), ("lulea", MI355X, 40_000),
    ("stockholm", GB300, 50_000), ("stockholm", H200, 30_000),
    # Finland, 200k
    ("kajaani", GB300, 80_000), ("kajaani", GB200, 40_000), ("helsinki", GB300, 50_000), ("helsinki", B200, 30_000),
    # Netherlands, 130k
    ("amsterdam", GB300, 60_000), ("amsterdam", GB200, 40_000), ("amsterdam", H200, 30_000),
    # Denmark, 140k
    ("copenhagen", GB300, 70_000), ("copenhagen", GB200, 40_000), ("copenhagen", B200, 30_000),
    # Poland, 110k
    ("warsaw", GB200, 50_000), ("warsaw", B200, 30_000), ("warsaw", MI355X, 30_000),
    # Portugal, 160k
    ("sines", GB300, 80_000), ("sines", GB200, 50_000), ("lisbon", B200, 30_000),
    # Belgium, 100k
    ("brussels", GB200, 40_000), ("brussels", B200, 30_000), ("brussels", H200, 30_000),
    # Greece, 90k
    ("athens", GB200, 40_000), ("athens", B200, 30_000), ("athens", H200, 20_000),
    # Austria, 80k
    ("vienna", GB300, 50_000), ("vienna", B200, 30_000),
    # Czechia, 70k
    ("prague", GB200, 40_000), ("prague", B200, 30_000),
    # Ireland, 70k
    ("dublin", GB200, 40_000), ("dublin", H200, 30_000),
    # Slovenia, 50k
    ("ljubljana", GB200, 30_000), ("ljubljana", B200, 20_000),
]
assert len(SITES) == 60

# ---------------------------------------------------------------------------------------------
# Cooling by climate (docs/scenario.md#cooling; water scarcity from data/water.yaml)
# ---------------------------------------------------------------------------------------------
# boreal: free cooling all year on dry coolers, no chiller on the liquid loop (as
#   scenarios/nordic-hydro.yaml); an air-side economiser for the halls.
# maritime (Stockholm, Helsinki, Copenhagen, Amsterdam, Brussels, Dublin): dry coolers and
#   a chiller to trim, no water; economiser.
# temperate (inland central Europe, northern France): dry coolers, adiabatic pads on the hottest
#   days ("wet when hot", little water), chiller.
# warm (Mediterranean, Madrid): warm-water liquid loop at 35 C supply (ASHRAE W40 class;
#   assumption that the systems take it), dry coolers with adiabatic pads from 28 C, chiller;
#   no cooling towers: Spain, Portugal, Italy and Greece have AWARE factors of 42-83
#   (data/water.yaml) against 2-3 in the north.
# sines: the coast; towers on sea water (water_source: seawater, not weighed as scarce): the
#   model has no once-through sea-water exchanger, so towers stand in for it.
BOREAL = {"lulea", "kajaani"}
MARITIME = {"stockholm", "helsinki", "copenhagen", "amsterdam", "brussels", "dublin"}
WARM = {"marseille", "madrid", "barcelona", "milan", "bologna", "rome", "athens", "lisbon"}
SEA = {"sines"}


def climate_of(loc):
    for name, group in (("boreal", BOREAL), ("maritime", MARITIME), ("warm", WARM), ("sea", SEA)):
        if loc in group:
            return name
    return "temperate"


def cooling(loc):
    group = climate_of(loc)
    economiser = {"economiser": {"enabled": True}}
    if group == "boreal":
        return {"liquid": {"supply_temp": "32 C", "return_temp": "42 C", "dry_cooler": True, "dry_approach": "5 K",
                           "evaporative": False, "chiller": False},
                "air": {"supply_temp": "20 C", "return_temp": "28 C", "dry_cooler": True, "chiller": True, **economiser}}
    if group == "maritime":
        return {"liquid": {"supply_temp": "32 C", "return_temp": "42 C", "dry_cooler": True, "evaporative": False,
                           "chiller": True},
                "air": {"supply_temp": "20 C", "return_temp": "28 C", "dry_cooler": True, "chiller": True, **economiser}}
    if group == "temperate":
        return {"liquid": {"supply_temp": "32 C", "return_temp": "42 C", "dry_cooler": True, "adiabatic": True,
                           "chiller": True},
                "air": {"supply_temp": "20 C", "return_temp": "28 C", "dry_cooler": True, "adiabatic": True,
                        "chiller": True}}
    if group == "warm":
        return {"liquid": {"supply_temp": "35 C", "return_temp": "45 C", "dry_cooler": True, "adiabatic": True,
                           "adiabatic_above": "28 C", "chiller": True},
                "air": {"supply_temp": "20 C", "return_temp": "28 C", "dry_cooler": True, "adiabatic": True,
                        "adiabatic_above": "28 C", "chiller": True}}
    return {"liquid": {"supply_temp": "32 C", "return_temp": "42 C", "dry_cooler": True, "evaporative": True,
                       "chiller": True},
            "air": {"supply_temp": "20 C", "return_temp": "28 C", "dry_cooler": True, "evaporative": True,
                    "chiller": True}}


# Facility power per unit of IT power at full load in the worst hour (the design PUE that a
# first run reported for each climate, rounded up; air-cooled halls add AIR_EXTRA): sizes the
# grid connection, with the heat pumps' electricity on top. Checked after the run: no unserved
# energy and no hour under a power cap at any site.
DESIGN_FACTOR = {"boreal": 1.14, "maritime": 1.18, "temperate": 1.15, "warm": 1.14, "sea": 1.13}
AIR_EXTRA = 0.15

# ---------------------------------------------------------------------------------------------
# Heat reuse: where a district-heating network is plausible
# ---------------------------------------------------------------------------------------------
# Heat (MW) the network of the place could take from its data centres at design conditions
# (assumption: a share of each city's district heating, which is larger; split between the
# sites at the place). Design outdoor temperatures: ASHRAE 99.6 % heating dry bulb where
# /work/shared/data/climate/ashrae_design_conditions_by_site.csv has the station (Helsinki-Vantaa
# -22.8 C, Stockholm-Arlanda -17.8, Jyvaskyla -26.7 for Kajaani); Lulea -25 C as
# scenarios/nordic-hydro.yaml; elsewhere the coldest monthly normal of data/locations.yaml minus
# 10 K (at Lyon-Bron and Madrid-Barajas the ASHRAE value lies 9.5 and 10.4 K below it).
HEAT_NETWORK_MW = {"lulea": 80, "kajaani": 30, "stockholm": 200, "helsinki": 200, "copenhagen": 150,
                   "frankfurt": 120, "munich": 120, "julich": 30, "berlin": 150, "amsterdam": 100,
                   "warsaw": 150, "vienna": 120, "prague": 100, "paris-saclay": 150, "ljubljana": 40}
DESIGN_OUTDOOR = {"helsinki": -22.8, "stockholm": -17.8, "kajaani": -26.7, "lulea": -25.0}


def design_outdoor(loc):
    return DESIGN_OUTDOOR.get(loc, round(LOCATIONS[loc]["coldest"] - 10.0))


# ---------------------------------------------------------------------------------------------
# Sizing
# ---------------------------------------------------------------------------------------------
NETWORK_OVERHEAD = 0.05    # data/defaults.yaml site.network_overhead
TARGET_BUSY = 0.86         # offered load / capacity; the run's utilization comes out lower


def fleet_of(system, target):
    s = SYSTEMS[system]
    count = round(target / s["per"])
    return count, count * s["per"], count * s["kw"] * (1 + NETWORK_OVERHEAD) / 1e3  # systems, accelerators, IT MW


def mw(x):
    return f"{max(1, round(x))} MW"


def lognormal_mean(median_h, sigma, max_h):
    """E[min(X, max)] for X log-normal with this median and sigma (hours)."""
    mu = math.log(median_h)
    phi = lambda z: 0.5 * (1 + math.erf(z / math.sqrt(2)))
    return (math.exp(mu + sigma ** 2 / 2) * phi((math.log(max_h) - mu - sigma ** 2) / sigma)
            + max_h * (1 - phi((math.log(max_h) - mu) / sigma)))


def footprint(n, d):
    return n if n <= d else math.ceil(n / d) * d


# The data/workload.yaml profiles (Acme, NSDI'24) of the short classes, copied here only to
# estimate the load they offer (the run draws from data/workload.yaml itself).
ACME = {"finetuning": ([1, 4, 8, 16, 32, 64, 128], [0.05, 0.05, 0.35, 0.20, 0.20, 0.10, 0.05], (1 / 3, 1.76, 336)),
        "evaluation": ([1, 2, 4, 8], [0.70, 0.10, 0.12, 0.08], (2 / 60, 2.12, 336)),
        "debugging": ([1, 2, 4, 8, 16, 32, 64, 128, 256, 512],
                      [0.38, 0.05, 0.10, 0.27, 0.08, 0.06, 0.03, 0.015, 0.0075, 0.0075], (3 / 60, 1.93, 336))}


def gpu_hours_per_job(values, weights, duration, d):
    mean_size = sum(w * footprint(v, d) for v, w in zip(values, weights)) / sum(weights)
    return mean_size * lognormal_mean(*duration)


# Inference: tokens/s one llama-3-70b replica of 8 accelerators serves at its peak (assumption
# scaled from scenarios/france-1gw.yaml: 20e6 tokens/s on 1,200 GB200 replicas = 16,700; other
# systems in proportion to their HBM bandwidth, data/accelerators.yaml, roughly).
REPLICA_TOKENS = {GB300: 17_000, GB200: 16_000, B200: 15_000, MI355X: 15_000, H200: 9_000}
PRETRAIN_DURATION = (24.0, 1.0, 14 * 24.0)  # median h, sigma, max h: days-long research runs


def workload(system, accelerators, detail=1.0):
    """Tenants, generators and an inference pool that keep a site of this size busy.

    Job counts are far below a real campus's (Acme's 1.04 jobs per accelerator-day would give
    100,000 jobs a day on 100k accelerators): the short classes are thinned to some tens a day,
    which changes the job count, not the load (they hold under 2 % of the capacity); the
    pre-training stream carries the load. `detail` scales the short classes' rates.
    """
    d = SYSTEMS[system]["domain"]
    hours_per_day = 24.0 * accelerators
    inference = []
    pool = 0
    if accelerators >= 60_000:
        replicas = int(0.06 * accelerators / 8)
        pool = replicas * 8
        inference = [{"name": "chat-70b", "model": "llama-3-70b", "tenant": "industry", "accelerators_per_replica": 8,
                      "min_replicas": replicas // 4, "max_replicas": replicas,
                      "peak_tokens_per_s": replicas * REPLICA_TOKENS[system]}]
    short = {"evaluation": round((25 + accelerators / 4000) * detail),
             "debugging": round((8 + accelerators / 10000) * detail),
             "finetuning": round((12 + accelerators / 8000) * detail)}
    used = pool * 24.0
    for cls, rate in short.items():
        values, weights, duration = ACME[cls]
        used += rate * gpu_hours_per_job(values, weights, duration, d)
    # Pre-training: 1/32 to 1/4 of the site per job, whole scale-up domains.
    values = [max(d, (accelerators // k) // d * d) for k in (32, 16, 8, 4)]
    weights = [0.35, 0.30, 0.20, 0.15]
    per_job = gpu_hours_per_job(values, weights, PRETRAIN_DURATION, d)
    pretrain_rate = max(0.1, (TARGET_BUSY * hours_per_day - used) / per_job)
    generators = [
        {"class": "pretraining", "jobs_per_day": round(pretrain_rate, 2),
         "tenants": {"sovereign-research": 0.5, "industry": 0.3, "startups": 0.2},
         "size": {"values": values, "weights": weights},
         "duration": {"median": "24 h", "sigma": 1.0, "max": "14 days"}, "model": "llama-3-70b"},
        {"class": "finetuning", "jobs_per_day": short["finetuning"], "tenants": {"industry": 0.6, "startups": 0.4},
         "model": "llama-3-8b"},
        {"class": "evaluation", "jobs_per_day": short["evaluation"], "activity": 0.5},
        {"class": "debugging", "jobs_per_day": short["debugging"], "activity": 0.3},
    ]
    w = {"tenants": [{"name": "sovereign-research", "priority": 3, "share": 0.4},
                     {"name": "industry", "priority": 2, "share": 0.4},
                     {"name": "startups", "priority": 1, "share": 0.2}],
         "scheduler": {"policy": "fair_share", "backfill": "easy"},
         "generators": generators}
    if inference:
        w["inference"] = inference
    return w


def supply(country, mean_mw, plan=None):
    """Sources for a site whose mean facility load is mean_mw, the grid last."""
    plan = COUNTRIES[country][1] if plan is None else plan
    sources = []
    for kind, share, price in plan:
        capacity = mw(share * mean_mw)
        if kind == "hydro_nordic":
            sources.append({"type": "hydro", "name": "hydro-contract", "capacity": capacity,
                            "capacity_factor": HYDRO_NORDIC_CF, "price": f"{GRID_PRICE[country]} EUR/MWh",
                            "priority": 1})
        elif kind == "hydro_ror":
            sources.append({"type": "hydro", "name": "run-of-river", "capacity": capacity,
                            "capacity_factor": HYDRO_ROR_CF[country], "price": f"{GRID_PRICE[country]} EUR/MWh",
                            "priority": 1})
        elif kind == "nuclear":
            p = f"{GRID_PRICE[country]} EUR/MWh" if price == "grid" else price
            sources.append({"type": "nuclear", "name": "nuclear-block", "contract": "baseload", "capacity": capacity,
                            "price": p})
        elif kind in ("wind", "solar"):
            sources.append({"type": kind, "name": f"{kind}-ppa", "capacity": capacity, "price": price})
        else:
            raise ValueError(kind)
    sources.append({"type": "grid", "name": "grid"})
    return sources


# Reduced tariffs where data/tariffs.yaml says a gigafactory qualifies: France's reduced excise
# for data centres that recover their heat; Germany's individual network charge for band load
# (par. 19(2) StromNEV, >= 7,000 full-load hours); Denmark's refund of the electricity tax to
# VAT-registered businesses. Sweden's data-centre relief was abolished (2023) and Finland moves
# data centres back to class I from July 2026 (data/tariffs.yaml): standard there.
def tariff(country, heat_reuse):
    if country == "FR":
        return "reduced" if heat_reuse else "standard"
    return "reduced" if country in ("DE", "DK") else "standard"


def site_design(loc, system, target, *, name, heat=True, cooling_group=None, plan=None, detail=1.0):
    """One site (a mapping of scenario keys) and its figures."""
    country = LOCATIONS[loc]["country"]
    count, accelerators, it_mw = fleet_of(system, target)
    group = cooling_group or climate_of(loc)
    liquid = SYSTEMS[system]["liquid"] > 0
    if not liquid:
        group_factor = DESIGN_FACTOR[group] + AIR_EXTRA   # air-cooled halls lean on their chillers
    else:
        group_factor = DESIGN_FACTOR[group]
    mean_mw = it_mw * 0.8 * group_factor   # about the mean facility load at 80 % activity
    site = {"name": name, "location": loc, "grid_connection": None,
            "fleet": [{"system": system, "count": count}]}
    if group == "sea":
        site["water_source"] = "seawater"
    site["cooling"] = cooling(loc) if cooling_group is None else cooling_for_group(group)
    heat_mw = 0.0
    shared = sum(1 for l, _, _ in SITES if l == loc) or 1
    if heat and loc in HEAT_NETWORK_MW:
        peak = min(HEAT_NETWORK_MW[loc] / shared, 0.35 * it_mw * (1.0 if liquid else 0.6))
        heat_mw = peak
        nordic = country in ("SE", "FI")
        site["heat_reuse"] = {"network_supply_temp": "75 C" if nordic else "70 C", "base_load": mw(0.2 * peak),
                              "peak_load": mw(peak), "design_outdoor_temp": f"{design_outdoor(loc):g} C",
                              "heating_threshold": "12 C" if nordic else "15 C", "capacity": mw(peak)}
        if not liquid:
            site["heat_reuse"]["source"] = "air"
    # Heat pumps on the site's meter: about capacity / COP 3 of electricity at the peak.
    site["grid_connection"] = f"{math.ceil((it_mw * group_factor + heat_mw / 3.0) / 10) * 10} MW"
    site["supply"] = supply(country, mean_mw, plan)
    site["tariff"] = tariff(country, "heat_reuse" in site)
    # 64 NVL72 racks under one non-blocking tier, as scenarios/france-1gw.yaml; else the default
    site["pod_size"] = 4608 if SYSTEMS[system]["domain"] == 72 else 4096
    site["workload"] = workload(system, accelerators, detail)
    return site, {"country": country, "accelerators": accelerators, "it_mw": it_mw, "group": group}


def cooling_for_group(group):
    representative = {"boreal": "lulea", "maritime": "amsterdam", "temperate": "frankfurt", "warm": "madrid",
                      "sea": "sines"}[group]
    return cooling(representative)


# ---------------------------------------------------------------------------------------------
# YAML writer (block mappings, flow for small values)
# ---------------------------------------------------------------------------------------------
def scalar(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    s = str(v)
    if re.fullmatch(r"[A-Za-z0-9 ._/+-]+", s) and not re.fullmatch(r"[-+]?[0-9.]+(e[-+]?[0-9]+)?", s) \
            and s not in ("true", "false", "yes", "no", "on", "off", "null"):
        return s
    return '"' + s.replace('"', '\\"') + '"'


def flow(v):
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k}: {flow(x)}" for k, x in v.items()) + "}"
    if isinstance(v, list):
        return "[" + ", ".join(flow(x) for x in v) + "]"
    return scalar(v)


def small(v):
    return len(flow(v)) <= 100


def block(v, indent):
    """Lines of v as a block value at this indent (the caller writes the key)."""
    pad = " " * indent
    out = []
    if isinstance(v, dict):
        for k, x in v.items():
            if isinstance(x, (dict, list)) and not small(x):
                out.append(f"{pad}{k}:")
                out += block(x, indent + 2)
            else:
                out.append(f"{pad}{k}: {flow(x)}")
    elif isinstance(v, list):
        for x in v:
            if isinstance(x, dict) and not small(x):
                inner = block(x, indent + 2)
                out.append(f"{pad}- " + inner[0].lstrip())
                out += inner[1:]
            else:
                out.append(f"{pad}- {flow(x)}")
    return out


# ---------------------------------------------------------------------------------------------
# 1. scenarios/eu-gigafactories.yaml
# ---------------------------------------------------------------------------------------------
def federation():
    sites, figures, seen = [], [], {}
    for loc, system, target in SITES:
        seen[loc] = seen.get(loc, 0) + 1
        site, fig = site_design(loc, system, target, name=f"{loc}-{seen[loc]}")
        sites.append(site)
        figures.append(fig)
    return sites, figures


HEADER = """# The EU AI gigafactories call as one scenario: 60 sites in 16 member states, about 3 million
# accelerators. The Commission announced 76 expressions of interest for 60 sites in 16 member
# states, foreseeing at least 3 million GPUs (press release, 30 June 2025), and published neither
# the respondents nor the sites: these sites, sizes and designs are illustrative (docs/eu-call.md).
# Each site has a supply suited to its country (hydro in Sweden and Finland, nuclear in France,
# wind around the North Sea, solar in the south, the country's grid as the balance at its 2024
# prices and tariffs), cooling suited to its climate, heat reuse where a district-heating network
# is plausible, and a workload that keeps it busy. Generated by scripts/generate_eu_gigafactories.py
# (every number's source is there); do not edit by hand.
"""


def write_federation():
    sites, figures = federation()
    countries = sorted({f["country"] for f in figures})
    total = sum(f["accelerators"] for f in figures)
    lines = [HEADER.rstrip("\n"), "name: eu-gigafactories", "start: 2025-01-01", "horizon: 365 days", "tick: 1 h",
             "seed: 2025",
             "grid_data_year: 2024   # measured day-ahead prices where data/electricity has them (AT BE DE ES FR NL PT)",
             "sites:"]
    for s in sites:
        lines += block([s], 2)
    # One router over the 60 sites (docs/models/federation.md): each job goes, when submitted,
    # to the site with the lowest carbon over its run among those that can start it at once;
    # data and checkpoints cross the default link (100 Gb/s, 0.02 EUR/GB).
    # studies/eu-federation-policies.yaml compares every policy on this year.
    lines += ["federation:", "  policy: lowest_carbon", "  lookahead: 24 h"]
    (ROOT / "scenarios/eu-gigafactories.yaml").write_text("\n".join(lines) + "\n")
    return sites, figures, countries, total


# ---------------------------------------------------------------------------------------------
# 2. The 76 proposals: the 60 sites as proposed, and 16 competing bids (one per member state)
# ---------------------------------------------------------------------------------------------
# A competing bid: (site index in SITES, system, accelerators, cooling group or None, heat reuse,
# supply plan or None for the country's, label). They vary one or two design choices against
# the site's first proposal: grid only, towers instead of dry coolers, no heat reuse, another
# system or size.
ALTERNATIVES = [
    (0, GB300, 50_000, None, False, [], "grid only, no heat reuse"),             # DE frankfurt
    (8, B200, 40_000, None, False, None, "air-cooled B200, no heat reuse"),      # FR paris-saclay
    (15, GB300, 100_000, "sea", True, None, "evaporative towers"),               # ES madrid (fresh water)
    (20, GB300, 30_000, "maritime", True, None, "dry coolers only, no pads"),    # IT milan
    (25, GB300, 20_000, None, False, [], "small, grid only"),                    # SE lulea
    (30, MI355X, 60_000, None, True, None, "MI355X"),                            # FI kajaani
    (34, GB300, 100_000, None, True, [("wind", 2.5, PPA_WIND)], "large wind PPA"),  # NL amsterdam
    (37, GB300, 100_000, None, False, None, "no heat reuse"),                    # DK copenhagen
    (40, GB300, 60_000, None, True, [], "grid only"),                            # PL warsaw
    (43, GB300, 40_000, None, False, [("solar", 3.0, PPA_SOLAR_IBERIA)], "large solar PPA"),  # PT sines
    (46, GB300, 60_000, None, False, None, "GB300"),                             # BE brussels
    (49, GB300, 30_000, "sea", False, None, "evaporative towers"),               # GR athens (fresh water)
    (52, GB200, 100_000, None, True, None, "large GB200"),                       # AT vienna
    (54, GB300, 10_000, None, True, None, "small GB300"),                        # CZ prague
    (56, GB300, 60_000, None, False, [], "grid only"),                           # IE dublin
    (58, MI355X, 20_000, None, True, None, "MI355X"),                            # SI ljubljana
]
assert len(ALTERNATIVES) == 16 and len({LOCATIONS[SITES[a[0]][0]]["country"] for a in ALTERNATIVES}) == 16

SHORT = {GB300: "gb300", GB200: "gb200", B200: "b200", MI355X: "mi355x", H200: "h200"}
# Keys every variant sets, so that nothing of the base leaks into a proposal.
VARIANT_KEYS = ["location", "grid_connection", "fleet", "water_source", "cooling", "heat_reuse", "supply",
                "tariff", "pod_size", "workload"]
PROPOSAL_DETAIL = 1.0  # the short job classes at the federation's rate (lower it if the study is too slow)


def proposals():
    out = []
    for i, (loc, system, target) in enumerate(SITES):
        site, fig = site_design(loc, system, target, name="proposal", detail=PROPOSAL_DETAIL)
        out.append((f"P{i + 1:02d} {fig['country']} {loc} {SHORT[system]} {round(fig['accelerators'] / 1000)}k", site,
                    fig, "as the federation's site"))
    for j, (index, system, target, group, heat, plan, label) in enumerate(ALTERNATIVES):
        loc = SITES[index][0]
        site, fig = site_design(loc, system, target, name="proposal", heat=heat, cooling_group=group, plan=plan,
                                detail=PROPOSAL_DETAIL)
        if group == "sea" and loc not in SEA:
            site.pop("water_source", None)  # towers on fresh water inland
        out.append((f"P{61 + j:02d} {fig['country']} {loc} {SHORT[system]} {round(fig['accelerators'] / 1000)}k {label}",
                    site, fig, label))
    assert len(out) == 76
    return out


def variant_set(site):
    s = dict(site)
    s.setdefault("water_source", "fresh")
    s.setdefault("heat_reuse", {"enabled": False})
    return {f"sites[0].{k}": s[k] for k in VARIANT_KEYS}


def write_proposals():
    props = proposals()
    # Base: P01 as a runnable one-site scenario.
    base = dict(props[0][1])
    lines = ["# One EU AI gigafactory proposal: the base of studies/eu-76-proposals.yaml, whose 76 variants",
             "# replace its location, fleet, grid connection, cooling, heat reuse, supply, tariff and workload.",
             "# As it stands it is proposal P01. Illustrative (docs/eu-call.md). Generated by",
             "# scripts/generate_eu_gigafactories.py; do not edit by hand.",
             "name: eu-proposal", "start: 2025-01-01", "horizon: 365 days", "tick: 1 h", "seed: 2025",
             "grid_data_year: 2024", "sites:"]
    lines += block([base], 2)
    (ROOT / "scenarios/eu-proposal.yaml").write_text("\n".join(lines) + "\n")

    lines = ["# 76 illustrative proposals for the EU AI gigafactories call, three weather years and draws",
             "# each: `gigasim study studies/eu-76-proposals.yaml`. The Commission received 76 expressions",
             "# of interest for 60 sites in 16 member states (30 June 2025) and published none of them:",
             "# P01-P60 are the sites of scenarios/eu-gigafactories.yaml, each as its own proposal; P61-P76",
             "# are competing bids on one site per member state that change one or two design choices.",
             "# The study ranks them: out/eu-76-proposals/report.html and study.csv (docs/eu-call.md).",
             "# Generated by scripts/generate_eu_gigafactories.py; do not edit by hand.",
             "name: eu-76-proposals", "scenario: ../scenarios/eu-proposal.yaml", "replicas: 3", "variants:"]
    for name, site, fig, _ in props:
        lines.append(f"  - name: {scalar(name)}")
        lines.append("    set:")
        lines += block(variant_set(site), 6)
    (ROOT / "studies/eu-76-proposals.yaml").write_text("\n".join(lines) + "\n")
    return props


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.parse_args()
    sites, figures, countries, total = write_federation()
    props = write_proposals()
    by_country = {}
    for f in figures:
        c = by_country.setdefault(f["country"], [0, 0, 0.0])
        c[0] += 1
        c[1] += f["accelerators"]
        c[2] += f["it_mw"]
    print(f"scenarios/eu-gigafactories.yaml: {len(sites)} sites, {len(countries)} member states, "
          f"{total:,} accelerators, {sum(f['it_mw'] for f in figures):,.0f} MW of IT at full load")
    for c in sorted(by_country, key=lambda c: -by_country[c][1]):
        n, acc, it = by_country[c]
        print(f"  {c} {COUNTRIES[c][0]:12s} {n:2d} sites {acc:9,} accelerators {it:7,.0f} MW IT  {COUNTRIES[c][2]}")
    mix = {}
    for (loc, system, _), f in zip(SITES, figures):
        mix[system] = mix.get(system, 0) + f["accelerators"]
    print("  fleet: " + ", ".join(f"{s} {n:,} ({n / total:.0%})" for s, n in sorted(mix.items(), key=lambda x: -x[1])))
    sizes = [f["accelerators"] for _, _, f, _ in props]
    print(f"studies/eu-76-proposals.yaml: {len(props)} proposals, {min(sizes):,} to {max(sizes):,} accelerators, "
          f"{len({f['country'] for _, _, f, _ in props})} member states, "
          f"{len({s['location'] for _, s, _, _ in props})} locations")


if __name__ == "__main__":
    main()
