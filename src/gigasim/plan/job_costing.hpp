// What a described job costs on the hardware it runs on, through the performance model
// (docs/models/perf.md) and the checkpoint model (docs/models/reliability.md). Called by
// prepare for a site's own fleet, and again whenever a job is to run on other hardware.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "gigasim/core/errors.hpp"
#include "gigasim/perf/platform.hpp"
#include "gigasim/perf/serving.hpp"
#include "gigasim/scenario/scenario.hpp"
#include "gigasim/scenario/workload_spec.hpp"
#include "gigasim/workload/generator.hpp"
#include "gigasim/workload/inference.hpp"
#include "gigasim/workload/job.hpp"

namespace gigasim::plan {

/// The platform a fleet entry offers to the jobs that run on it.
perf::Platform platform_of(const scenario::FleetEntry& entry);

/// A described job as the scheduler runs it on `platform`: its work at full speed, tokens,
/// FLOPs, power activity and checkpoint cost. A training run takes whole steps of its layout
/// (step time from perf::estimate_step); its checkpoint writes the whole training state.
/// Problems (a layout that does not fit in memory, a checkpoint longer than its fixed
/// interval) are appended to `problems`, naming the job's elements.
workload::JobSpec cost_job(const scenario::JobDescription& job, const perf::Platform& platform,
                           const scenario::ReliabilitySpec* reliability,
                           std::vector<core::Diagnostic>& problems);

/// A trace job (its run time is given).
workload::JobSpec trace_job(const scenario::TraceJob& job, const scenario::TraceSpec& trace);

/// The token and FLOP accounting and checkpoint cost of a generated stream's jobs: with a
/// model, tokens per accelerator-second of the best layout the search finds for the stream's
/// median size (at least 8 accelerators).
workload::JobCosting cost_stream(const scenario::GeneratorDescription& stream,
                                 const perf::Platform& platform,
                                 const scenario::ReliabilitySpec* reliability);

/// An inference service on `platform`: decode throughput of one replica. Problems (weights
/// that do not fit in the replica's memory) are appended to `problems`.
workload::InferenceService cost_inference(const scenario::InferenceDescription& service,
                                          const perf::Platform& platform,
                                          std::vector<core::Diagnostic>& problems);

}  // namespace gigasim::plan
