#pragma once
// A field kept by a sweep (study.h5, role "field", (run, y, x)) turned into the training data of a field
// surrogate (surrogates/field_surrogate.hpp): the chosen inputs and the field of the successful runs, the
// field's grid coordinates and the rotation centre of the wind-aligned frame. For `twinlab train`.
//
// study.h5 stores a field's values and dims but not its coordinates: they come from the study's base scenario
// (the root attribute `scenario`, resolved with its defaults): the plume's receptor grid (dispersion.domain,
// dispersion.plume.grid_nx/ny) for the plume.* fields. A study that sweeps a key of that grid or of the
// rotation centre (the first source's position) is refused: its runs would not share one grid.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "surrogates/field_surrogate.hpp"

namespace twinlab::scenarios {

// Whether `name` is a field (role "field") of the study.h5 at `path` (false for CSV files and other names).
bool is_study_field(const std::filesystem::path& path, const std::string& name);

struct FieldTableOptions {
  std::string inputs;                      // comma-separated; empty = every parameter of the study
  std::string field;                       // the field's name
  std::string direction_input = "auto";    // an input's name, "auto" (the input ending in wind_direction_deg),
                                           // or "none"
  std::optional<std::pair<double, double>> origin_m;  // rotation centre; default: the first source's (x, y)
};

struct FieldTable {
  surrogates::FieldTrainingData data;
  std::size_t failed_runs = 0;
};

// Throws base::InputError naming the file and key.
FieldTable read_field_table(const std::filesystem::path& path, const FieldTableOptions& options);

}  // namespace twinlab::scenarios
