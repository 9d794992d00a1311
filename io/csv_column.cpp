#include "io/csv_column.hpp"

#include <cctype>
#include <charconv>
#include <cmath>

#include "base/error.hpp"
#include "base/input_file.hpp"

namespace twinlab::io {
namespace {

struct Row {
  int line = 0;  // 1-based line the row starts on
  std::vector<std::string> cells;
};

std::string trimmed(const std::string& cell) {
  const auto first = cell.find_first_not_of(" \t\r");
  if (first == std::string::npos) return {};
  return cell.substr(first, cell.find_last_not_of(" \t\r") - first + 1);
}

// The rows of a CSV text, blank lines left out; cells trimmed of spaces outside quotes.
std::vector<Row> split_rows(const std::string& text, const std::string& file) {
  std::vector<Row> rows;
  Row row{1, {}};
  std::string cell;
  bool quoted = false, any = false;
  int line = 1;
  const auto end_cell = [&] {
    row.cells.push_back(trimmed(cell));
    cell.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"', ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        cell += c;
      }
    } else if (c == '"') {
      quoted = any = true;
    } else if (c == ',') {
      end_cell();
      any = true;
    } else if (c == '\n') {
      const bool blank = !any && trimmed(cell).empty();
      end_cell();
      if (!blank) rows.push_back(std::move(row));
      row = Row{++line, {}};
      any = false;
    } else {
      cell += c;
    }
  }
  if (quoted) throw base::InputError({file, row.line, 0, ""}, "a quoted cell is not closed; close its quote");
  const bool blank = !any && trimmed(cell).empty();
  end_cell();
  if (!blank) rows.push_back(std::move(row));
  return rows;
}

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

bool parse_number(const std::string& cell, double& x) {
  const char* first = cell.data() + (!cell.empty() && cell[0] == '+' ? 1 : 0);
  const auto [end, error] = std::from_chars(first, cell.data() + cell.size(), x);
  return error == std::errc() && end == cell.data() + cell.size() && std::isfinite(x);
}

}  // namespace

std::vector<double> read_csv_column(const std::filesystem::path& path, const std::string& column) {
  const std::string file = path.string();
  const std::vector<Row> rows = split_rows(base::read_input_file(path, "CSV file", "name a .csv file"), file);
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
    const Row& row = rows[r];
    const base::InputLocation where{file, row.line, static_cast<int>(index + 1), name};
    if (row.cells.size() != header.size()) {
      std::string message = "the row has " + std::to_string(row.cells.size()) + " cells but the header " +
                            std::to_string(header.size()) + "; give every row one cell per column";
      if (row.cells.size() > header.size())
        message += " (a decimal comma? write numbers with a decimal point: 35.1, not 35,1)";
      throw base::InputError({file, row.line, 0, name}, message);
    }
    const std::string& cell = row.cells[index];
    double x = 0.0;
    if (!parse_number(cell, x)) {
      if (decimal_comma(cell)) {
        std::string fixed = cell;
        fixed[fixed.find(',')] = '.';
        throw base::InputError(where, "not a number: '" + cell + "' has a decimal comma; write " + fixed);
      }
      throw base::InputError(where, "not a finite number: '" + cell + "'");
    }
    values.push_back(x);
  }
  if (values.empty()) throw base::InputError({file, 0, 0, name}, "the column has no values");
  return values;
}

}  // namespace twinlab::io
