// The figures a study keeps of each run (docs/studies.md#outputs).
#pragma once

#include <string>
#include <vector>

#include "gigasim/sim/results.hpp"

namespace gigasim::study {

/// The names of the figures: every numeric figure of summary.json's `total` (named as
/// there), then of `workload`, `reliability`, `economics` and `carbon` (named `group.figure`),
/// then the ranking figures derived from them (`ranking.*`, docs/studies.md#ranking).
/// Figures with one value per key (per source, per tenant) are left out.
const std::vector<std::string>& headline_metrics();

/// A column of the comparison report's ranking: a headline figure, what it is called, its
/// unit, and which way is better.
struct Criterion {
  std::string metric;
  std::string label;
  std::string unit;
  bool higher_is_better = true;
};

/// The ranking's columns, first the four the EU call ranks on (useful compute per euro, per
/// tonne of CO2e, per cubic metre of water; heat reused), then their parts.
const std::vector<Criterion>& ranking_criteria();

/// The Pareto charts: useful compute (`ranking.pflop_days`, the y axis) against each of
/// these (cost, carbon, water), less of which is better.
const std::vector<std::string>& pareto_costs();

/// The figures of one run, in the order of headline_metrics(); NaN where a figure does not
/// apply (a run without jobs has no workload figures, a ratio without a denominator is null).
std::vector<double> headline(const sim::Results& results);

}  // namespace gigasim::study
