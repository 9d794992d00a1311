#include "io/csv_column.hpp"

#include <cctype>
#include <optional>

#include "base/error.hpp"
#include "base/input_file.hpp"
#include "base/number_text.hpp"
#include "io/csv_records.hpp"

namespace twinlab::io {
namespace {

bool is_digits(const std::string& text, std::size_t from, std::size_t to) {
  if (from >= to) return false;
  for (std::size_t i = from; i < to; ++i)
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
  return true;
}

// "35,1" or "-0,25": a number written with a decimal comma.
bool decimal_comma(const std::string& cell) {
  const std::size_t start = !cell.empty() && (cell[0] == '-' || cell[0] == '+') ? 1 : 0;
  const std::size_t comma = cell.find(',');
  return comma != std::string::npos && is_digits(cell, start, comma) && is_digits(cell, comma + 1, cell.size());
}

}  // namespace

std::vector<double> read_csv_column(const std::filesystem::path& path, const std::string& column) {
  const std::string file = path.string();
  std::vector<CsvRecord> rows = split_csv_records(base::read_input_file(path, "CSV file", "name a .csv file"), file);
  for (CsvRecord& row : rows)
    for (std::string& cell : row.cells) cell = trimmed_cell(cell);
  if (rows.empty()) throw base::InputError({file, 1, 0, ""}, "the CSV file is empty; it needs a header row");
  const std::vector<std::string>& header = rows.front().cells;
  std::size_t index = 0;
  if (!column.empty()) {
    index = header.size();
    for (std::size_t i = 0; i < header.size(); ++i)
      if (header[i] == column) index = i;
    if (index == header.size())
      throw base::InputError({file, rows.front().line, 0, column}, "no such column in the header");
  }
  const std::string& name = header[index];
  std::vector<double> values;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const CsvRecord& row = rows[r];
    const base::InputLocation where{file, row.line, static_cast<int>(index + 1), name};
    if (row.cells.size() != header.size()) {
      std::string message = "the row has " + std::to_string(row.cells.size()) + " cells but the header " +
                            std::to_string(header.size()) + "; give every row one cell per column";
      if (row.cells.size() > header.size())
        message += " (a decimal comma? write numbers with a decimal point: 35.1, not 35,1)";
      throw base::InputError({file, row.line, 0, name}, message);
    }
    const std::string& cell = row.cells[index];
    const std::optional<double> x = base::parse_finite_number(cell);
    if (!x) {
      if (decimal_comma(cell)) {
        std::string fixed = cell;
        fixed[fixed.find(',')] = '.';
        throw base::InputError(where, "not a number: '" + cell + "' has a decimal comma; write " + fixed);
      }
      throw base::InputError(where, "not a finite number: '" + cell + "'");
    }
    values.push_back(*x);
  }
  if (values.empty()) throw base::InputError({file, 0, 0, name}, "the column has no values");
  return values;
}

}  // namespace twinlab::io
