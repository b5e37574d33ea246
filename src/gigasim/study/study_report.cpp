#include "gigasim/study/study_report.hpp"

#include <cmath>

#include "gigasim/study/headline.hpp"

namespace gigasim::study {
namespace {

nlohmann::json number_or_null(double v) {
  return std::isnan(v) ? nlohmann::json() : nlohmann::json(v);
}

nlohmann::json criterion_json(const Criterion& c) {
  return {{"metric", c.metric},
          {"label", c.label},
          {"unit", c.unit},
          {"better", c.higher_is_better ? "high" : "low"}};
}

}  // namespace

nlohmann::json study_report_data(const StudyResult& result, int replicas) {
  nlohmann::json variants = nlohmann::json::array();
  for (const auto& v : result.variants) variants.push_back(v.variant.name);
  // Every figure by variant: columns of means and interval ends (null: does not apply).
  nlohmann::json figures = nlohmann::json::object();
  for (std::size_t m = 0; m < result.metrics.size(); ++m) {
    nlohmann::json mean = nlohmann::json::array(), low = nlohmann::json::array(),
                   high = nlohmann::json::array();
    for (const auto& v : result.variants) {
      mean.push_back(number_or_null(v.mean[m]));
      low.push_back(number_or_null(v.ci_low[m]));
      high.push_back(number_or_null(v.ci_high[m]));
    }
    figures[result.metrics[m]] = {{"mean", mean}, {"low", low}, {"high", high}};
  }
  nlohmann::json criteria = nlohmann::json::array();
  for (const Criterion& c : ranking_criteria()) criteria.push_back(criterion_json(c));
  // The Pareto charts: useful compute against each cost, labelled as the ranking labels them.
  const auto labelled = [](const std::string& metric) {
    for (const Criterion& c : ranking_criteria())
      if (c.metric == metric) return criterion_json(c);
    return criterion_json({metric, metric, "", false});
  };
  nlohmann::json pareto = nlohmann::json::array();
  for (const std::string& cost : pareto_costs())
    pareto.push_back({{"x", labelled(cost)}, {"y", labelled("ranking.pflop_days")}});
  return {{"study", result.name},     {"replicas", replicas}, {"variants", variants},
          {"figures", figures},       {"criteria", criteria}, {"pareto", pareto},
          {"metrics", result.metrics}};
}

}  // namespace gigasim::study
