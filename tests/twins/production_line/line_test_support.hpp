#pragma once
// Helpers shared by the production-line tests: small line builders and the Little's-law check that every
// simulation run in these tests must pass.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "sim/confidence_interval.hpp"
#include "twins/production_line/results.hpp"
#include "twins/production_line/run_line.hpp"

namespace line_test {

namespace pl = twinlab::twins::production_line;

inline pl::StationConfig station(const std::string& name, pl::DistributionSpec processing, std::vector<std::string> next = {},
                                 int buffer = 10) {
  pl::StationConfig s;
  s.name = name;
  s.processing_time = std::move(processing);
  s.buffer_capacity = buffer;
  for (auto& n : next) s.next.push_back({n, 1.0});
  if (s.next.size() > 1)
    for (auto& n : s.next) n.probability = 1.0 / static_cast<double>(s.next.size());
  return s;
}

inline pl::LineConfig line(std::vector<pl::StationConfig> stations, std::vector<std::string> feeds, double warmup_s,
                           double horizon_s, int replications) {
  pl::LineConfig c;
  c.stations = std::move(stations);
  for (auto& f : feeds) c.source.feeds.push_back({f, 1.0 / static_cast<double>(feeds.size())});
  c.run.warmup_s = warmup_s;
  c.run.horizon_s = horizon_s;
  c.run.replications = replications;
  return c;
}

// Little's law on every replication. On a sample path, time-average WIP L, departure rate lambda and
// mean time in the line W of the departed jobs satisfy L = lambda W + B exactly, B being the boundary
// term of the jobs present at the ends of the window (computed by the engine from the parts it holds);
// the tolerance is floating-point round-off of sums over ~1e6 terms. And B itself must be small:
// |L - lambda W| <= 5 % of L for the long runs these tests make (the boundary holds ~2 L jobs whose
// time in the window is a few W, over a window of thousands of W).
inline void check_little(const pl::LineResult& r, double max_relative_gap = 0.05) {
  for (const auto& rep : r.per_replication) {
    const double L = rep.wip_mean;
    const double lw = rep.little_departure_rate_per_s * rep.little_sojourn_mean_s;
    CAPTURE(L, lw, rep.little_boundary_correction);
    REQUIRE(std::abs(L - (lw + rep.little_boundary_correction)) <= 1e-7 * std::max(1.0, L));
    REQUIRE(std::abs(L - lw) <= max_relative_gap * std::max(L, 1e-3));
  }
}

// Mean over replications of a per-replication figure, with its standard error.
template <class F>
twinlab::sim::Estimate over_replications(const pl::LineResult& r, F&& figure) {
  std::vector<double> v;
  for (const auto& rep : r.per_replication) v.push_back(figure(rep));
  return twinlab::sim::mean_confidence_interval(v, 0.95);
}

// |simulated - exact| within k standard errors of the replication mean (k = 4: a false failure has
// probability ~1e-3 per check with 10+ replications, Student-t tails included), plus a tiny absolute floor
// for figures that are exactly 0 in every replication.
inline void check_within(const twinlab::sim::Estimate& sim, double exact, const char* what, double k = 4.0) {
  INFO(what << ": simulated " << sim.mean << " +- " << sim.standard_error() << " (SE), exact " << exact);
  CHECK(std::abs(sim.mean - exact) <= k * sim.standard_error() + 1e-12 + 1e-9 * std::abs(exact));
}

}  // namespace line_test
