// Moist-air relations used by the weather generator and the EPW reader.
#pragma once

namespace gigasim::climate {

/// Saturation vapour pressure over water in hPa, Magnus form with the coefficients of
/// Alduchov & Eskridge (1996), J. Appl. Meteor. 35, 601-609: 6.1094 exp(17.625 T/(T+243.04)).
double saturation_vapour_pressure_hpa(double dry_bulb_c);

/// Dew point (°C) from air temperature and relative humidity (fraction), inverting the same
/// Magnus form.
double dew_point_c(double dry_bulb_c, double relative_humidity);

/// Wet-bulb temperature (°C) from air temperature and relative humidity (fraction), by
/// Stull (2011), "Wet-bulb temperature from relative humidity and air temperature",
/// J. Appl. Meteor. Climatol. 50, 2267-2269. Valid for RH 5-99 % and -20..50 °C at sea-level
/// pressure, with errors within about ±1 K; RH is clamped to that range, and the result to
/// at most the dry bulb.
double wet_bulb_stull_c(double dry_bulb_c, double relative_humidity);

}  // namespace gigasim::climate
