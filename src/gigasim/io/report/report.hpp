// report.html: one self-contained page that shows a run at a glance (docs/outputs.md#report).
// Everything it shows is read back from results.sqlite, so `gigasim report DIR` and
// `gigasim run` draw the same page.
#pragma once

#include <atomic>
#include <filesystem>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>

#include "gigasim/sim/metrics.hpp"
#include "gigasim/sim/results.hpp"

namespace gigasim::io {

class ResultsReader;
class MetricsReader;

/// At most this many points per time series: longer runs are bucketed, each bucket keeping
/// its maximum for powers, PUE, temperature and queue length (peaks survive) and its mean
/// for shares and intensities.
inline constexpr std::size_t kReportMaxPoints = 8784;
/// At most this many points in the PUE-against-temperature scatter, over all sites.
inline constexpr std::size_t kReportMaxScatterPoints = 20'000;
/// The largest jobs listed, and the largest power steps drawn.
inline constexpr std::size_t kReportJobs = 200;
inline constexpr std::size_t kReportPowerSteps = 2'000;

/// The data the page draws (docs/outputs.md#reporthtml), read from a results.sqlite.
nlohmann::json report_data(const std::filesystem::path& sqlite_file);

/// The time series of the run: sites added tick by tick, then bucketed to kReportMaxPoints
/// (io/report_series.cpp). `accelerators` weighs each site's utilization.
nlohmann::json report_series(const ResultsReader& db, const MetricsReader& m, double tick_h,
                             double hours);

/// The longest run a report is drawn for, in ticks: beyond it, a results.sqlite was not
/// written by a run gigasim accepts (docs/robustness.md).
inline constexpr double kReportMaxTicks = 2e6;
/// "a, b, c" of the declared site_hourly columns' names, then every `<kind>_mw` supply
/// column, for a SELECT (io/report_series.cpp).
std::string hourly_columns(
    std::initializer_list<const sim::output::Field<sim::metrics::HourlyRecord>*> fields);
/// "nuclear" for the supply column "nuclear_mw" of kind `kind` (declaration order).
std::string supply_kind_name(std::size_t kind);

/// Each site's series when there are several (io/report_site_series.cpp): at most
/// kSiteSeriesPoints points per site, kSiteSeriesPointsMany beyond 12 sites; null for one site.
inline constexpr std::size_t kSiteSeriesPoints = 1'464;    // 6-hourly over a leap year
inline constexpr std::size_t kSiteSeriesPointsMany = 366;  // daily
nlohmann::json report_site_series(const ResultsReader& db, const MetricsReader& m, double tick_h,
                                  double hours);
nlohmann::json report_pue_scatter(const ResultsReader& db, const MetricsReader& m);

/// The page: the template with the charting library, the page's code and `data` inlined.
std::string report_html(const nlohmann::json& data);

/// A study's comparison page (docs/studies.md#the-comparison-report): the study template
/// with the same library and shared code, and `data` (written by the study) inlined.
std::string study_report_html(const nlohmann::json& data);

/// Reads DIR/results.sqlite and writes DIR/report.html (atomically).
void write_report(const std::filesystem::path& dir);

/// Every output of a run into `dir`, as one set (io/results/output_set.hpp): the result
/// files, the report drawn from them and summary.json, all or nothing. `stop`, if given,
/// is a flag a signal handler sets to interrupt the writing (core::Interrupted).
void write_run_outputs(const sim::Results& results, const std::filesystem::path& dir,
                       const std::atomic<bool>* stop = nullptr);

/// summary.json alone into `dir`, as one set (`gigasim run --summary-only`, studies): no
/// tables, CSV files or report.
void write_summary_outputs(const sim::Results& results, const std::filesystem::path& dir,
                           const std::atomic<bool>* stop = nullptr);

}  // namespace gigasim::io
