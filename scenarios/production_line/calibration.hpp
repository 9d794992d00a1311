#pragma once
// A line calibrated from its machine-state log: per station, the processing-time, life and repair-time
// distributions fitted by maximum likelihood with right-censoring (sim/lifetime_fit.hpp), the family chosen
// by AIC, with profile-likelihood intervals and a bootstrap Kolmogorov-Smirnov test; and the calibrated
// scenario text (the base with the fitted distributions, each with its interval as a YAML comment).
// Method and assumptions: docs/calibrate.md.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "io/event_log.hpp"
#include "scenarios/production_line/event_samples.hpp"
#include "sim/lifetime_fit.hpp"
#include "twins/production_line/config.hpp"

namespace twinlab::scenarios {

struct FittedQuantity {
  std::string key;          // "processing_time", "failure.life", "failure.time_to_repair"
  std::size_t observations = 0, censored = 0;
  std::vector<sim::LifetimeFit> fits;  // every family that could be fitted, best AIC first; empty: not fitted
  bool deterministic = false;          // every observation the same (no censoring): a fixed value
  double value = 0.0;                  // that value
  std::string note;                    // why nothing was fitted
  bool fitted() const { return deterministic || !fits.empty(); }
};

struct StationCalibration {
  std::string name;
  bool busy_life = false;  // life counted in busy time (failure basis operation)
  bool can_fail = false;   // the base scenario gives the station a failure basis
  StationSamples samples;
  FittedQuantity processing, life, repair;
  double availability() const;  // 1 - (down + maintenance) / machine time, over the log
};

struct LineCalibration {
  std::string events_file;
  double level = 0.95;
  double span_s = 0.0;                 // from the earliest start to the latest end in the log
  double throughput_per_s = 0.0;       // completed operations of the stations that feed the sink, per s
  std::vector<StationCalibration> stations;
};

struct CalibrationSettings {
  double level = 0.95;      // of the confidence intervals
  int bootstrap = 99;       // resamples of the KS test of the chosen family; 0 = none
  std::uint64_t seed = 1;   // of the bootstrap
};

LineCalibration calibrate_line(const twins::production_line::LineConfig& base, const io::EventLog& log,
                               const CalibrationSettings& settings);

// The distribution a fit stands for in the scenario (lognormal: mean and std_dev of the variable).
sim::DistributionSpec fitted_spec(const FittedQuantity& q);

nlohmann::json calibration_json(const LineCalibration& c);
std::string calibration_table(const LineCalibration& c);
// base_text: the base scenario file's text. Returns the calibrated scenario's text.
std::string calibrated_scenario_yaml(const std::string& base_text, const std::string& base_label,
                                     const LineCalibration& c);

}  // namespace twinlab::scenarios
