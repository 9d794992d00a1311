#include "io/met_table.hpp"

#include <cmath>
#include <fstream>
#include <optional>
#include <set>

#include "base/number_text.hpp"

namespace twinlab::io {

namespace {

struct Cell {
  std::string text;
  int column = 1;  // 1-based character column of the cell's first character (after trimming)
};

std::vector<Cell> split_cells(const std::string& line) {
  std::vector<Cell> cells;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = std::min(line.find(',', start), line.size());
    const std::string raw = line.substr(start, end - start);
    const auto first = raw.find_first_not_of(" \t\r");
    const auto last = raw.find_last_not_of(" \t\r");
    if (first == std::string::npos) cells.push_back({"", static_cast<int>(start) + 1});
    else cells.push_back({raw.substr(first, last - first + 1), static_cast<int>(start + first) + 1});
    if (end >= line.size()) break;
    start = end + 1;
  }
  return cells;
}

bool skipped(const std::string& line) {
  const auto first = line.find_first_not_of(" \t\r");
  return first == std::string::npos || line[first] == '#';
}

struct UnitEntry {
  const char* text;
  UnitConversion conversion;
};

const std::vector<UnitEntry>& units() {
  static const std::vector<UnitEntry> table = {
      {"m/s", {"m/s", 1.0, 0.0}},      {"knots", {"m/s", 1852.0 / 3600.0, 0.0}},
      {"kn", {"m/s", 1852.0 / 3600.0, 0.0}}, {"kt", {"m/s", 1852.0 / 3600.0, 0.0}},
      {"km/h", {"m/s", 1.0 / 3.6, 0.0}}, {"K", {"K", 1.0, 0.0}},
      {"degC", {"K", 1.0, 273.15}},     {"deg", {"deg", 1.0, 0.0}},
      {"m", {"m", 1.0, 0.0}},           {"km", {"m", 1000.0, 0.0}},
      {"oktas", {"1", 1.0 / 8.0, 0.0}}, {"tenths", {"1", 0.1, 0.0}},
      {"%", {"1", 0.01, 0.0}},          {"", {"", 1.0, 0.0}},
  };
  return table;
}

}  // namespace

std::optional<UnitConversion> unit_conversion(const std::string& unit) {
  for (const UnitEntry& e : units())
    if (unit == e.text) return e.conversion;
  return std::nullopt;
}

std::string units_of(const std::string& si_unit) {
  std::string text;
  for (const UnitEntry& e : units())
    if (e.conversion.si_unit == si_unit && *e.text) text += (text.empty() ? "" : ", ") + std::string(e.text);
  return text;
}

std::optional<std::size_t> UnitTable::find(const std::string& name) const {
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i].name == name) return i;
  return std::nullopt;
}

base::InputLocation UnitTable::location(std::size_t row, std::size_t column) const {
  return {file, rows.at(row).line, rows[row].text_columns.at(column), columns.at(column).header};
}

void UnitTable::fail(std::size_t row, std::size_t column, const std::string& message) const {
  throw base::InputError(location(row, column), message);
}

void UnitTable::fail_header(std::size_t column, const std::string& message) const {
  throw base::InputError({file, header_line, columns.at(column).text_column, columns[column].header}, message);
}

double UnitTable::number(std::size_t row, std::size_t column) const {
  const std::string& text = rows.at(row).cells.at(column);
  const std::optional<double> x = base::parse_finite_number(text);
  if (!x)
    fail(row, column, "is not a number (got '" + text + "'); write a decimal number such as 3.5, or leave the "
                    "cell empty for a missing value");
  return *x;
}

UnitTable read_unit_table(const std::filesystem::path& path) {
  UnitTable t;
  t.file = path.string();
  std::ifstream in(path);
  if (!in) throw base::InputError({t.file, 0, 0, ""}, "cannot open the file; check the path");
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!skipped(line)) break;
    line.clear();
  }
  if (skipped(line))
    throw base::InputError({t.file, number, 0, ""}, "has no header line; the first line that is not a comment "
                           "must name the columns, e.g. time,wind_speed@10m[m/s],wind_direction[deg]");
  t.header_line = number;
  std::set<std::string> seen;
  for (const Cell& cell : split_cells(line)) {
    UnitColumn c;
    c.header = cell.text;
    c.text_column = cell.column;
    const base::InputLocation where{t.file, number, cell.column, cell.text};
    std::string head = cell.text;
    const auto open = head.find('[');
    if (open != std::string::npos) {
      if (head.back() != ']' || head.find('[', open + 1) != std::string::npos)
        throw base::InputError(where, "malformed header cell; write name[unit], e.g. wind_speed[m/s]");
      c.unit = head.substr(open + 1, head.size() - open - 2);
      head = head.substr(0, open);
    }
    const auto at = head.find('@');
    if (at != std::string::npos) {
      const std::string height = head.substr(at + 1);
      const auto h = base::parse_number_prefix(height);
      if (!h || h->rest != "m" || !(h->value >= 0.0))
        throw base::InputError(where, "the measurement height must be metres above ground (got '@" + height +
                                           "'); write e.g. wind_speed@10m[m/s]");
      c.height_m = h->value;
      head = head.substr(0, at);
    }
    if (head.empty())
      throw base::InputError(where, "a column has no name; name every column, e.g. wind_direction[deg]");
    c.name = head;
    if (!seen.insert(c.name).second)
      throw base::InputError(where, "column '" + c.name + "' is given twice; keep one");
    t.columns.push_back(c);
  }
  while (std::getline(in, line)) {
    ++number;
    if (skipped(line)) continue;
    const std::vector<Cell> cells = split_cells(line);
    if (cells.size() != t.columns.size())
      throw base::InputError({t.file, number, 0, ""},
                             "has " + std::to_string(cells.size()) + " cells but the header names " +
                                 std::to_string(t.columns.size()) + " columns (got '" + line +
                                 "'); give one cell per column, empty for a missing value");
    UnitRow row;
    row.line = number;
    for (const Cell& c : cells) {
      row.cells.push_back(c.text);
      row.text_columns.push_back(c.column);
    }
    t.rows.push_back(std::move(row));
  }
  return t;
}

}  // namespace twinlab::io
