#pragma once
// A sweep's table of runs (study.h5 or CSV, io/study_read) turned into the training table of a surrogate:
// the chosen inputs and outputs of the successful runs, with their units. For `twinlab train`.
#include <filesystem>
#include <string>
#include <vector>

#include "surrogates/scalar_surrogate.hpp"

namespace twinlab::scenarios {

struct SurrogateTable {
  surrogates::TrainingTable data;
  std::size_t failed_runs = 0;  // rows left out because their status is not "ok"
};

// inputs/outputs: comma-separated names; empty = every `parameter` / every `kpi` column of a study.h5 (a CSV
// table must name both). Throws base::InputError naming the file and the column: an unknown name, a column
// with an empty or non-numeric cell in a successful run (NaN), a name used as input and output.
SurrogateTable read_surrogate_table(const std::filesystem::path& path, const std::string& inputs,
                                    const std::string& outputs);

// "a,b,,c" -> {"a", "b", "c"}.
std::vector<std::string> split_list(const std::string& comma_separated);

}  // namespace twinlab::scenarios
