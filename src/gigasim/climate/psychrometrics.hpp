// Moist-air relations used by the weather generator and the EPW reader.
#pragma once

namespace gigasim::climate {

/// Standard sea-level pressure, hPa.
inline constexpr double kSeaLevelPressureHpa = 1013.25;

/// Saturation vapour pressure over water in hPa, Magnus form with the coefficients of
/// Alduchov & Eskridge (1996), J. Appl. Meteor. 35, 601-609: 6.1094 exp(17.625 T/(T+243.04)).
double saturation_vapour_pressure_hpa(double dry_bulb_c);

/// Dew point (°C) from air temperature and relative humidity (fraction), inverting the same
/// Magnus form.
double dew_point_c(double dry_bulb_c, double relative_humidity);

/// Dew point (°C) of air holding a vapour pressure (hPa): the same Magnus form inverted.
double dew_point_of_vapour_c(double vapour_pressure_hpa);

/// The elevations (m) at which sites are accepted: from the Dead Sea shore to above the
/// highest airports, inside the standard atmosphere's troposphere formula below.
inline constexpr double kLowestElevationM = -500.0;
inline constexpr double kHighestElevationM = 9000.0;

/// Standard-atmosphere pressure (hPa) at an elevation (m): 1013.25 (1 − 2.25577e-5 z)^5.2559,
/// ASHRAE Handbook — Fundamentals (2017), chapter 1, equation 3. Valid to 11 km.
double pressure_at_elevation_hpa(double elevation_m);

/// Wet-bulb temperature (°C) from air temperature and relative humidity (fraction), by
/// Stull (2011), "Wet-bulb temperature from relative humidity and air temperature",
/// J. Appl. Meteor. Climatol. 50, 2267-2269. Valid for RH 5-99 % and -20..50 °C at sea-level
/// pressure, with errors within about ±1 K; RH is clamped to that range, and the result to
/// at most the dry bulb.
double wet_bulb_stull_c(double dry_bulb_c, double relative_humidity);

/// Humidity ratio (kg water per kg dry air) of air at a dry bulb and wet bulb (°C) and a
/// pressure (hPa): w = 0.622 e / (p − e), e from the psychrometer equation below.
double humidity_ratio(double dry_bulb_c, double wet_bulb_c, double pressure_hpa);

/// Humidity ratio of saturated air at a temperature (°C) and pressure (hPa).
double saturation_humidity_ratio(double temperature_c, double pressure_hpa);

/// Specific enthalpy of moist air, kJ per kg of dry air: 1.006 T + w (2501 + 1.86 T)
/// (ASHRAE Handbook — Fundamentals 2017, ch. 1, eq. 32).
double moist_air_enthalpy_kj_per_kg(double temperature_c, double humidity_ratio);

/// Thermodynamic wet-bulb temperature (°C) at a pressure (hPa): the root T_w of the
/// psychrometer equation of WMO-No. 8 (Guide to Instruments and Methods of Observation,
/// 2018 edition, Vol. I, Annex 4.B),
///   e = e_s(T_w) − 6.53e-4 (1 + 9.44e-4 T_w) p (T − T_w),
/// with e = RH · e_s(T), solved by Newton's method (to 1e-4 K) from the one-third rule
/// (a third of the way from the dry bulb to the dew point). Lower
/// pressure (altitude) brings the wet bulb closer to the dew point. Over water below 0 °C too
/// (no ice bulb): cooling towers and evaporative coolers do not run there.
double wet_bulb_c(double dry_bulb_c, double relative_humidity, double pressure_hpa);

/// The same root from the vapour pressure `vapour_hpa` and its dew point `dew_point_c`
/// (the lower end of the bracket), for callers that already know both: the weather
/// generator draws the dew point and need not take its logarithm back.
double wet_bulb_of_vapour_c(double dry_bulb_c, double vapour_hpa, double dew_point_c,
                            double pressure_hpa);

}  // namespace gigasim::climate
