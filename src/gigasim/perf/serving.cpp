#include "gigasim/perf/serving.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

#include "gigasim/core/queueing.hpp"
#include "gigasim/perf/collectives.hpp"

namespace gigasim::perf {
namespace {

// Bytes per weight: FP4 is NVFP4, 4-bit values with one 8-bit scale per 16 of them (NVIDIA,
// "Introducing NVFP4 for Efficient and Accurate Low-Precision Inference", 2025), 4.5 bits.
// AMD's MXFP4 shares one scale among 32 (OCP Microscaling Formats v1.0, 2023), 4.25 bits:
// the model gives both NVFP4's size.
double weight_bytes(Precision p) {
  switch (p) {
    case Precision::bf16:
      return 2.0;
    case Precision::fp8:
      return 1.0;
    case Precision::fp4:
      return 4.5 / 8.0;
  }
  return 2.0;
}

// Bytes per KV-cache element: a 4-bit cache is NVFP4's 4.5 bits, as its weights
// (TensorRT-LLM's NVFP4 KV cache on Blackwell).
double kv_cache_bytes(const ServeSetup& s) {
  return weight_bytes(kv_cache_precision(s));
}

// Achievable dense rate of one accelerator's matrix products (docs/models/serving.md, "FP4"),
// at the clock its matrix units sustain.
double product_rate(const hardware::Accelerator& a, const Efficiency& e, Precision p) {
  switch (p) {
    case Precision::bf16:
      return a.matrix_rate(a.bf16_dense) * e.gemm_max;
    case Precision::fp8:
      return a.matrix_rate(a.fp8_dense) * e.gemm_max_fp8;
    case Precision::fp4:
      return a.matrix_rate(a.fp4_dense) * e.gemm_max_fp4;
  }
  return 0.0;
}

// Every catalog accelerator multiplies in BF16 and FP8; in FP4 only some.
bool multiplies_in(const hardware::Accelerator& a, Precision p) {
  return p != Precision::fp4 || a.has_fp4();
}

// Bytes per element of a token's hidden vector sent to its experts and back: dispatched in
// FP8 when the products are in 8 bits or fewer, combined in BF16 (DeepSeek-AI 2024,
// DeepSeek-V3 technical report, arXiv:2412.19437, "Low-precision storage and communication").
double dispatch_bytes(Precision p) {
  return p == Precision::bf16 ? 2.0 : 1.0;
}
constexpr double kCombineBytes = 2.0;

// One replica of `tp` accelerators and what its steps cost (docs/models/serving.md).
// Tensor-parallel, every layer is split over them; expert-parallel, each runs the attention,
// the dense layers and the shared experts of its own sequences and holds 1/tp of the routed
// experts (docs/models/serving.md, "Expert-parallel serving").
struct Replica {
  const TransformerModel& m;
  const ServeSetup& s;
  const Efficiency& e;
  const hardware::Accelerator& a;
  ParameterCounts c;
  double n;              // accelerators
  bool expert_parallel;  // a mixture of experts served expert-parallel
  double bytes;          // per weight (weight_bytes)
  double kv_bytes;       // per KV-cache element (kv_cache_bytes)
  double hbm;            // achievable bytes/s of the replica
  double flops;          // achievable dense FLOP/s of the replica's products
  double attention;      // achievable FLOP/s of the attention core (16 bits)
  Link link;             // the scale-up domain's links, for all-reduces and all-to-alls
  double kv_per_token;   // bytes of KV cache per token of context, over the replica

  Replica(const TransformerModel& model, const Platform& p, const ServeSetup& setup)
      : m(model),
        s(setup),
        e(p.efficiency),
        a(p.system.accelerator),
        c(count_parameters(model)),
        n(setup.tp),
        expert_parallel(setup.expert_parallel && model.is_moe()),
        bytes(weight_bytes(setup.precision)),
        kv_bytes(kv_cache_bytes(setup)),
        hbm(n * a.hbm_bandwidth.value() * e.memory),
        flops(n * product_rate(a, e, setup.precision)),
        attention(n * a.matrix_rate(a.bf16_dense) * e.attention),
        link{a.scale_up_bandwidth.value() / 2.0 * e.collective_scale_up,
             e.scale_up_latency.value()},
        kv_per_token(m.layers * m.kv_cache_width() * kv_bytes * kv_copies()) {}

  // Copies of each cached value over the replica. Tensor-parallel, every accelerator holds
  // the KV heads of its query heads: past `kv_heads` accelerators a KV head is held by
  // several, and the latent of multi-head latent attention, shared by all heads, by every
  // one. Expert-parallel, each accelerator caches only its own sequences.
  [[nodiscard]] double kv_copies() const {
    if (expert_parallel) return 1.0;
    if (m.has_latent_kv()) return n;
    return n / std::min(n, static_cast<double>(m.kv_heads));
  }

  // The output projection's weights: the embedding's own when the two are tied.
  [[nodiscard]] double head() const { return m.tied_embeddings ? c.embedding : c.output; }
  // Weights a forward pass multiplies: every active weight but the embedding (a lookup), the
  // output projection included (the embedding read again when tied).
  [[nodiscard]] double active() const {
    return m.tied_embeddings ? c.active : c.active - c.embedding;
  }
  // Expert-parallel, the layers run in lock-step and wait for the accelerator whose experts
  // drew the most tokens: its share over the mean (the model's `expert_imbalance`, capped by
  // its `capacity_factor`); 1 tensor-parallel, where every accelerator holds a slice of every
  // expert.
  [[nodiscard]] double routed_load() const { return expert_parallel ? m.expert_load() : 1.0; }
  // Weights multiplied per token, the routed experts weighted by the busiest accelerator's
  // load, as the replica's accelerators wait for it.
  [[nodiscard]] double multiplied() const {
    return active() + (routed_load() - 1.0) * routed_active();
  }
  // Of the active weights, the routed experts a token passes through (top_k per MoE layer),
  // and the others, which every accelerator holds whole when expert-parallel.
  [[nodiscard]] double routed_active() const { return m.moe_layers() * m.top_k * c.expert; }
  [[nodiscard]] double unrouted_active() const { return active() - routed_active(); }
  // Copies of the unrouted weights beside the replica's one: n − 1 expert-parallel.
  [[nodiscard]] double extra_copies() const { return expert_parallel ? n - 1.0 : 0.0; }
  // Copies of the unrouted weights over the replica (the embedding and head among them).
  [[nodiscard]] double copies() const { return 1.0 + extra_copies(); }

  // Bytes of weights the replica stores: expert-parallel, each accelerator keeps its own
  // copy of all but the routed experts. A draft's layers are as many of the model's average
  // layer (it shares the embedding and the output head, as DeepSeek's MTP module does).
  [[nodiscard]] double stored_weights() const {
    const double unrouted = c.total - m.moe_layers() * m.experts * c.expert;
    const double model = c.total + extra_copies() * unrouted;
    const double heads = (c.embedding + c.output) * copies();
    return (model + draft_share() * (model - heads)) * bytes;
  }
  // Bytes of KV cache a token of context holds, the draft's layers' cache included.
  [[nodiscard]] double cached_per_token() const { return kv_per_token * (1.0 + draft_share()); }

  // Weights read by a decode step of `batch` sequences, summed over the replica's
  // accelerators: in a mixture of experts, each MoE layer reads the experts at least one
  // token chose, E·(1 − (1 − k/E)^batch) expected under uniform routing; expert-parallel,
  // every accelerator reads its own copy of the rest.
  [[nodiscard]] double weights_read(double batch) const {
    if (!m.is_moe()) return active();
    const double experts = m.experts;
    const double touched =
        experts * (1.0 - std::pow(1.0 - static_cast<double>(m.top_k) / experts, batch));
    return active() + extra_copies() * unrouted_active() +
           m.moe_layers() * (touched - m.top_k) * c.expert;
  }

  // FLOPs of the attention core per layer, for one new token and one cached token: scores
  // and the weighted sum of values over every head. Latent attention decodes in its
  // absorbed form (DeepSeek-V3 §2.1.1: the key and value up-projections fold into the
  // query and output ones), so its heads score the cached latent and RoPE key and sum the
  // latent itself.
  [[nodiscard]] double decode_attention_flops() const {
    if (!m.has_latent_kv()) return 4.0 * m.attention_width();
    return 2.0 * m.heads * (2.0 * m.kv_lora_rank + m.qk_rope_head_dim);
  }

  // What the accelerators exchange for `tokens` tokens spread over them. Tensor-parallel:
  // two all-reduces per layer of each token's hidden vector (Shoeybi et al. 2019).
  // Expert-parallel: each MoE layer dispatches every token's top_k copies to their experts
  // and combines the results, two all-to-alls inside the scale-up domain.
  [[nodiscard]] double exchanges(double tokens) const {
    if (!expert_parallel)
      return 2.0 * m.layers * all_reduce_time(tokens * m.hidden * 2.0, s.tp, link);
    const double copies = tokens / n * m.top_k * m.hidden * routed_load();
    return m.moe_layers() * (all_to_all_time(copies * dispatch_bytes(s.precision), s.tp, link) +
                             all_to_all_time(copies * kCombineBytes, s.tp, link));
  }

  // Tokens of context a decoding slot holds on average: its prompt and half of its answer,
  // the answers weighted by their length, as a long answer holds its slot longer (the
  // length-biased mean, E[L²] / E[L] = L̄ · (1 + cv²); docs/models/serving.md, "KV cache").
  [[nodiscard]] double context() const {
    const double cv = s.output_tokens_sd / s.output_tokens;
    return s.input_tokens + s.output_tokens / 2.0 * (1.0 + cv * cv);
  }

  // One forward pass of `batch` sequences, `queries` new tokens each, through `share` of
  // the model's layers (1: the model; a draft's layers over L) and the whole output head:
  // reading the weights (at `memory` of HBM) and the batch's KV cache (paged attention, at
  // `kv_read`), then computing the tokens, then the exchanges and the fixed
  // `decode_overhead` of each layer. The read and the compute add: at the batches of serving
  // (tens to thousands of rows) the measured steps rise with the batch well before the
  // roofline's compute roof (Pope et al. 2023; Williams et al. 2009 bound them by the larger
  // of the two), and a scan of the overlap on the fitted rows chose none
  // (docs/models/serving.md, "Decode"). Expert-parallel, the batch is spread evenly over the
  // accelerators. Each query attends to the slot's whole context.
  struct Pass {
    double memory = 0, compute = 0, exchange = 0, overhead = 0;
    void add(const Pass& p, double times) {
      memory += times * p.memory;
      compute += times * p.compute;
      exchange += times * p.exchange;
      overhead += times * p.overhead;
    }
    [[nodiscard]] double total() const { return memory + compute + exchange + overhead; }
  };
  [[nodiscard]] Pass pass(double batch, double queries, double share) const {
    const double tokens = batch * queries;
    // A replayed graph runs its padded batch: the padding's dummy tokens pass through the
    // products and the exchanges, not the attention, having no context.
    const double run = graph_batch(batch) * queries;
    const double read = weights_read(run);
    const double head_read = head() * copies();
    // The model's pass is the sum as written; a draft's takes its share of all but the head.
    const double weights = share == 1.0 ? read : head_read + share * (read - head_read);
    const double products = share == 1.0 ? multiplied() : head() + share * (multiplied() - head());
    Pass p;
    p.memory = weights * bytes / hbm +
               share * batch * context() * kv_per_token / (hbm / e.memory * e.kv_read);
    p.compute = run * 2.0 * products / flops +
                share * tokens * context() * decode_attention_flops() * m.layers / attention;
    p.exchange = share * exchanges(run);
    p.overhead = share * m.layers *
                 (e.decode_overhead.value() + (s.cuda_graphs ? 0.0 : kHostLaunchPerLayer));
    return p;
  }

  // The batch a decode graph runs: with padding, each accelerator's share of the batch (its
  // own sequences expert-parallel, the replica's tensor-parallel) rounded up to a captured
  // size (TensorRT-LLM tech blog 3, "CUDA Graph": padding raises the graphs' hit rate at
  // the cost of the padded tokens' computation).
  [[nodiscard]] double graph_batch(double batch) const {
    if (!s.cuda_graphs || !s.cuda_graph_padding) return batch;
    const double ranks = expert_parallel ? n : 1.0;
    return ranks * padded_graph_batch(batch / ranks);
  }

  // Speculation: k draft tokens a sequence per iteration, each pass of the draft costing
  // `draft_layers` of the model's L layers (0 without speculation).
  [[nodiscard]] int drafts() const { return s.speculative.draft_tokens; }
  [[nodiscard]] double draft_share() const {
    return drafts() > 0 ? s.speculative.draft_layers / m.layers : 0.0;
  }
  // Tokens a sequence gains per iteration (Leviathan et al. 2023, "Fast inference from
  // transformers via speculative decoding", ICML, eq. 1): k draft tokens, each accepted with
  // probability α once the ones before it were, give (1 − α^(k+1)) / (1 − α) per
  // verification, the model's own token included; 1 without speculation.
  [[nodiscard]] double accepted() const {
    const double k = drafts();
    const double alpha = s.speculative.acceptance;
    if (k == 0) return 1.0;
    if (alpha >= 1.0) return k + 1.0;
    return (1.0 - std::pow(alpha, k + 1.0)) / (1.0 - alpha);
  }

  // One decode iteration of `batch` sequences: the model's pass of one token each or, with
  // speculation, the verification of k + 1 and k draft passes. The first draft pass runs
  // over the tokens the verification accepted, to extend the draft's state with them (the
  // "draft extend" of SGLang's EAGLE worker; TensorRT-LLM's MTP likewise feeds the accepted
  // tokens' hidden states to its module), the others over one token each.
  [[nodiscard]] double decode_step(double batch, double* compute_share = nullptr) const {
    Pass step = pass(batch, drafts() + 1.0, 1.0);
    if (drafts() > 0) {
      step.add(pass(batch, accepted(), draft_share()), 1.0);
      // Skipped for one draft token: the queue at a percentile costs a step per slot count.
      if (drafts() > 1) step.add(pass(batch, 1.0, draft_share()), drafts() - 1.0);
    }
    if (compute_share != nullptr) *compute_share = step.compute / (step.memory + step.compute);
    return step.total();
  }

  // The prompt of one request, from its arrival to its first token: compute-bound products,
  // the causal attention core (2·width·L² per layer) and the exchanges, on the whole replica
  // (tensor-parallel) or on one accelerator while the others prefill their own
  // (expert-parallel). A draft of its own layers (speculation) prefills the prompt with them.
  [[nodiscard]] double prefill() const {
    const double l = s.input_tokens;
    const double share = expert_parallel ? n : 1.0;
    const double layers = 1.0 + draft_share();
    return layers * (share * (2.0 * multiplied() * l / flops +
                              2.0 * m.attention_width() * l * l * m.layers / attention) +
                     exchanges(share * l));
  }
  // The replica's time one prompt takes from its decoding: expert-parallel, its accelerators
  // prefill n prompts at once.
  [[nodiscard]] double prefill_cost() const { return expert_parallel ? prefill() / n : prefill(); }

  // Of the balanced pace, what the replica keeps: aggregated expert-parallel over several
  // accelerators, the ranks' prefills and sequences differ from one iteration to the next
  // and each MoE layer waits for the busiest (kAttentionDpBalance, measured); balanced
  // otherwise. Disaggregated decode ranks hold no prefills, the measured cause: taken as
  // balanced.
  [[nodiscard]] double balance() const {
    return expert_parallel && n > 1 && !s.disaggregated ? kAttentionDpBalance : 1.0;
  }

  // An iteration of aggregated serving: a decode step, and the prefills of the requests
  // that replace the batch's finished ones (batch · accepted / output_tokens of them), at
  // the replica's balance.
  [[nodiscard]] double iteration(double batch) const {
    const double step = decode_step(batch);
    if (s.disaggregated) return step;
    return (step + batch * accepted() / s.output_tokens * prefill_cost()) / balance();
  }
  // The time between two tokens of a sequence: an iteration gives each `accepted` tokens.
  [[nodiscard]] double tpot_of(double iteration) const { return iteration / accepted(); }
  [[nodiscard]] double tpot(double batch) const { return tpot_of(iteration(batch)); }
};

// A replica's slots under Poisson arrivals: on average `occupancy` of them decode, a request
// waits `wait_s` (at the percentile) for a free one and for the prompts ahead of its own, and
// the replica generates `tokens_per_s`.
struct Loaded {
  double slots = 0, occupancy = 0, wait_s = 0, tokens_per_s = 0;
};

// The slots' departure rates: with k busy, k sequences finish every L_out / accepted
// iterations of a batch of k (rates[k − 1], k = 1..batch).
std::vector<double> slot_rates(const Replica& r, const ServeSetup& s, int batch) {
  std::vector<double> rates(static_cast<std::size_t>(batch));
  for (int k = 1; k <= batch; ++k) {
    rates[static_cast<std::size_t>(k - 1)] = k / (s.output_tokens * r.tpot(k));
  }
  return rates;
}

// The prompts waiting for their prefill (docs/models/serving.md, "Targets at a
// percentile"): aggregated, a replica prefills one prompt at a time, expert-parallel one
// per accelerator, each in prefill_s. Prefill times are all alike: the queue is M/D/c, whose
// wait is taken as the M/M/c queue's with a tail that falls twice as fast, the heavy-traffic
// limit for a service time without variance (Kingman 1962, "On queues in heavy traffic":
// the wait scales with (1 + c_s²) / 2, c_s² = 0). Disaggregated, the prefill pool is sized
// at its mean load and has no queue here: nullopt.
struct PromptQueue {
  core::BirthDeathChain chain;
  std::size_t servers;
  [[nodiscard]] core::BirthDeathQueue at(double arrivals) const {
    core::BirthDeathQueue q = chain.at(arrivals, servers);
    q.tail_rate *= 2.0;
    return q;
  }
};
std::optional<PromptQueue> prompt_queue(const Replica& r, const ServeSetup& s, double prefill_s) {
  if (s.disaggregated) return std::nullopt;
  const std::size_t servers = r.expert_parallel ? static_cast<std::size_t>(r.n) : 1;
  std::vector<double> rates(servers);
  for (std::size_t k = 1; k <= servers; ++k) rates[k - 1] = static_cast<double>(k) / prefill_s;
  return PromptQueue{core::BirthDeathChain(rates), servers};
}

// The largest arrival rate whose percentile of TTFT meets the target on `slots` slots
// (docs/models/serving.md, "Targets at a percentile"): the slots are the servers of a
// birth-death queue whose departures quicken as the batch empties (its iteration shortens);
// a request that finds them all busy waits, then waits for the prompts ahead of its own
// (`prompts`), and its TTFT adds both waits to the prefill and a full batch's iteration.
// The waits grow with the arrivals: bisection.
Loaded load_at_percentile(const Replica& r, const ServeSetup& s, const core::BirthDeathChain& chain,
                          const std::optional<PromptQueue>& prompts, int slots, double prefill_s) {
  const auto n = static_cast<std::size_t>(slots);
  const double slack = s.ttft_s - prefill_s - r.iteration(slots);
  Loaded out{static_cast<double>(slots), 0.0, 0.0, 0.0};
  if (slack < 0) return out;
  const auto wait = [&](double arrivals) {
    const core::BirthDeathQueue for_a_slot = chain.at(arrivals, n);
    if (!prompts) return core::wait_quantile(for_a_slot, s.percentile);
    return core::wait_quantile(for_a_slot, prompts->at(arrivals), s.percentile);
  };
  double lo = 0, hi = chain.capacity(n);  // meets(lo); the queue is unstable at hi
  while (hi - lo > 1e-9 * hi) {
    const double mid = (lo + hi) / 2;
    (wait(mid) <= slack ? lo : hi) = mid;
  }
  out.occupancy = chain.at(lo, n).busy;
  out.wait_s = wait(lo);
  out.tokens_per_s = lo * s.output_tokens;
  return out;
}

// The slots, at most `batch`, that serve most under Poisson arrivals: fewer slots iterate
// faster and leave the TTFT more room to wait, more pool the arrivals better. Every slot
// count up to 64, then steps of 8 %, then steps of 1 % within 8 % of the best of those.
Loaded best_load(const Replica& r, const ServeSetup& s, int batch, double prefill_s) {
  const core::BirthDeathChain chain(slot_rates(r, s, batch));
  const std::optional<PromptQueue> prompts = prompt_queue(r, s, prefill_s);
  Loaded best;
  const auto consider = [&](int slots) {
    const Loaded l = load_at_percentile(r, s, chain, prompts, slots, prefill_s);
    if (l.tokens_per_s > best.tokens_per_s) best = l;
  };
  const auto scan = [&](int from, int to, double step) {  // downwards, from > to
    for (int slots = from; slots > to;
         slots = std::min(slots - 1, static_cast<int>(slots / (slots > 64 ? step : 1.0)))) {
      consider(slots);
    }
  };
  scan(batch, 0, 1.08);
  const auto coarse = static_cast<int>(best.slots);
  if (coarse > 64) {
    scan(std::min(batch, static_cast<int>(coarse * 1.08)), static_cast<int>(coarse / 1.08), 1.01);
  }
  return best;
}

}  // namespace

double padded_graph_batch(double per_accelerator) {
  if (!(per_accelerator > 0)) return 0.0;
  if (per_accelerator <= 1) return 1.0;  // a mean occupancy below one sequence runs one
  constexpr double kLastPowerOfTwo = 256, kStep = 128, kLargest = 512;
  if (per_accelerator > kLargest) return per_accelerator;  // no graph so large: run as is
  if (per_accelerator > kLastPowerOfTwo) return kStep * std::ceil(per_accelerator / kStep);
  return std::exp2(std::ceil(std::log2(per_accelerator)));
}

std::string precision_problem(const hardware::Accelerator& a, Precision p) {
  if (multiplies_in(a, p)) return "";
  return fmt::format(
      "{} has no FP4 products (its catalog entry gives no fp4_dense): use fp8 or bf16", a.id);
}

// Unless the setup says, as the weights, but FP4 weights keep an FP8 cache (TensorRT-LLM's
// NVFP4 checkpoints quantise the cache to FP8, not to 4 bits).
Precision kv_cache_precision(const ServeSetup& s) {
  if (s.kv_cache) return *s.kv_cache;
  return s.precision == Precision::bf16 ? Precision::bf16 : Precision::fp8;
}

std::string expert_parallel_problem(const TransformerModel& model, const ServeSetup& s) {
  if (!s.expert_parallel) return "";
  if (!model.is_moe()) {
    return fmt::format(
        "{} is a dense model: it has no experts to spread over the replica (expert_parallel "
        "needs a mixture of experts)",
        model.id);
  }
  if (model.experts % s.tp != 0) {
    return fmt::format(
        "the {} routed experts of {} do not spread evenly over {} accelerators: give a replica "
        "size that divides them",
        model.experts, model.id, s.tp);
  }
  return "";
}

std::string speculation_problem(const TransformerModel& model, const ServeSetup& s) {
  if (s.speculative.draft_tokens == 0 || s.speculative.draft_layers <= model.layers) return "";
  return fmt::format(
      "a draft of {:g} layers costs more than {} itself ({} layers): speculation pays only "
      "with a draft much cheaper than the model",
      s.speculative.draft_layers, model.id, model.layers);
}

ServeEstimate estimate_serving(const TransformerModel& model, const Platform& platform,
                               const ServeSetup& setup) {
  const hardware::Accelerator& a = platform.system.accelerator;
  ServeEstimate out;
  if (!multiplies_in(a, setup.precision)) {
    out.limited_by = "precision";
    return out;
  }
  const Replica r(model, platform, setup);
  // Paged KV cache (Kwon et al. 2023, vLLM): what the weights and the runtime leave of the
  // replica's HBM holds KV blocks, allocated as sequences grow.
  const double free = r.n * (a.hbm_capacity.value() - platform.efficiency.memory_reserve.value()) -
                      r.stored_weights();
  out.kv_capacity_tokens = std::max(0.0, free / r.cached_per_token());
  double most = std::floor(out.kv_capacity_tokens / r.context());
  out.limited_by = "memory";
  if (setup.max_batch > 0 && setup.max_batch < most) {
    most = setup.max_batch;
    out.limited_by = "max_batch";
  }
  out.prefill_s = r.prefill();
  out.tokens_per_iteration = r.accepted();
  out.fits = most >= 1;
  if (!out.fits) return out;
  // The largest batch whose iteration meets the targets: both grow with the batch.
  const auto meets = [&](double batch, const char** reason) {
    const double iteration = r.iteration(batch);
    if (setup.tpot_s > 0 && r.tpot_of(iteration) > setup.tpot_s) {
      *reason = "tpot";
      return false;
    }
    const double ttft = out.prefill_s + iteration;
    if (setup.ttft_s > 0 && ttft > setup.ttft_s) {
      *reason = "ttft";
      return false;
    }
    return true;
  };
  const char* reason = out.limited_by;
  double batch = most;
  if (!meets(batch, &reason)) {
    double lo = 0, hi = most;  // meets(lo) or lo = 0; not meets(hi)
    while (hi - lo > 1) {
      const double mid = std::floor((lo + hi) / 2.0);
      const char* ignored = "";
      (meets(mid, &ignored) ? lo : hi) = mid;
    }
    batch = lo;
    out.limited_by = reason;
  }
  // No batch meets the targets: no throughput; what one request alone would see.
  const auto alone = [&] {
    out.batch = 0;
    out.decode_step_s = r.decode_step(1.0);
    out.tpot_s = r.tpot(1.0);
    out.ttft_s = out.prefill_s + r.iteration(1.0);
    return out;
  };
  if (batch < 1) return alone();
  Loaded load{batch, batch, 0.0, batch / r.tpot(batch)};
  if (setup.percentile > 0 && setup.ttft_s > 0) {
    // The wait for a slot and for the prompts ahead, at the percentile, bounds the throughput.
    load = best_load(r, setup, static_cast<int>(batch), out.prefill_s);
    // Fewer slots than the targets and the memory allow: the waits chose them.
    if (load.slots < batch) out.limited_by = "ttft";
    if (load.tokens_per_s <= 0) return alone();
  }
  out.batch = load.slots;
  out.occupancy = load.occupancy;
  double compute_share = 0;
  out.decode_step_s = r.decode_step(load.occupancy, &compute_share);
  const double iteration = r.iteration(load.occupancy);
  out.tpot_s = r.tpot(load.slots);
  out.ttft_s = out.prefill_s + r.iteration(load.slots) + load.wait_s;
  out.tokens_per_s_replica = load.tokens_per_s;
  // Power as in training: computing for the products' share of a decode step, streaming
  // memory (at the communication activity) for the read's. Prefill computes.
  const auto watts = [&](double computing) {
    return accelerator_power_w(a, platform.efficiency, computing, 1.0 - computing);
  };
  double accelerators = r.n;
  double power = 0;
  if (setup.disaggregated) {
    // Each prefill replica of the same size serves 1 / prefill_cost requests per second.
    const double requests = out.tokens_per_s_replica / setup.output_tokens;
    const double prefill_replicas = requests * r.prefill_cost();
    accelerators = r.n * (1.0 + prefill_replicas);
    out.prefill_share = prefill_replicas / (1.0 + prefill_replicas);
    power = r.n * watts(compute_share) + prefill_replicas * r.n * watts(1.0);
  } else {
    // The iteration's prefills compute for their share of its balanced pace; the ranks
    // that wait for the busiest one idle at the communication activity.
    const double balanced = iteration * r.balance();
    const double prefilling = (balanced - out.decode_step_s) / balanced;
    power = r.n * watts(r.balance() * (prefilling + (1.0 - prefilling) * compute_share));
  }
  out.tokens_per_s_accelerator = out.tokens_per_s_replica / accelerators;
  out.joules_per_token = power / out.tokens_per_s_replica;
  out.watts_per_accelerator = power / accelerators;
  return out;
}

}  // namespace gigasim::perf
