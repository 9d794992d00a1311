#pragma once
// A CSV table of measurements whose header names every column with its unit, the format of measured
// meteorology files (docs/dispersion.md, "Meteorology from a file"). Domain-free: it knows units and cells,
// not what a column means.
//
//   # comment lines start with '#'; blank lines are skipped
//   time,wind_speed@10m[m/s],wind_direction[deg],temperature@2m[degC],cloud_cover[oktas]
//   2025-01-01T00:00+01:00,3.2,250,4.5,6
//
// A header cell is `name`, `name[unit]` or `name@<height>m[unit]` (the height of the measurement above
// ground, e.g. `wind_speed@10m[m/s]`). Cells are separated by commas and trimmed; an empty cell is a missing
// value. Every problem is an InputError at file:line:column with the column's header cell as key.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/error.hpp"

namespace twinlab::io {

struct UnitColumn {
  std::string name;         // "wind_speed"
  std::string unit;         // as written between [ ]; "" when none
  double height_m = -1.0;   // from "@10m"; < 0 when not stated
  std::string header;       // the header cell as written
  int text_column = 1;      // 1-based character column of the header cell
};

struct UnitRow {
  int line = 0;                    // 1-based line in the file
  std::vector<std::string> cells;  // trimmed, one per column
  std::vector<int> text_columns;   // 1-based character column of each cell
};

struct UnitTable {
  std::string file;
  int header_line = 0;
  std::vector<UnitColumn> columns;
  std::vector<UnitRow> rows;

  std::optional<std::size_t> find(const std::string& name) const;  // the column of that name
  base::InputLocation location(std::size_t row, std::size_t column) const;
  [[noreturn]] void fail(std::size_t row, std::size_t column, const std::string& message) const;
  [[noreturn]] void fail_header(std::size_t column, const std::string& message) const;
  bool is_empty(std::size_t row, std::size_t column) const { return rows[row].cells[column].empty(); }
  // The cell as a finite number; InputError "is not a number (got 'x'); ..." otherwise. Call only on a
  // non-empty cell.
  double number(std::size_t row, std::size_t column) const;
};

// Throws InputError when the file cannot be read, has no header, a header cell is malformed or repeated, or a
// row has a different number of cells than the header.
UnitTable read_unit_table(const std::filesystem::path& path);

// A unit and how a value in it becomes SI: si = value * scale + offset.
struct UnitConversion {
  std::string si_unit;  // "m/s", "K", "deg", "m", "1" (a fraction), "" (no unit)
  double scale = 1.0;
  double offset = 0.0;
};

// The small documented set: m/s, knots (also kn, kt), km/h, K, degC, deg, m, km, oktas, tenths, %, "" (none).
// std::nullopt for any other unit text.
std::optional<UnitConversion> unit_conversion(const std::string& unit);

// The units that convert to si_unit, as text for messages ("m/s, knots, kn, kt, km/h").
std::string units_of(const std::string& si_unit);

}  // namespace twinlab::io
