// Calendar days of the simulated horizon.
#pragma once

#include <chrono>

namespace gigasim::core {

/// Day of the year (0..364) of a date; the 29th of February counts as the 28th, so that every
/// year has 365 days, as the weather years do.
int day_of_year(std::chrono::sys_days date);

}  // namespace gigasim::core
