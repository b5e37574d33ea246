// The training performance model against the published runs of
// tests/data/perf/published_training_runs.csv (A100, H100, H800, B200, GB200, GB300; BF16 and
// FP8; dense and mixture of experts). The efficiency constants of data/efficiency.yaml were
// fitted on the rows marked `fit`; the others are held out. Errors are reported, table by
// table, in docs/validation.md ("Held-out runs").
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "gigasim/io/catalog/catalog.hpp"
#include "gigasim/io/formats/csv.hpp"
#include "gigasim/io/scenario/perf_input.hpp"
#include "gigasim/perf/step_model.hpp"
#include "validation_fixtures.hpp"

namespace gigasim::perf {
namespace {

struct PublishedRun {
  std::string id, generation, precision, role, metric, perf_input;
  double published = 0;
};

std::vector<PublishedRun> read_runs() {
  std::vector<PublishedRun> runs;
  validation::for_each_csv_row(
      "perf/published_training_runs.csv", [&](const validation::Field& field) {
        PublishedRun r{field("id"),   field("generation"), field("precision"),
                       field("role"), field("metric"),     field("perf_input")};
        // The inputs are stored on one line, their line breaks written as \n.
        for (std::size_t at = r.perf_input.find("\\n"); at != std::string::npos;
             at = r.perf_input.find("\\n", at))
          r.perf_input.replace(at, 2, "\n");
        EXPECT_TRUE(io::parse_csv_number(field("published"), r.published)) << r.id;
        runs.push_back(r);
      });
  return runs;
}

using validation::catalog;

// Megatron-Core's FLOP count (megatron/training/training.py, num_floating_point_operations,
// 2024), which the Megatron-LM README's TFLOP/s use: full (not causal) attention.
double megatron_core_flops(const TransformerModel& m, double global_batch) {
  const double s = m.seq_len, h = m.hidden, l = m.layers, v = m.vocab;
  const double gated = m.mlp == MlpKind::gated ? 1.5 : 1.0;
  const double groups = static_cast<double>(m.kv_heads) / m.heads;
  return 12.0 * global_batch * s * l * h * h *
         ((1.0 + groups + s / h) + m.ffn_hidden / h * gated + v / (2.0 * l * h));
}

struct Outcome {
  double predicted = 0;
  double error = 0;  ///< relative; positive: the model is optimistic
  std::string recompute;
};

// One rule for every row, as the runs' recompute settings are rarely published: the stated
// recomputation if it fits in memory, else the least that does (selective, then full
// recomputation of 1, 2, … layers of each stage, then of all).
Outcome predict(const PublishedRun& run) {
  io::PerfInput in = io::load_perf_text(run.perf_input, run.id, catalog(), io::PerfMode::estimate);
  Layout l = in.layout;
  const int stage_layers = (in.model.layers + (l.balance_embedding ? 2 : 0)) / std::max(1, l.pp);
  std::vector<std::pair<Recompute, int>> tries{{l.recompute, l.recompute_layers}};
  if (l.recompute == Recompute::none) tries.emplace_back(Recompute::selective, 0);
  if (l.recompute != Recompute::full || l.recompute_layers > 0) {
    for (int n = std::max(1, l.recompute_layers + 1); n < stage_layers; ++n)
      tries.emplace_back(Recompute::full, n);
    tries.emplace_back(Recompute::full, 0);
  }
  StepEstimate e;
  for (const auto& [recompute, layers] : tries) {
    l.recompute = recompute;
    l.recompute_layers = layers;
    e = estimate_step(in.model, l, in.platform);
    if (e.fits_in_memory) break;
  }
  EXPECT_TRUE(e.fits_in_memory) << run.id;
  Outcome o;
  o.recompute = std::string(to_string(l.recompute)) +
                (l.recompute_layers > 0 ? " " + std::to_string(l.recompute_layers) : "");
  const double gpus = static_cast<double>(l.gpus());
  if (run.metric == "step_s") {
    o.predicted = e.step_time_s;
    o.error = run.published / o.predicted - 1.0;
  } else if (run.metric == "tokens_gpu") {
    o.predicted = e.tokens_per_s / gpus;
    o.error = o.predicted / run.published - 1.0;
  } else if (run.metric == "mcore_model") {
    o.predicted = megatron_core_flops(in.model, l.global_batch) / e.step_time_s / gpus / 1e12;
    o.error = o.predicted / run.published - 1.0;
  } else {
    ADD_FAILURE() << run.id << ": unknown metric " << run.metric;
  }
  return o;
}

struct Errors {
  std::vector<double> values;
  void add(double e) { values.push_back(std::fabs(e)); }
  [[nodiscard]] double mean() const {
    double s = 0;
    for (double v : values) s += v;
    return values.empty() ? 0.0 : s / static_cast<double>(values.size());
  }
  [[nodiscard]] double worst() const {
    double w = 0;
    for (double v : values) w = std::max(w, v);
    return w;
  }
};

bool is_moe(const PublishedRun& r) {
  return r.perf_input.find("experts:") != std::string::npos ||
         r.perf_input.find("mixtral") != std::string::npos;
}

TEST(PublishedRuns, FittedAndHeldOutErrorsStayWithinTheirGoals) {
  const std::vector<PublishedRun> runs = read_runs();
  ASSERT_GE(runs.size(), 60U);
  std::map<std::string, Errors> groups;
  std::printf("\n%-44s %-5s %-15s %-4s %10s %10s %8s  %s\n", "run", "role", "generation", "prec",
              "published", "predicted", "error", "recompute");
  for (const PublishedRun& run : runs) {
    const Outcome o = predict(run);
    std::printf("%-44s %-5s %-15s %-4s %10.1f %10.1f %+7.1f%%  %s\n", run.id.c_str(),
                run.role.substr(0, 4).c_str(), run.generation.c_str(), run.precision.c_str(),
                run.published, o.predicted, 100 * o.error, o.recompute.c_str());
    RecordProperty(run.id, std::to_string(o.error));
    const std::string kind = is_moe(run) ? "moe" : "dense";
    groups[run.role + " " + kind + " " + run.generation + " " + run.precision].add(o.error);
    groups[run.role + " " + kind].add(o.error);
    if (run.role == "held-out" &&
        (run.precision == "fp8" || run.generation.rfind("blackwell", 0) == 0)) {
      groups["held-out fp8-or-blackwell"].add(o.error);
      if (kind == "dense") groups["held-out dense fp8-or-blackwell"].add(o.error);
    }
  }
  std::printf("\n%-40s %4s %8s %8s\n", "group", "rows", "mean", "worst");
  for (const auto& [name, e] : groups)
    std::printf("%-40s %4zu %7.1f%% %7.1f%%\n", name.c_str(), e.values.size(), 100 * e.mean(),
                100 * e.worst());

  // The goals (docs/validation.md): fitted rows close; held-out runs in FP8 or on Blackwell,
  // dense and mixtures of experts, under 12 % mean and 30 % worst (issue 17); BF16 on A100
  // and H100 where they were before FP8 and Blackwell came in.
  const auto check = [&](const std::string& group, double mean, double worst) {
    ASSERT_TRUE(groups.count(group)) << group;
    EXPECT_LT(groups[group].mean(), mean) << group;
    EXPECT_LT(groups[group].worst(), worst) << group;
  };
  check("fit dense", 0.08, 0.12);
  check("held-out dense fp8-or-blackwell", 0.12, 0.30);
  check("held-out dense hopper bf16", 0.08, 0.16);
  check("held-out dense ampere bf16", 0.06, 0.12);
  // Mixtures of experts alone: every run within the goal's worst, a mean kept under 15 %.
  check("held-out moe", 0.15, 0.30);
  check("held-out fp8-or-blackwell", 0.12, 0.30);
}

}  // namespace
}  // namespace gigasim::perf
