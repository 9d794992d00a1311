#pragma once
// Sensor observations for `twinlab estimate`: a CSV table (io/met_table.hpp rules: '#' comments, blank lines
// skipped, cells trimmed) with one measurement a row.
//
//   time_s,sensor,concentration_ug_m3,uncertainty_ug_m3
//   1800,school,12.4,1.5
//
// Columns (any order, other columns refused so that a typo is not silently ignored):
//  * time: `time_s`, `time_min`, `time_h` (or `time[s]`, `time[min]`, `time[h]`): time since the start of
//    the run, the middle of the averaging interval of the sample;
//  * sensor: the receptor's name as in the scenario (a network's receptors by their expanded names);
//  * concentration: `concentration_<unit>` or `concentration[<unit>]`, unit one of kg_m3, g_m3, mg_m3,
//    ug_m3, ng_m3 (the bracket form with '/': kg/m3, ug/m3, ...);
//  * uncertainty (optional): the 1-sigma measurement error, in the same unit (other units: "mixed units").
// Refused (base::InputError at file:line:column, key = the header cell): a missing column, two columns of one
// kind, an unknown unit, mixed units, a cell that is not a finite number, an empty cell, a sensor not in
// `sensors`, a time outside [run_start_s, run_end_s], an uncertainty <= 0, a negative concentration beyond
// noise (below -3 uncertainty, or below 0 when there is no uncertainty column), more than max_rows rows.
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace twinlab::io {

struct SensorObservation {
  double time_s = 0.0;
  std::size_t sensor = 0;            // index into the `sensors` given to read_sensor_csv
  double concentration_kg_m3 = 0.0;
  double uncertainty_kg_m3 = 0.0;    // 1 sigma; 0 when the file has no uncertainty column
  int line = 0;                      // 1-based line in the file
};

struct SensorTable {
  std::string file;
  std::string unit;                  // the concentration unit as written, e.g. "ug_m3"
  double unit_to_kg_m3 = 1.0;        // value in that unit times this = kg/m^3
  bool has_uncertainty = false;
  std::vector<SensorObservation> rows;
};

struct SensorCsvExpectations {
  std::vector<std::string> sensors;  // the names allowed (the scenario's receptors)
  double run_start_s = 0.0, run_end_s = 0.0;
  std::size_t max_rows = 1000000;
  std::string file_label;            // names the file in messages when the path read is a copy ("" = the path)
};

SensorTable read_sensor_csv(const std::filesystem::path& path, const SensorCsvExpectations& expect);

// kg/m^3 per unit of a concentration unit text ("ug_m3", "ug/m3", ...); 0 when unknown.
double concentration_unit_scale(const std::string& unit);

}  // namespace twinlab::io
