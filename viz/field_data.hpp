#pragma once
// Field data: values that belong to a whole VTK dataset rather than to its points or cells (ParaView shows them
// in the Information panel; Python: `GetFieldData()`). twinlab puts each array's units here (`NAME_units`) and
// the simulated time of a frame (`TimeValue`, the name ParaView reads as the dataset's time). Plain structures.
#include <string>
#include <utility>
#include <vector>

namespace twinlab::viz {

struct FieldData {
  std::vector<std::pair<std::string, std::string>> text;  // one-value string arrays, e.g. {"concentration_units", "kg m-3"}
  std::vector<std::pair<std::string, double>> numbers;    // one-value double arrays, e.g. {"TimeValue", 3600.0}

  bool empty() const { return text.empty() && numbers.empty(); }
};

// Throws std::invalid_argument naming the problem: an empty name, a name used twice.
void validate(const FieldData& field_data);

}  // namespace twinlab::viz
