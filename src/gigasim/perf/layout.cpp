#include "gigasim/perf/layout.hpp"

#include <fmt/format.h>

namespace gigasim::perf {

std::string_view to_string(Recompute r) {
  switch (r) {
    case Recompute::none:
      return "none";
    case Recompute::selective:
      return "selective";
    case Recompute::full:
      return "full";
  }
  return "?";
}

std::string_view to_string(ZeroStage z) {
  switch (z) {
    case ZeroStage::none:
      return "none";
    case ZeroStage::zero1:
      return "zero1";
    case ZeroStage::zero2:
      return "zero2";
    case ZeroStage::zero3:
      return "zero3";
  }
  return "?";
}

std::string_view to_string(Precision p) {
  switch (p) {
    case Precision::bf16:
      return "bf16";
    case Precision::fp8:
      return "fp8";
    case Precision::fp4:
      return "fp4";
  }
  return "?";
}

std::string_view to_string(Schedule s) {
  switch (s) {
    case Schedule::one_f_one_b:
      return "1f1b";
    case Schedule::zb_h1:
      return "zb-h1";
    case Schedule::zb_h2:
      return "zb-h2";
    case Schedule::dualpipe:
      return "dualpipe";
  }
  return "1f1b";
}

namespace {

// Every constraint, once. `fail(field, make_message)` is called for each broken one;
// make_message builds the text only if the caller wants it, so the search's fast path
// allocates nothing.
template <class Fail>
void check(const TransformerModel& m, const Layout& l, std::int64_t gpus, int scale_up_domain,
           Fail&& fail) {
  bool positive = true;
  for (auto [name, value] : {std::pair{"tp", l.tp},
                             {"pp", l.pp},
                             {"dp", l.dp},
                             {"cp", l.cp},
                             {"ep", l.ep},
                             {"virtual_stages", l.virtual_stages},
                             {"micro_batch", l.micro_batch},
                             {"global_batch", l.global_batch}}) {
    if (value < 1) {
      // Copies: a lambda may not capture a structured binding before C++20 in clang 14.
      fail(name, [key = name, v = value] {
        return fmt::format("{} must be at least 1, got {}", key, v);
      });
      positive = false;
    }
  }
  if (!positive) return;
  if (l.gpus() != gpus) {
    fail("dp", [&] {
      return fmt::format("gpus ({}) must equal tp·pp·dp·cp = {}·{}·{}·{} = {}", gpus, l.tp, l.pp,
                         l.dp, l.cp, l.gpus());
    });
  }
  if (m.heads % l.tp != 0)
    fail("tp",
         [&] { return fmt::format("heads ({}) must be divisible by tp ({})", m.heads, l.tp); });
  if (m.kv_heads % l.tp != 0 && l.tp % m.kv_heads != 0) {
    fail("tp", [&] {
      return fmt::format("kv_heads ({}) and tp ({}) must divide one another", m.kv_heads, l.tp);
    });
  }
  const bool has_dense_mlp = !m.is_moe() || m.dense_layers > 0;
  if (has_dense_mlp && m.ffn_hidden % l.tp != 0) {
    fail("tp", [&] {
      return fmt::format("ffn_hidden ({}) must be divisible by tp ({})", m.ffn_hidden, l.tp);
    });
  }
  if (m.is_moe() && m.moe_ffn_hidden % l.tp != 0) {
    fail("tp", [&] {
      return fmt::format("moe_ffn_hidden ({}) must be divisible by tp ({})", m.moe_ffn_hidden,
                         l.tp);
    });
  }
  if (l.tp > scale_up_domain) {
    fail("tp", [&] {
      return fmt::format("tp ({}) must fit in one scale-up domain ({} accelerators)", l.tp,
                         scale_up_domain);
    });
  }
  // Layers that do not divide make uneven stages (Megatron-LM's first- and last-stage layer
  // counts); each chunk needs one at least.
  if (l.layer_slots(m.layers) < l.chunks()) {
    fail("pp", [&] {
      return fmt::format(
          "layers ({}{}) must be at least pp·virtual_stages = {}·{} = {}, one per "
          "pipeline chunk",
          m.layers, l.balance_embedding ? " + 2 for the embedding and loss stages" : "", l.pp,
          l.virtual_stages, l.chunks());
    });
  }
  if (l.precision == Precision::fp4)
    fail("precision", [] { return std::string(kFp4IsForServing); });
  if (l.virtual_stages > 1 && l.pp == 1)
    fail("virtual_stages", [] { return std::string("virtual_stages > 1 needs pp > 1"); });
  if (l.balance_embedding && l.pp == 1)
    fail("balance_embedding", [] { return std::string("balance_embedding needs pp > 1"); });
  // Products of two degrees in 64 bits: each may be up to 10 million.
  const std::int64_t dp_micro = static_cast<std::int64_t>(l.dp) * l.micro_batch;
  if (l.global_batch % dp_micro != 0) {
    fail("global_batch", [&] {
      return fmt::format("global_batch ({}) must be divisible by dp·micro_batch = {}·{} = {}",
                         l.global_batch, l.dp, l.micro_batch, dp_micro);
    });
  } else if (l.virtual_stages > 1 && l.micro_batches() % l.pp != 0) {
    fail("global_batch", [&] {
      return fmt::format("the interleaved schedule needs micro-batches ({}) divisible by pp ({})",
                         l.micro_batches(), l.pp);
    });
  }
  if (l.schedule != Schedule::one_f_one_b) {
    if (l.pp == 1) {
      fail("schedule",
           [&] { return fmt::format("the {} schedule needs pp > 1", to_string(l.schedule)); });
    } else if (l.virtual_stages > 1) {
      fail("schedule", [&] {
        return fmt::format("the {} schedule has no interleaved form: virtual_stages must be 1",
                           to_string(l.schedule));
      });
    }
    if (l.schedule == Schedule::dualpipe && l.pp % 2 != 0) {
      fail("schedule", [&] {
        return fmt::format(
            "dualpipe runs two pipelines in opposite directions: pp ({}) must be even", l.pp);
      });
    }
  }
  if (l.recompute_layers < 0) {
    fail("recompute_layers", [&] {
      return fmt::format("recompute_layers must be at least 0, got {}", l.recompute_layers);
    });
  } else if (l.recompute_layers > 0) {
    if (l.recompute != Recompute::full) {
      fail("recompute_layers",
           [] { return std::string("recompute_layers needs recompute: full"); });
    } else if (const int stage = l.busiest_stage_layers(m.layers); l.recompute_layers > stage) {
      fail("recompute_layers", [&] {
        return fmt::format("recompute_layers ({}) is more than a stage's {} layers",
                           l.recompute_layers, stage);
      });
    }
  }
  if (!(l.offload_activations >= 0 && l.offload_activations <= 1)) {
    fail("offload_activations", [&] {
      return fmt::format("offload_activations is a share between 0 and 1, got {}",
                         l.offload_activations);
    });
  }
  if (l.cp > 1 && m.seq_len % (2 * l.cp) != 0) {
    fail("cp", [&] {
      return fmt::format(
          "seq_len ({}) must be divisible by 2·cp = {} (load-balanced causal chunks)", m.seq_len,
          2 * l.cp);
    });
  }
  if (m.is_moe()) {
    if (m.experts % l.ep != 0) {
      fail("ep", [&] {
        return fmt::format("experts ({}) must be divisible by ep ({})", m.experts, l.ep);
      });
    }
    const std::int64_t dp_cp = static_cast<std::int64_t>(l.dp) * l.cp;
    if (dp_cp % l.ep != 0) {
      fail("ep", [&] {
        return fmt::format(
            "ep ({}) must divide dp·cp = {} (experts are spread over data-parallel ranks)", l.ep,
            dp_cp);
      });
    }
  } else if (l.ep != 1) {
    fail("ep", [&] { return fmt::format("ep must be 1 for a dense model, got {}", l.ep); });
  }
}

}  // namespace

std::vector<Violation> check_layout(const TransformerModel& m, const Layout& l, std::int64_t gpus,
                                    int scale_up_domain) {
  std::vector<Violation> v;
  check(m, l, gpus, scale_up_domain, [&v](const char* field, auto&& message) {
    v.push_back({field, message()});
  });
  return v;
}

bool layout_possible(const TransformerModel& m, const Layout& l, std::int64_t gpus,
                     int scale_up_domain) {
  bool ok = true;
  check(m, l, gpus, scale_up_domain, [&ok](const char*, auto&&) { ok = false; });
  return ok;
}

}  // namespace gigasim::perf
