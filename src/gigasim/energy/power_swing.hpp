// Power swings of synchronous training at the grid: every iteration alternates a compute
// phase near full power with a communication phase near idle, so a large job's power is a
// rectangular wave whose period is its step time. Grid operators limit such oscillations in
// the 0.1–20 Hz band (Choukse et al. 2025, "Power Stabilization for AI Training
// Datacenters", arXiv:2508.14318; docs/models/energy.md, "Power swings").
#pragma once

namespace gigasim::energy {

/// The band in which a grid operator limits oscillations.
struct FrequencyBand {
  double low_hz = 0.1;
  double high_hz = 20.0;
};

/// The oscillation within `band` of a rectangular wave of unit height (1 for `duty` of each
/// period of `period_s`, 0 for the rest): the peak-to-peak amplitude of its strongest
/// harmonic in the band, as an oscillation monitor reports it (the largest spectral line).
/// The wave's Fourier series is d + Σ_k (2 / (kπ)) sin(kπd) cos(2πk t / T − kπd), so
/// harmonic k = f·T has a peak-to-peak of (4 / (kπ)) |sin(kπd)|: 4/π ≈ 1.27 for a square
/// wave in the band, small for a period far longer than the band's lowest frequency.
double band_oscillation(double period_s, double duty, const FrequencyBand& band);

/// One training job's iteration at the accelerators: `high_w` while computing (a share
/// `duty` of each `period_s`), `low_w` for the rest, per accelerator.
struct IterationPower {
  double period_s = 0;
  double duty = 0;
  double high_w = 0;
  double low_w = 0;
};

/// What a power floor (the accelerator kept at `floor_w` or more while it communicates, as
/// the power smoothing of NVIDIA GB200/GB300 allows) leaves of the swing, and what it
/// costs: the swing per accelerator, and the mean power added per accelerator.
struct FlooredSwing {
  double swing_w = 0;
  double extra_w = 0;
};
FlooredSwing apply_floor(const IterationPower& p, double floor_w);

}  // namespace gigasim::energy
