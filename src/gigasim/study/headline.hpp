// The figures a study keeps of each run (docs/studies.md#outputs).
#pragma once

#include <string>
#include <vector>

#include "gigasim/sim/results.hpp"

namespace gigasim::study {

/// The names of the figures: every numeric figure of summary.json's `total` (named as
/// there), then of `workload`, `reliability`, `economics` and `carbon` (named `group.figure`).
/// Figures with one value per key (per source, per tenant) are left out.
const std::vector<std::string>& headline_metrics();

/// The figures of one run, in the order of headline_metrics(); NaN where a figure does not
/// apply (a run without jobs has no workload figures, a ratio without a denominator is null).
std::vector<double> headline(const sim::Results& results);

}  // namespace gigasim::study
