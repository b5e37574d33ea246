#include "gigasim/facility/power_chain.hpp"

namespace gigasim::facility {

PowerChainLosses power_chain_losses(const PowerChainSpec& spec, double it_w, double mechanical_w,
                                    double rated_it_w) {
  PowerChainLosses l;
  l.distribution_w = spec.distribution.loss(it_w, rated_it_w);
  const double ups_out = it_w + l.distribution_w;
  l.ups_w = spec.ups.loss(ups_out, rated_it_w);
  const double transformer_out = ups_out + l.ups_w + mechanical_w;
  // The transformer is rated for the IT load plus the mechanical plant at design (about
  // 1.3 × IT), so that its square-law term stays modest.
  l.transformer_w = spec.transformer.loss(transformer_out, 1.3 * rated_it_w);
  return l;
}

}  // namespace gigasim::facility
