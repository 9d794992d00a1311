#pragma once
// The one interface every twin is reached through (`run`, `compare`, `sweep`, later `serve` and the coupled
// site twin): built from a validated scenario, run in process, answering named scalar KPIs with units (and,
// when asked, named fields); files are written only when asked. Twins are registered by their `twin:` name
// in twins.cpp: adding a twin is one folder under scenarios/ plus one line there.
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "io/scenario_schema.hpp"

namespace twinlab::scenarios {

struct Scenario;
struct RenderOptions;
class PictureSet;

// One scalar KPI under a flat dotted name: "plume.max_ground_concentration_kg_m3",
// "eulerian.receptor.school.peak_kg_m3", "throughput_per_s". SI units (UDUNITS spelling).
struct Kpi {
  std::string name;
  std::string unit;
  double value = std::nan("");
  double half_width = std::nan("");  // confidence-interval half-width of a stochastic twin; NaN otherwise
  double std_dev = std::nan("");     // across replications (for paired comparisons); NaN otherwise
  std::vector<double> replications;  // per-replication values of a stochastic twin (common random numbers)
};

// A named field (e.g. "plume.ground_concentration"), values row-major over dims.
struct Field {
  std::string name, unit;
  std::vector<std::string> dims;
  std::vector<std::size_t> shape;
  std::vector<double> values;
};

struct RunSettings {
  std::uint64_t seed = 1;   // the scenario's seed, or a sweep's per-run seed
  int threads = 0;          // OpenMP threads inside the run; 0 = OpenMP's default (a sweep's workers use 1)
  bool interactive = true;  // progress line and info logs; off in sweeps, which run thousands
};

// A finished run.
class TwinRun {
 public:
  virtual ~TwinRun() = default;
  virtual std::vector<Kpi> kpis() const = 0;
  virtual std::vector<std::string> field_names() const { return {}; }
  virtual Field field(const std::string& name) const;  // throws std::out_of_range for an unknown name
  // results.h5, summary.json and vtk/ into dir (a staging directory).
  virtual void write_outputs(const std::filesystem::path& dir) const = 0;
  // The KPI table people read (units they read: ug/m^3, parts/h, kWh).
  virtual std::string kpi_table() const = 0;
};

// What one run will need, estimated from the scenario before anything runs: the sizes of what the results
// and the model's state hold (a product of counts and 8-byte values: what the allocator, libraries and
// output writers add comes on top, so the run needs at least this much).
struct ResourceEstimate {
  double memory_bytes = 0.0;
  std::string memory_detail;  // how: "Eulerian grid 100 x 50 x 20 cells x (7 stored fields + 3) x 8 B"
  std::string memory_key;     // the dotted key of the largest part, blamed when it cannot fit
  double time_s = 0.0;        // rough CPU time of the run; 0 = negligible
  std::string time_detail;    // how it was estimated
  std::string time_key;       // the dotted key of the longest part
};

// A twin built from a validated scenario: every check done, nothing run yet. run() may be called many times.
class Twin {
 public:
  virtual ~Twin() = default;
  virtual std::unique_ptr<TwinRun> run(const RunSettings& settings) const = 0;
  // The memory and time one run() will take, from the scenario's sizes alone (fast: nothing is allocated).
  virtual ResourceEstimate estimate() const = 0;
};

struct TwinEntry {
  const char* name;         // the scenario's `twin:` value
  const char* description;  // one line, for --help and docs
  io::KeySpec (*section_schema)();  // the twin's section of the scenario file
  // Builds the twin; throws base::InputError located in the scenario file (or at --set).
  std::unique_ptr<Twin> (*build)(const Scenario& scenario);
  // Draws the pictures of a results.h5 this twin wrote (`twinlab render`, scenarios/render/picture_set.hpp);
  // nullptr: the twin has no pictures yet (render then says so).
  void (*render)(const std::filesystem::path& results_h5, const RenderOptions& options,
                 PictureSet& pictures) = nullptr;
};

// Builds the scenario's twin (entry.build) and checks that a run fits: throws base::InputError, located at
// the key of the largest part, when the estimated memory exceeds the memory available (MemAvailable of
// /proc/meminfo), and logs a warning when warn_long_runs and the estimated time is over an hour.
std::unique_ptr<Twin> build_twin(const Scenario& scenario, bool warn_long_runs = true);

// Every twin, in the order `schema` and the docs list them.
const std::vector<TwinEntry>& twin_registry();
// The entry of that `twin:` name, or nullptr.
const TwinEntry* find_twin(const std::string& name);
std::vector<std::string> twin_names();

}  // namespace twinlab::scenarios
