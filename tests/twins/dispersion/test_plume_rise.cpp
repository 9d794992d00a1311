// Briggs plume rise against values computed by hand from the ISC3 / Briggs formulas for documented stacks
// (g = 9.80665 m/s^2). Numbers quoted to 7+ significant digits; tolerance 1e-6 relative covers the quoting.
#include <catch2/catch.hpp>

#include <cmath>

#include "base/error.hpp"
#include "twins/dispersion/eulerian_model.hpp"
#include "twins/dispersion/plume_model.hpp"
#include "twins/dispersion/plume_rise.hpp"

using namespace twinlab::twins::dispersion;

namespace {
constexpr double kRel = 1e-6;
}

TEST_CASE("Large buoyant stack, neutral (F_b >= 55)", "[dispersion][rise]") {
  // d = 4 m, v = 20 m/s, Ts = 420 K, Ta = 290 K, u(stack) = 6 m/s, class D.
  // F_b = 9.80665 * 20 * 16 * 130 / (4 * 420) = 242.8313 m^4/s^3
  // dT_c = 0.00575 * 420 * 20^(2/3) / 4^(1/3) = 11.2094 K < 130 K  -> buoyancy dominated
  // dh = 38.71 * 242.8313^0.6 / 6 = 174.1224 m, x_f = 119 * 242.8313^0.4 = 1070.703 m
  const StackExit stack{4.0, 20.0, 420.0};
  CHECK(buoyancy_flux_m4_s3(stack, 290.0) == Approx(242.8313333).epsilon(kRel));
  CHECK(momentum_flux_m4_s2(stack, 290.0) == Approx(400.0 * 16.0 * 290.0 / (4.0 * 420.0)).epsilon(1e-14));
  const PlumeRise r = briggs_plume_rise(stack, 290.0, 6.0, StabilityClass::D);
  CHECK(r.regime == RiseRegime::Buoyant);
  CHECK_FALSE(r.stable);
  CHECK(r.final_rise_m == Approx(174.1224445).epsilon(kRel));
  CHECK(r.distance_to_final_rise_m == Approx(1070.702585).epsilon(kRel));
  // Gradual rise at 100 m: 1.6 * 242.8313^(1/3) * 100^(2/3) / 6 = 35.84294 m.
  CHECK(gradual_plume_rise_m(r, 100.0) == Approx(35.84294125).epsilon(kRel));
  // The 2/3 law meets the final rise at x_f (Briggs' constants are rounded: 0.1%), and is capped beyond.
  CHECK(gradual_plume_rise_m(r, r.distance_to_final_rise_m * 0.999999) == Approx(r.final_rise_m).epsilon(1e-3));
  CHECK(gradual_plume_rise_m(r, 5000.0) == r.final_rise_m);
  CHECK(gradual_plume_rise_m(r, 0.0) == 0.0);
}

TEST_CASE("Small buoyant stack, unstable (F_b < 55)", "[dispersion][rise]") {
  // d = 1 m, v = 10 m/s, Ts = 400 K, Ta = 290 K, u = 4 m/s, class C.
  // F_b = 9.80665 * 10 * 1 * 110 / 1600 = 6.742072; dT_c = 0.0297 * 400 * 10^(1/3) / 1 = 25.5947 K < 110 K
  // dh = 21.425 * 6.742072^0.75 / 4 = 22.41072 m; x_f = 49 * 6.742072^0.625 = 161.5072 m
  const PlumeRise r = briggs_plume_rise({1.0, 10.0, 400.0}, 290.0, 4.0, StabilityClass::C);
  CHECK(r.buoyancy_flux_m4_s3 == Approx(6.742071875).epsilon(kRel));
  CHECK(r.regime == RiseRegime::Buoyant);
  CHECK(r.final_rise_m == Approx(22.41072327).epsilon(kRel));
  CHECK(r.distance_to_final_rise_m == Approx(161.5072198).epsilon(kRel));
}

TEST_CASE("Momentum-dominated rise, unstable/neutral", "[dispersion][rise]") {
  SECTION("ambient exit temperature") {
    // d = 1 m, v = 15 m/s, Ts = Ta, u = 5 m/s: dh = 3 d v / u = 9 m.
    const PlumeRise r = briggs_plume_rise({1.0, 15.0, 0.0}, 293.15, 5.0, StabilityClass::B);
    CHECK(r.buoyancy_flux_m4_s3 == 0.0);
    CHECK(r.regime == RiseRegime::Momentum);
    CHECK(r.final_rise_m == Approx(9.0).epsilon(1e-14));
    // Gradual jet rise at 10 m: (3 F_m x / (beta^2 u^2))^(1/3), F_m = 56.25, beta = 1/3 + 5/15 = 2/3:
    // (3 * 56.25 * 10 / (4/9 * 25))^(1/3) = 151.875^(1/3) = 5.33534 m, below the final 9 m.
    CHECK(gradual_plume_rise_m(r, 10.0) == Approx(5.33533996).epsilon(kRel));
  }
  SECTION("warm but below the crossover temperature difference") {
    // d = 0.5 m, v = 30 m/s, Ts = 300 K, Ta = 293.15 K: dT = 6.85 K, F_b = 0.4198 < 55,
    // dT_c = 0.0297 * 300 * 30^(1/3) / 0.5^(2/3) = 43.94 K > dT -> momentum: 3 * 0.5 * 30 / 5 = 9 m.
    const PlumeRise r = briggs_plume_rise({0.5, 30.0, 300.0}, 293.15, 5.0, StabilityClass::D);
    CHECK(r.regime == RiseRegime::Momentum);
    CHECK(r.final_rise_m == Approx(9.0).epsilon(1e-14));
  }
}

TEST_CASE("Stable rise", "[dispersion][rise]") {
  SECTION("buoyant, class E") {
    // d = 2 m, v = 15 m/s, Ts = 450 K, Ta = 285 K, u = 3 m/s, dtheta/dz = 0.020 K/m.
    // s = 9.80665 * 0.020 / 285 = 6.881860e-4 1/s^2; F_b = 9.80665 * 15 * 4 * 165 / 1800 = 53.93658
    // dT_c = 0.019582 * 450 * 15 * sqrt(s) = 3.4675 K < 165 K -> buoyant
    // dh = 2.6 * (53.93658 / (3 s))^(1/3) = 77.14814 m, x_f = 2.0715 * 3 / sqrt(s) = 236.8936 m
    const PlumeRise r = briggs_plume_rise({2.0, 15.0, 450.0}, 285.0, 3.0, StabilityClass::E);
    CHECK(r.stable);
    CHECK(r.stability_parameter_1_s2 == Approx(6.881859649e-4).epsilon(kRel));
    CHECK(r.regime == RiseRegime::Buoyant);
    CHECK(r.final_rise_m == Approx(77.14813783).epsilon(kRel));
    CHECK(r.distance_to_final_rise_m == Approx(236.8935776).epsilon(kRel));
    // Stable rise is lower than the neutral rise of the same stack and wind (class D would give
    // 21.425 * 53.93658^0.75 / 3 = 142.1 m).
    CHECK(r.final_rise_m < briggs_plume_rise({2.0, 15.0, 450.0}, 285.0, 3.0, StabilityClass::D).final_rise_m);
  }
  SECTION("momentum, class F, stable formula lower") {
    // d = 1 m, v = 10 m/s, Ts = Ta = 290 K, u = 2 m/s: F_m = 25, s = 9.80665 * 0.035 / 290 = 1.183561e-3
    // stable: 1.5 * (25 / (2 sqrt(s)))^(1/3) = 10.70359 m; neutral 3 * 1 * 10 / 2 = 15 m -> 10.70359 m.
    const PlumeRise r = briggs_plume_rise({1.0, 10.0, 0.0}, 290.0, 2.0, StabilityClass::F);
    CHECK(r.regime == RiseRegime::Momentum);
    CHECK(r.final_rise_m == Approx(10.70359028).epsilon(kRel));
  }
  SECTION("momentum, class E, neutral formula lower") {
    // d = 1 m, v = 5 m/s, Ts = Ta = 290 K, u = 10 m/s: F_m = 6.25, s = 6.763207e-4;
    // stable 1.5 * (6.25 / (10 sqrt(s)))^(1/3) = 4.3287 m > neutral 3 * 1 * 5 / 10 = 1.5 m -> 1.5 m.
    const PlumeRise r = briggs_plume_rise({1.0, 5.0, 0.0}, 290.0, 10.0, StabilityClass::E);
    CHECK(r.final_rise_m == Approx(1.5).epsilon(1e-14));
  }
}

TEST_CASE("No rise without exit flow", "[dispersion][rise]") {
  const double t_exit = GENERATE(0.0, 293.15, 500.0);  // ambient (0 or equal) or hot
  const auto cls = static_cast<StabilityClass>(GENERATE(range(0, 6)));
  const PlumeRise r = briggs_plume_rise({2.0, 0.0, t_exit}, 293.15, 5.0, cls);
  CAPTURE(t_exit, static_cast<int>(cls));
  CHECK(r.regime == RiseRegime::None);
  CHECK(r.final_rise_m == 0.0);
  CHECK(gradual_plume_rise_m(r, 500.0) == 0.0);
  // A zero diameter likewise has no flux.
  CHECK(briggs_plume_rise({0.0, 10.0, t_exit}, 293.15, 5.0, cls).final_rise_m == 0.0);
}

TEST_CASE("Rise falls as the wind strengthens", "[dispersion][rise]") {
  const auto cls = static_cast<StabilityClass>(GENERATE(range(0, 6)));
  const StackExit stack{3.0, 15.0, 400.0};
  CHECK(briggs_plume_rise(stack, 290.0, 8.0, cls).final_rise_m <
        briggs_plume_rise(stack, 290.0, 4.0, cls).final_rise_m);
}

TEST_CASE("Plume rise rejects invalid input", "[dispersion][rise]") {
  using twinlab::base::InputError;
  CHECK_THROWS_AS(briggs_plume_rise({-1.0, 10.0, 400.0}, 290.0, 5.0, StabilityClass::D), twinlab::base::InputError);
  CHECK_THROWS_AS(briggs_plume_rise({1.0, -10.0, 400.0}, 290.0, 5.0, StabilityClass::D), twinlab::base::InputError);
  CHECK_THROWS_AS(briggs_plume_rise({1.0, 10.0, 400.0}, 0.0, 5.0, StabilityClass::D), twinlab::base::InputError);
  CHECK_THROWS_AS(briggs_plume_rise({1.0, 10.0, 400.0}, 290.0, 0.0, StabilityClass::D), twinlab::base::InputError);
}

TEST_CASE("A period's own air temperature drives the buoyancy: a hotter hour gives less rise",
          "[dispersion][rise]") {
  // Small buoyant stack of the case above (d = 1 m, v = 10 m/s, Ts = 400 K, u = 4 m/s, class C): F_b < 55, so
  // dh = 21.425 F_b^3/4 / u with F_b = g v d^2 (Ts - Ta) / (4 Ts). The scenario's ambient is 290 K; one hour of
  // the meteorology gives 310 K (e.g. a file's temperature column), another none (NaN: the ambient applies).
  Meteorology met;
  met.ambient_temperature_K = 290.0;
  MeteorologyPeriod cool = routine_period(0.0, 4.0, 270.0, StabilityClass::C);
  MeteorologyPeriod hot = routine_period(3600.0, 4.0, 270.0, StabilityClass::C);
  hot.temperature_K = 310.0;
  CHECK(period_ambient_temperature_K(met, cool) == 290.0);
  CHECK(period_ambient_temperature_K(met, hot) == 310.0);
  const StackExit stack{1.0, 10.0, 400.0};
  const PlumeRise r_cool = briggs_plume_rise(stack, period_ambient_temperature_K(met, cool), 4.0, StabilityClass::C);
  const PlumeRise r_hot = briggs_plume_rise(stack, period_ambient_temperature_K(met, hot), 4.0, StabilityClass::C);
  // F_b(310 K) = 9.80665 * 10 * 90 / 1600 = 5.516241; dh = 21.425 * 5.516241^0.75 / 4 = 19.22327 m (vs 22.41072 m
  // at 290 K): the ratio is (90/110)^(3/4) = 0.8602.
  CHECK(r_hot.buoyancy_flux_m4_s3 == Approx(9.80665 * 10.0 * 90.0 / 1600.0).epsilon(1e-14));
  CHECK(r_hot.final_rise_m == Approx(21.425 * std::pow(9.80665 * 90.0 / 160.0, 0.75) / 4.0).epsilon(1e-12));
  CHECK(r_hot.final_rise_m / r_cool.final_rise_m == Approx(std::pow(90.0 / 110.0, 0.75)).epsilon(1e-12));
}

TEST_CASE("Both models take each hour's temperature for the plume rise", "[dispersion][rise]") {
  Config c;
  c.domain = {0.0, 2000.0, -500.0, 500.0, 500.0};
  c.meteorology.ambient_temperature_K = 290.0;
  c.meteorology.wind_profile = WindProfileKind::Uniform;
  c.meteorology.periods = {routine_period(0.0, 4.0, 270.0, StabilityClass::C),
                           routine_period(3600.0, 4.0, 270.0, StabilityClass::C)};
  c.meteorology.periods[1].temperature_K = 310.0;
  Source s;
  s.name = "stack";
  s.height_m = 30.0;
  s.diameter_m = 1.0;
  s.exit_velocity_m_s = 10.0;
  s.exit_temperature_K = 400.0;
  s.emission_rate_kg_s = 1.0;
  c.sources = {s};
  const double cool_rise = 21.425 * std::pow(9.80665 * 110.0 / 160.0, 0.75) / 4.0;  // 22.41 m
  const double hot_rise = 21.425 * std::pow(9.80665 * 90.0 / 160.0, 0.75) / 4.0;   // 19.22 m
  // Plume model.
  CHECK(plume_sources_for_period(c, 0).front().effective_height_m == Approx(30.0 + cool_rise).epsilon(1e-12));
  CHECK(plume_sources_for_period(c, 1).front().effective_height_m == Approx(30.0 + hot_rise).epsilon(1e-12));
  // Eulerian model.
  CHECK(effective_source_height_m(c, s, c.meteorology.periods[0]) == Approx(30.0 + cool_rise).epsilon(1e-12));
  CHECK(effective_source_height_m(c, s, c.meteorology.periods[1]) == Approx(30.0 + hot_rise).epsilon(1e-12));
}
