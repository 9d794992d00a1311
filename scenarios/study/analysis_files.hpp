#pragma once
// The files `twinlab analyze` writes: analysis.h5 (group "analysis", dims output x input: Sobol' indices with
// their bootstrap intervals, or Morris mu, mu*, sigma) and analysis.json, from the estimates of each output.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "sim/sensitivity/morris_effects.hpp"
#include "sim/sensitivity/sobol_indices.hpp"

namespace twinlab::scenarios {

// The result of one output: per selected input, either Sobol' indices or Morris effects.
struct AnalysisOutput {
  std::string name, units;
  double mean = 0.0, variance = 0.0;                                    // sobol
  std::vector<sim::sensitivity::IndexEstimate> first, total;            // sobol
  std::vector<sim::sensitivity::MorrisEffect> morris;                   // morris
};

struct AnalysisInfo {
  std::string method;  // sobol or morris
  int bootstrap = 0;   // resamples
  std::uint64_t seed = 0;
  std::string source;  // the analysed file
  std::size_t runs = 0;
  std::string study_text;
  std::vector<std::string> inputs, outputs;
};

// Writes both files (each atomically).
void write_analysis_files(const AnalysisInfo& info, const std::vector<AnalysisOutput>& results,
                          const std::filesystem::path& h5, const std::filesystem::path& json_path);

}  // namespace twinlab::scenarios
