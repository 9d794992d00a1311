// twins/dispersion/eulerian_profiles: the per-period profiles interface and today's mappings onto it.
#include <catch2/catch.hpp>

#include <cmath>

#include "base/error.hpp"
#include "sim/structured_grid.hpp"
#include "twins/dispersion/boundary_layer_profiles.hpp"
#include "twins/dispersion/briggs_sigma.hpp"
#include "twins/dispersion/eulerian_model.hpp"
#include "twins/dispersion/eulerian_profiles.hpp"
#include "twins/dispersion/similarity_sigma.hpp"
#include "twins/dispersion/wind_profile.hpp"

using namespace twinlab::twins::dispersion;

namespace {

Config site_config() {
  Config c;
  c.domain = {0.0, 2000.0, -500.0, 500.0, 500.0};
  c.meteorology.periods = {routine_period(0.0, 4.0, 270.0, StabilityClass::C, 300.0)};
  c.eulerian.nz = 12;
  c.eulerian.first_layer_m = 2.0;
  c.eulerian.reference_distance_m = 1500.0;
  return c;
}

}  // namespace

TEST_CASE("Briggs-fitted profiles on stretched layers: u(z) at centres, K = u sigma^2 / (2 x_ref)") {
  const Config c = site_config();
  const LayerHeights layers = layer_heights(eulerian_grid(c));
  REQUIRE(layers.centres_m.size() == 12);
  REQUIRE(layers.faces_m.size() == 13);
  CHECK(layers.faces_m[1] == Approx(2.0));
  CHECK(layers.centres_m[0] == Approx(1.0));
  const MeteorologyPeriod& p = c.meteorology.periods[0];
  const VerticalProfiles v = briggs_fitted_profiles(c, p, layers);
  const WindProfile wind = wind_profile_for(c.meteorology, p);
  const double sy = briggs_sigma_y_m(StabilityClass::C, Terrain::Rural, 1500.0);
  const double sz = briggs_sigma_z_m(StabilityClass::C, Terrain::Rural, 1500.0);
  for (std::size_t k = 0; k < 12; ++k) {
    CHECK(v.wind_speed_m_s[k] == Approx(wind.speed_at(layers.centres_m[k])).epsilon(1e-14));
    CHECK(v.kh_m2_s[k] == Approx(wind.speed_at(layers.centres_m[k]) * sy * sy / 3000.0).epsilon(1e-14));
  }
  for (std::size_t f = 0; f < 13; ++f)
    CHECK(v.kz_face_m2_s[f] == Approx(wind.speed_at(std::max(layers.faces_m[f], 1.0)) * sz * sz / 3000.0).epsilon(1e-14));

  // The transport coefficients: direction (a west wind blows towards +x), the 300 m lid closes the faces above it.
  const twinlab::sim::TransportCoefficients t = eulerian_transport(c, p, layers, v);
  for (std::size_t k = 0; k < 12; ++k) {
    CHECK(t.u_m_s[k] == Approx(v.wind_speed_m_s[k]).epsilon(1e-14));
    CHECK(std::abs(t.v_m_s[k]) < 1e-12 * v.wind_speed_m_s[k]);
  }
  for (std::size_t f = 0; f < 13; ++f) CHECK((t.kz_face_m2_s[f] == 0.0) == (layers.faces_m[f] > 300.0));
}

TEST_CASE("The profile interface: any arrays of the right size are used as given, wrong ones are refused") {
  Config c = site_config();
  c.eulerian.diffusivity = DiffusivityMode::Constant;
  c.eulerian.kh_m2_s = 7.0;
  c.eulerian.kz_m2_s = 0.3;
  const LayerHeights layers = layer_heights(eulerian_grid(c));
  const VerticalProfiles v = period_profiles(c, c.meteorology.periods[0], layers);
  CHECK(v.kh_m2_s == std::vector<double>(12, 7.0));
  CHECK(v.kz_face_m2_s == std::vector<double>(13, 0.3));
  // A model's own profile (what a similarity model will hand over) goes straight into the coefficients.
  VerticalProfiles own = v;
  for (std::size_t f = 0; f < 13; ++f) own.kz_face_m2_s[f] = 0.4 * 0.3 * layers.faces_m[f];  // K = kappa u* z
  c.meteorology.periods[0].mixing_height_m = 0.0;
  const twinlab::sim::TransportCoefficients t = eulerian_transport(c, c.meteorology.periods[0], layers, own);
  CHECK(t.kz_face_m2_s == own.kz_face_m2_s);
  // Bad profiles fail with the key named.
  own.kh_m2_s.pop_back();
  CHECK_THROWS_WITH(eulerian_transport(c, c.meteorology.periods[0], layers, own),
                    Catch::Contains("eulerian.profiles.kh_m2_s") && Catch::Contains("needs 12 values"));
  own = v;
  own.kz_face_m2_s[3] = -1.0;
  CHECK_THROWS_AS(eulerian_transport(c, c.meteorology.periods[0], layers, own), twinlab::base::InputError);
}

TEST_CASE("turbulence: similarity gives the Eulerian model the Monin-Obukhov profiles of the period") {
  Config c = site_config();
  const LayerHeights layers = layer_heights(eulerian_grid(c));
  const MeteorologyPeriod& p = c.meteorology.periods[0];
  const VerticalProfiles briggs = period_profiles(c, p, layers);
  c.meteorology.turbulence = TurbulenceModel::Similarity;
  const VerticalProfiles similarity = period_profiles(c, p, layers);
  // The seam: exactly the profiles unit's wind and K_z.
  const EulerianProfiles direct = similarity_profiles_for_period(c.meteorology, p, layers.faces_m, 500.0);
  CHECK(similarity.wind_speed_m_s == direct.wind_speed_m_s);
  CHECK(similarity.kz_face_m2_s == direct.vertical_diffusivity_m2_s);
  // K_h: the plume's own sigma_y (similarity_sigma, effective parameters; the site has no source, so a ground
  // release) at the travel distance, the domain's longer side (2000 m), as the apparent diffusivity
  // sigma_y^2 / (2 t), t = 2000 m / u_e: a puff carried for t then has the plume's sigma_y. The same at every height.
  const BoundaryLayerState state = resolve_boundary_layer(c.meteorology, p);
  CHECK(lateral_travel_distance_m(c) == 2000.0);
  const SimilaritySigma at_2000 = similarity_sigma(state, 0.0, 2000.0);
  const double t_2000 = 2000.0 / at_2000.effective.wind_speed_m_s;
  for (double kh : similarity.kh_m2_s)
    CHECK(kh == Approx(at_2000.sigma_y_m * at_2000.sigma_y_m / (2.0 * t_2000)).epsilon(1e-12));
  // A given travel distance replaces the domain's side: near the source Taylor's sigma_y grows like sigma_v t,
  // so the apparent K_h is smaller (sigma_v^2 t / 2 in the limit): here 10 times less at 20 m than at 2000 m.
  c.eulerian.lateral_travel_distance_m = 20.0;
  const VerticalProfiles near = period_profiles(c, p, layers);
  const SimilaritySigma at_20 = similarity_sigma(state, 0.0, 20.0);
  CHECK(near.kh_m2_s[0] == Approx(at_20.sigma_y_m * at_20.sigma_y_m * at_20.effective.wind_speed_m_s / 40.0)
                               .epsilon(1e-12));
  CHECK(near.kh_m2_s[0] < 0.1 * similarity.kh_m2_s[0]);
  CHECK(similarity.kz_face_m2_s != briggs.kz_face_m2_s);
  // Near the ground K_z grows with height (surface layer, kappa u* z / phi_h) in both, and stays finite.
  CHECK(similarity.kz_face_m2_s[2] > similarity.kz_face_m2_s[1]);
  for (double k : similarity.kz_face_m2_s) CHECK(std::isfinite(k));
  // Constant K stays constant whatever the turbulence model.
  c.eulerian.diffusivity = DiffusivityMode::Constant;
  CHECK(period_profiles(c, p, layers).kh_m2_s == constant_profiles(c, p, layers).kh_m2_s);
}
