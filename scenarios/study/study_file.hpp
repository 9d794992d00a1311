#pragma once
// A study file: a base scenario, the parameters to vary (dotted scenario keys with a range, levels or a
// distribution), a sampler and its size, a seed, and which KPIs and fields to keep. Validated with the same
// schema machinery as scenarios (file:line:col: key errors). Every run's parameter values depend only on
// (study, run index), so any subset of a study recomputes exactly.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "io/scenario_document.hpp"
#include "sim/design/parameter_distribution.hpp"
#include "sim/design/sampler.hpp"

namespace twinlab::scenarios {

struct StudyParameter {
  std::string key;                          // dotted scenario key, e.g. dispersion.sources[0].height_m
  std::string law;                          // uniform, log_uniform, levels, normal, truncated_normal
  std::string unit;                         // the scenario key's unit
  sim::design::ParameterDistribution distribution;
  std::vector<std::string> levels;          // levels: the values as written
  bool integer = false;                     // the scenario key takes integers: values are rounded
  base::InputLocation where;                // the parameter's `key` in the study file
};

struct StudySpec {
  std::filesystem::path file;
  std::string text;                          // the study file as read (stored in study.h5, hashed)
  std::string name;
  std::optional<std::filesystem::path> scenario;  // none: the built-in default scenario
  std::string scenario_text;
  std::uint64_t seed = 1;
  std::string sampler;
  sim::design::SamplerSpec sampler_spec;
  base::InputLocation sampler_where;
  std::vector<StudyParameter> parameters;
  std::vector<std::vector<double>> points;   // sampler csv: the rows given, one value per parameter
  std::vector<std::string> kpis;             // empty: every KPI of the twin
  std::vector<std::string> fields;
  long long max_failures = -1;               // stop once more runs failed; -1: never
  std::string hash;                          // SHA-256 of the study text and the base scenario text
};

const io::KeySpec& study_schema();

// Reads and validates the study file; throws base::InputError at file:line:col and key.
StudySpec load_study(const std::filesystem::path& file);

// The design: run index -> parameter values and scenario overrides.
class StudyDesign {
 public:
  explicit StudyDesign(const StudySpec& spec);
  std::size_t count() const { return sampler_ ? sampler_->count() : spec_.points.size(); }
  // One value per parameter (levels: the level's number, or its index when the levels are not numbers).
  std::vector<double> values(std::size_t run) const;
  // "key=value" for each parameter, as `--set` takes them.
  std::vector<std::string> overrides(std::size_t run) const;
  std::vector<std::string> warnings() const { return sampler_ ? sampler_->warnings() : std::vector<std::string>{}; }

 private:
  const StudySpec& spec_;
  std::unique_ptr<sim::design::Sampler> sampler_;  // none for sampler csv (points given)
};

}  // namespace twinlab::scenarios
