#pragma once
// `twinlab estimate` for the dispersion twin: the scenario's sources to estimate (those marked
// `estimate: true`, or all), the sensor CSV read against its receptors and run, each observation's error,
// the priors, and the estimate itself (twins/dispersion/source_estimation.hpp). docs/estimate.md.
#include <cstddef>
#include <filesystem>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "io/sensor_csv.hpp"
#include "scenarios/scenario.hpp"
#include "twins/dispersion/config.hpp"
#include "twins/dispersion/source_estimation.hpp"
#include "twins/dispersion/source_location.hpp"

namespace twinlab::scenarios {

struct EstimateOptions {
  std::string model;               // "plume", "eulerian" or "" (plume when enabled, else Eulerian)
  // Observation error sigma_i^2 = u_i^2 + (relative_error c_i)^2 + floor^2 (u_i: the CSV's uncertainty).
  // NaN = the default: with an uncertainty column 0 and 0; without it 0.3 and 1 % of the largest |c_i|.
  double relative_error = std::numeric_limits<double>::quiet_NaN();
  double error_floor_kg_m3 = std::numeric_limits<double>::quiet_NaN();
  // Prior per source: mean = its scenario rate (mean over the run), sd = prior_spread x mean; a source
  // whose scenario rate is 0 gets a flat prior.
  double prior_spread = 10.0;
};

struct EstimationRun {
  twins::dispersion::Config config;
  twins::dispersion::CouplingModel model = twins::dispersion::CouplingModel::Plume;
  std::vector<std::size_t> estimated;   // indices into config.sources
  std::vector<twins::dispersion::SourcePrior> priors;
  io::SensorTable table;
  std::vector<twins::dispersion::SensorObservation> observations;  // table.rows order
  double relative_error = 0.0, error_floor_kg_m3 = 0.0;
  twins::dispersion::SourceReceptorCoupling coupling;
  twins::dispersion::SourceEstimate estimate;
  // A source with `location: unknown`: its index in config.sources, the box, and (after solving) the search's
  // result; config.sources[*located_source] is then placed at the best position.
  std::optional<std::size_t> located_source;
  twins::dispersion::SearchBox search_box;
  std::optional<twins::dispersion::LocationEstimate> location;
};

// The problem: sources, model, observations (InputError for a bad CSV or option, at file:row:column).
EstimationRun prepare_estimation(const Scenario& scenario, const std::filesystem::path& observations,
                                 const EstimateOptions& options);

// Builds the coupling and solves. std::runtime_error naming the source and period when a source no sensor
// sees has a flat prior.
void solve_estimation(EstimationRun& run);

// The 95 % interval factor of a Gaussian posterior.
inline constexpr double kZ95 = 1.959963984540054;

}  // namespace twinlab::scenarios
