// surrogates/field_pod: POD of synthetic fields of known rank, with and without gaps.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "surrogates/field_pod.hpp"

using namespace twinlab::surrogates;

namespace {

// count snapshots of `cells` values: mean + sum_k a_rk phi_k with 3 fixed non-orthogonal shapes phi_k and
// random amplitudes of variances 9 : 4 : 1 -> rank 3 after centring.
std::vector<double> rank3_snapshots(std::size_t count, std::size_t cells, std::uint64_t seed) {
  std::mt19937_64 engine(seed);
  std::normal_distribution<double> n(0.0, 1.0);
  std::vector<double> out;
  for (std::size_t r = 0; r < count; ++r) {
    const double a0 = 3.0 * n(engine), a1 = 2.0 * n(engine), a2 = n(engine);
    for (std::size_t c = 0; c < cells; ++c) {
      const double x = static_cast<double>(c) / static_cast<double>(cells);
      out.push_back(5.0 + a0 * std::sin(3.0 * x) + a1 * std::cos(7.0 * x) + a2 * x * x);
    }
  }
  return out;
}

double max_abs_difference(const std::vector<double>& a, std::span<const double> b) {
  double m = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) m = std::max(m, std::abs(a[i] - b[i]));
  return m;
}

}  // namespace

TEST_CASE("POD of a rank-3 field keeps 3 modes and reconstructs every snapshot exactly", "[pod]") {
  // Both code paths: fewer snapshots than cells (Gram matrix) and more snapshots than cells (BDCSVD).
  const auto [count, cells] = GENERATE(std::pair<std::size_t, std::size_t>{40, 300}, std::pair<std::size_t, std::size_t>{200, 50});
  CAPTURE(count, cells);
  const std::vector<double> s = rank3_snapshots(count, cells, 1);
  PodOptions o;
  o.energy_fraction = 0.999999;
  const PodBasis b = fit_pod(s, count, cells, o);
  REQUIRE(b.modes == 3);
  // Energy fractions sum to 1 (rank 3) and are ordered; the amplitudes' variances 9 : 4 : 1 on shapes of
  // different norms make the first mode clearly the largest.
  CHECK(b.energy_captured == Approx(1.0).margin(1e-12));
  CHECK(b.energy[0] > b.energy[1]);
  CHECK(b.energy[1] > b.energy[2]);
  CHECK(b.energy[2] > 1e-4);
  // Orthonormal modes.
  for (std::size_t i = 0; i < 3; ++i)
    for (std::size_t j = 0; j < 3; ++j) {
      double dot = 0.0;
      for (std::size_t c = 0; c < cells; ++c) dot += b.vectors[i * cells + c] * b.vectors[j * cells + c];
      CHECK(dot == Approx(i == j ? 1.0 : 0.0).margin(1e-10));
    }
  // Exact reconstruction (round-off only: values are O(10), tolerance 1e-9).
  for (std::size_t r = 0; r < count; r += 7) {
    const std::span<const double> row(s.data() + r * cells, cells);
    CHECK(max_abs_difference(pod_reconstruct(b, pod_project(b, row)), row) < 1e-9);
  }
}

TEST_CASE("POD keeps the fewest modes that reach the energy fraction, and at most max_modes", "[pod]") {
  const std::size_t count = 40, cells = 300;
  const std::vector<double> s = rank3_snapshots(count, cells, 2);
  PodOptions all;
  all.energy_fraction = 0.999999;
  const PodBasis full = fit_pod(s, count, cells, all);
  REQUIRE(full.modes == 3);
  // Asking for just below the first mode's share keeps one mode; just above it keeps two.
  PodOptions one;
  one.energy_fraction = full.energy[0] - 1e-6;
  CHECK(fit_pod(s, count, cells, one).modes == 1);
  PodOptions two;
  two.energy_fraction = full.energy[0] + 1e-6;
  const PodBasis b2 = fit_pod(s, count, cells, two);
  CHECK(b2.modes == 2);
  CHECK(b2.energy_captured == Approx(full.energy[0] + full.energy[1]).epsilon(1e-12));
  PodOptions capped = all;
  capped.max_modes = 2;
  CHECK(fit_pod(s, count, cells, capped).modes == 2);
}

TEST_CASE("Gappy POD recovers the missing cells of a rank-3 field", "[pod]") {
  const std::size_t count = 60, cells = 200;
  const std::vector<double> s = rank3_snapshots(count, cells, 3);
  // Each snapshot misses a different stretch of 30 cells (as rotated fields miss different corners).
  std::vector<std::uint8_t> present(count * cells, 1);
  std::vector<double> gapped = s;
  for (std::size_t r = 0; r < count; ++r)
    for (std::size_t c = 0; c < 30; ++c) {
      const std::size_t k = r * cells + (r * 17 + c) % cells;
      present[k] = 0;
      gapped[k] = -1e3;  // garbage: must not be used
    }
  PodOptions o;
  o.energy_fraction = 0.999999;
  o.max_modes = 3;
  o.gap_iterations = 200;
  const PodBasis b = fit_pod(gapped, count, cells, o, present);
  REQUIRE(b.modes == 3);
  // The fitted basis reproduces the complete snapshots (gaps included) to 1e-4 of their O(10) values: the gaps
  // are 15 % of each snapshot and alternating projections converge linearly, 200 iterations are ample.
  double worst = 0.0;
  for (std::size_t r = 0; r < count; ++r) {
    const std::span<const double> row(s.data() + r * cells, cells);
    worst = std::max(worst, max_abs_difference(pod_reconstruct(b, pod_project(b, row)), row));
  }
  CHECK(worst < 1e-4);
}
