#include "gigasim/core/calendar.hpp"

#include <algorithm>

namespace gigasim::core {

int day_of_year(std::chrono::sys_days date) {
  using namespace std::chrono;
  const year_month_day ymd{date};
  const sys_days jan1{ymd.year() / January / 1};
  int d = static_cast<int>((date - jan1).count());
  if (ymd.year().is_leap() && ymd.month() > February) --d;
  return std::min(d, 364);
}

}  // namespace gigasim::core
