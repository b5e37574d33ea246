#include "gigasim/cli/commands.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "gigasim/api/api.hpp"
#include "gigasim/cli/console_format.hpp"
#include "gigasim/cli/progress.hpp"
#include "gigasim/core/errors.hpp"
#include "gigasim/core/units.hpp"
#include "gigasim/io/formats/files.hpp"
#include "gigasim/io/report/report.hpp"
#include "gigasim/io/results/output_docs.hpp"
#include "gigasim/io/results/output_files.hpp"
#include "gigasim/io/results/writers.hpp"

namespace gigasim::cli {
namespace {

// The only state a signal handler touches: the process's, never a run's.
std::atomic<bool> g_stop{false};

extern "C" void on_stop_signal(int /*signal*/) {
  g_stop.store(true);
}

io::Catalog load_catalog(const std::filesystem::path& dir) {
  return api::load_catalog(dir);
}

constexpr double kWattsPerMw = 1e6;
constexpr double kWhPerMwh = 1e6;

// A site's (or the total's) energy, water and carbon figures, in two lines.
void print_totals(const std::string& label, const sim::Totals& t) {
  fmt::print(
      "  {:<24} {} accelerators  IT peak {}  facility peak {}  PUE {:.3f}  WUE {:.2f} L/kWh\n",
      label, thousands(t.accelerators), si(t.it_power_peak_mw * kWattsPerMw, "W"),
      si(t.facility_power_peak_mw * kWattsPerMw, "W"), t.pue(), t.wue_l_per_kwh());
  fmt::print(
      "  {:<24} energy {}, heat reused {} (ERE {:.3f}, ERF {:.3f}), carbon {} CO2e ({} g/kWh), "
      "energy cost {}",
      "", si(t.energy_facility_mwh * kWhPerMwh, "Wh"), si(t.heat_reused_mwh * kWhPerMwh, "Wh"),
      t.ere(), t.erf(), si(t.carbon_t, "t"), digits3(t.carbon_intensity_g_per_kwh()),
      si(t.energy_cost_eur, "EUR"));
  if (t.unserved_energy_mwh > 0)
    fmt::print("  UNSERVED {}", si(t.unserved_energy_mwh * kWhPerMwh, "Wh"));
  fmt::print("\n");
}

}  // namespace

int check_command(const CheckOptions& options) {
  // Describe and prepare, as `run` does before its first event: the same inputs are refused.
  const io::Catalog catalog = load_catalog(options.data_dir);
  const io::ScenarioFile file =
      api::load(options.scenario, catalog, options.input_root, options.overrides);
  const scenario::Scenario& s = file.scenario;
  const plan::Plan plan = api::prepare(file, s.seed, options.limits);
  std::int64_t accelerators = 0;
  std::size_t jobs = 0;
  for (const auto& site : plan.sites) {
    for (const auto& f : site.sizing.fleet) accelerators += f.accelerators;
    if (site.workload) jobs += site.workload->jobs.size();
  }
  fmt::print("{}: ok ({} sites, {} accelerators, {} jobs, {:.0f} h at {} min ticks)\n",
             options.scenario.string(), s.sites.size(), thousands(accelerators),
             thousands(static_cast<std::int64_t>(jobs)), s.horizon.in_hours(),
             s.tick.ms() / 60'000);
  const plan::RunSize& z = plan.size;
  fmt::print(
      "  estimated: {:.3g} events, {:.3g} failures, {:.3g} output rows, {:.0f} MB of "
      "outputs\n",
      z.events, z.failures, z.rows, z.bytes / 1e6);
  return 0;
}

namespace {

// "1.85" or "n/a" for a figure that does not apply.
std::string figure(std::optional<double> v) {
  return v ? digits3(*v) : std::string("n/a");
}

// A site's (or the total's) economics and carbon, in two lines under its label.
void print_economics(const econ::EconomicsResult& e, const econ::CarbonResult& c) {
  fmt::print(
      "  {:<24} economics: capex {}, TCO {}/year; {} EUR per GPU-hour available, {} busy, {} "
      "useful; {} EUR per M tokens trained, {} served\n",
      "", si(e.capex_eur, "EUR"), si(e.tco_per_year_eur(), "EUR"),
      figure(e.eur_per_gpu_hour_available()), figure(e.eur_per_gpu_hour_busy()),
      figure(e.eur_per_useful_gpu_hour()), figure(e.eur_per_m_tokens_trained()),
      figure(e.eur_per_m_tokens_served()));
  fmt::print(
      "  {:<24} carbon: Scope 2 {} location-based, {} market-based, embodied {} (share of the "
      "run); CUE {} kg/kWh; {} g per M tokens\n",
      "", si(c.scope2_location_t, "t"), si(c.scope2_market_t, "t"), si(c.embodied_t, "t"),
      figure(c.cue()), figure(c.g_per_m_tokens()));
}

// Waits per job class, the longest first among them, and the work the horizon left undone:
// a mean over many short jobs hides the frontier run that waited days.
void print_delays(const sim::WorkloadTotals& w) {
  fmt::print("  delays: longest wait {} h; {} jobs unfinished at the end ({} left)",
             digits3(w.max_wait_h), thousands(w.jobs_unfinished),
             count(w.unfinished_accelerator_h, "GPU-hours"));
  if (w.jobs_with_deadline > 0)
    fmt::print("; {} of {} deadlines missed", thousands(w.deadlines_missed),
               thousands(w.jobs_with_deadline));
  fmt::print("\n");
  for (const auto& [cls, d] : w.delays_by_class) {
    fmt::print(
        "    {:<12} {} jobs, wait mean {} h, p95 {} h, max {} h; bounded slowdown {}; {} "
        "unfinished\n",
        cls, thousands(d.jobs), digits3(d.mean_wait_h), digits3(d.p95_wait_h),
        digits3(d.max_wait_h), digits3(d.mean_bounded_slowdown), thousands(d.unfinished));
  }
  // The runs a planner named: when they started and ended, and what they cost.
  constexpr double kHoursPerDay = 24.0;
  for (const auto& [name, j] : w.named_jobs) {
    const std::string ended = j.end_h >= 0
                                  ? fmt::format("ended day {}", digits3(j.end_h / kHoursPerDay))
                                  : fmt::format("{} % done at the end", digits3(100 * j.done));
    const std::string started = j.start_h >= 0 ? fmt::format("started day {} (waited {} h), {}",
                                                             digits3(j.start_h / kHoursPerDay),
                                                             digits3(j.start_h - j.submit_h), ended)
                                               : std::string("never started");
    std::string deadline;
    if (j.deadline_h >= 0) {
      const auto late = j.late_h();
      deadline = fmt::format("; deadline day {}{}", digits3(j.deadline_h / kHoursPerDay),
                             !late          ? std::string(", not done")
                             : *late <= 0.0 ? std::string(" met")
                                            : fmt::format(", missed by {} h", digits3(*late)));
    }
    fmt::print("    {:<24} {} accelerators, submitted day {}, {}; {} held, {}{}\n", name,
               thousands(j.accelerators), digits3(j.submit_h / kHoursPerDay), started,
               count(j.held_gpu_hours, "GPU-hours"), si(j.cost_eur, "EUR"), deadline);
  }
}

// What `run` prints (docs/outputs.md#command-line).
void print_run(const sim::Results& results, std::uint64_t seed) {
  fmt::print("gigasim run {} (seed {}, {} h)\n", results.scenario, seed,
             thousands(std::llround(results.hours)));
  for (const auto& site : results.sites) {
    for (const auto& f : site.fleet) {
      fmt::print("  {:<24} {} x {} ({} accelerators{}), design PUE {:.3f}\n", site.name,
                 thousands(f.systems), f.system, thousands(f.accelerators),
                 f.sized_automatically ? ", sized to the envelope" : "", site.design_pue);
    }
  }
  // Each site's figures when they fit on a screen, then always the total.
  if (results.sites.size() <= 12 && results.sites.size() > 1) {
    for (const auto& site : results.sites) {
      print_totals(site.name, site.totals);
      print_economics(site.economics, site.carbon);
    }
  }
  print_totals("total", results.total);
  print_economics(results.economics_total, results.carbon_total);
  if (results.workload_total.present) {
    const auto& w = results.workload_total;
    fmt::print(
        "  workload: {} jobs submitted, {} completed, utilization {:.1f} %, mean wait {} h (p95 {} "
        "h), "
        "bounded slowdown {}\n",
        thousands(w.jobs_submitted), thousands(w.jobs_completed), 100 * w.utilization,
        digits3(w.mean_wait_h), digits3(w.p95_wait_h), digits3(w.mean_bounded_slowdown));
    fmt::print(
        "            {} delivered, {} useful, {} trained, {} served of {} demanded, {} of model "
        "compute; {} preemptions, {} h under a power cap\n",
        count(w.gpu_hours_delivered, "GPU-hours"), count(w.gpu_hours_useful, "GPU-hours"),
        count(w.tokens_trained, "tokens"), count(w.tokens_served, "tokens"),
        count(w.tokens_demanded, "tokens"), si(w.model_flops_delivered, "FLOP"),
        thousands(w.preemptions), thousands(std::llround(w.power_capped_hours)));
  }
  if (results.workload_total.present) print_delays(results.workload_total);
  if (results.reliability_total.present) {
    const auto& r = results.reliability_total;
    fmt::print(
        "  reliability: {} failures, {} job interruptions and {} planned ones, ETTR {:.1f} %, {} "
        "lost, {} in restarts, {} writing checkpoints\n",
        thousands(r.failures), thousands(r.job_interruptions), thousands(r.planned_interruptions),
        100 * r.ettr, count(r.lost_gpu_hours, "GPU-hours"), count(r.restart_gpu_hours, "GPU-hours"),
        count(r.checkpoint_overhead_gpu_hours, "GPU-hours"));
  }
  if (results.reliability_total.largest_power_step_mw > 0) {
    fmt::print("  IT power: largest step {}, largest change within a minute {}\n",
               si(results.reliability_total.largest_power_step_mw * kWattsPerMw, "W"),
               si(results.reliability_total.largest_ramp_mw_per_min * kWattsPerMw, "W"));
  }
  if (results.federation.present) {
    const sim::FederationTotals& f = results.federation;
    fmt::print(
        "  federation: {}, {} of {} jobs routed to another site, {} deferred, {} migrated while "
        "running; {} moved, {} of transfers\n",
        f.policy, thousands(f.jobs_routed), thousands(f.jobs_seen), thousands(f.jobs_deferred),
        thousands(f.jobs_migrated), si(f.data_moved_tb * 1e12, "B"),
        si(f.transfer_cost_eur, "EUR"));
  }
}

}  // namespace

int run_command(const RunOptions& options) {
  const io::Catalog catalog = load_catalog(options.data_dir);
  const io::ScenarioFile file =
      api::load(options.scenario, catalog, options.input_root, options.overrides);
  const scenario::Scenario& scenario = file.scenario;
  const std::uint64_t seed = options.seed.value_or(scenario.seed);
  const std::filesystem::path out =
      options.out.empty() ? default_output(scenario.name) : options.out;

  const plan::Plan plan = api::prepare(file, seed, options.limits);
  ProgressBar bar(!options.quiet && ::isatty(STDERR_FILENO) == 1, scenario.horizon.in_hours(),
                  scenario.sites.size(), scenario.start, stop_flag());
  const sim::Results results = api::run(plan, &bar);
  bar.finish();
  if (options.summary_only)
    io::write_summary_outputs(results, out, stop_flag());
  else
    io::write_run_outputs(results, out, stop_flag());

  if (options.json) {
    // The summary as summary.json holds it, for scripts; the outputs are written all the same.
    fmt::print("{}\n", io::summary_json(results).dump(2));
    return 0;
  }
  print_run(results, seed);
  fmt::print("  outputs in {}\n", out.string());
  return 0;
}

void catch_stop_signals() {
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

const std::atomic<bool>* stop_flag() {
  return &g_stop;
}

std::filesystem::path default_output(std::string_view name) {
  // Letters, digits, '-', '_' and inner dots; anything else becomes '_' (no separators, no
  // "..", no hidden name), at most 64 characters: the folder always lies under out/.
  std::string safe;
  for (const char c : name) {
    if (safe.size() == 64) break;
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '_';
    safe += plain || (c == '.' && !safe.empty()) ? c : '_';
  }
  if (safe.empty() || safe.find_first_not_of("._") == std::string::npos) safe = "scenario";
  return std::filesystem::path("out") / safe;
}

int report_command(const std::filesystem::path& dir) {
  io::write_report(dir);
  fmt::print("report in {}\n", (dir / "report.html").string());
  return 0;
}

int outputs_command(const OutputsOptions& options) {
  if (options.file.empty()) {
    for (const auto& [name, table] : io::output_reference())
      fmt::print("<!-- generated: {} -->\n{}<!-- end generated -->\n\n", name, table);
    return 0;
  }
  const std::string text = io::read_input_file(options.file, "documentation");
  const std::string current = io::with_generated_sections(text);
  if (options.check) {
    if (current == text) return 0;
    fmt::print(stderr,
               "{}: the generated sections are out of date; run `gigasim outputs --update {}`\n",
               options.file.string(), options.file.string());
    return 1;
  }
  if (current != text)
    io::write_atomically(options.file, [&](std::ostream& out) { out << current; });
  return 0;
}

int size_command(const SizeOptions& options) {
  const io::Catalog catalog = load_catalog(options.data_dir);
  scenario::Scenario scenario;
  if (!options.scenario.empty()) {
    scenario = api::load(options.scenario, catalog).scenario;
  } else {
    std::vector<core::Diagnostic> problems;
    // A site of the catalog's defaults (data/defaults.yaml), as a scenario would start from.
    scenario::SiteSpec site = catalog.defaults.site;
    const auto location = catalog.locations.find(options.location);
    if (location == catalog.locations.end()) {
      problems.push_back(
          {"--location", fmt::format("unknown location \"{}\"", options.location), {}});
    } else {
      site.location = location->second;
    }
    const auto system = catalog.systems.find(options.system);
    if (system == catalog.systems.end()) {
      problems.push_back({"--system", fmt::format("unknown system \"{}\"", options.system), {}});
    } else {
      const perf::Platform platform = catalog.platform_of(system->second);
      site.fleet.push_back(scenario::FleetEntry{"--system", system->second, platform.efficiency,
                                                platform.fabric, std::nullopt});
    }
    try {
      site.grid_connection = core::parse<core::Power>(options.power);
      if (site.grid_connection.value() <= 0)
        problems.push_back({"--power", "must be positive", {}});
    } catch (const core::UnitParseError& e) {
      problems.push_back({"--power", e.what(), {}});
    }
    if (!problems.empty()) throw core::InputError(std::move(problems));
    site.name = options.location;
    site.power_envelope = site.grid_connection;
    scenario.name = "size";
    scenario.seed = options.seed;
    scenario.sites.push_back(std::move(site));
  }
  const core::RandomStreams streams(scenario.seed);
  nlohmann::json sites = nlohmann::json::array();
  for (const auto& site : scenario.sites) {
    const plan::SiteSizing m = plan::size_site(site, scenario, streams);
    nlohmann::json fleet = nlohmann::json::array();
    for (const auto& f : m.fleet) {
      fleet.push_back({{"system", f.system},
                       {"accelerator", f.accelerator},
                       {"systems", f.systems},
                       {"accelerators", f.accelerators},
                       {"sized_automatically", f.sized_automatically}});
      if (options.json) continue;
      fmt::print(
          "{} at {} ({}): {} {} systems = {} {} accelerators{}; IT {} at full load, design "
          "PUE {:.3f}\n",
          si(site.power_envelope.value(), "W"), site.location.name, site.location.country,
          thousands(f.systems), f.system, thousands(f.accelerators), f.accelerator,
          f.sized_automatically ? " (sized to the envelope)" : "", si(m.rated_it_w, "W"),
          m.design_pue);
    }
    sites.push_back({{"site", site.name},
                     {"location", site.location.id},
                     {"country", site.location.country},
                     {"power_envelope_mw", site.power_envelope.value() / 1e6},
                     {"it_full_load_mw", m.rated_it_w / 1e6},
                     {"design_pue", m.design_pue},
                     {"fleet", std::move(fleet)}});
  }
  if (options.json) fmt::print("{}\n", nlohmann::json{{"sites", std::move(sites)}}.dump(2));
  return 0;
}

}  // namespace gigasim::cli
