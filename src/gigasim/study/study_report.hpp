// report.html of a study: the comparison page (docs/studies.md#the-comparison-report).
#pragma once

#include <nlohmann/json.hpp>

#include "gigasim/study/study.hpp"

namespace gigasim::study {

/// What the page draws: the variants, every figure's means and intervals by variant, the
/// ranking's columns and the Pareto charts' axes (study/headline.hpp), each with its label.
nlohmann::json study_report_data(const StudyResult& result, int replicas);

}  // namespace gigasim::study
