#include "io/csv_rows.hpp"

#include <charconv>
#include <cmath>

#include "base/error.hpp"

namespace twinlab::io {

namespace {
std::string trimmed(const std::string& cell) {
  const auto first = cell.find_first_not_of(" \t\r");
  if (first == std::string::npos) return {};
  return cell.substr(first, cell.find_last_not_of(" \t\r") - first + 1);
}
}  // namespace

std::vector<CsvRow> split_csv_rows(const std::string& text, const std::string& file) {
  std::vector<CsvRow> rows;
  CsvRow row{1, {}};
  std::string cell;
  bool quoted = false, any = false, comment = false;
  int line = 1;
  const auto end_cell = [&] {
    row.cells.push_back(trimmed(cell));
    cell.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (comment) {
      if (c == '\n') {
        comment = false;
        row = CsvRow{++line, {}};
      }
    } else if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"', ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        cell += c;
      }
    } else if (c == '#' && !any && cell.empty() && row.cells.empty()) {
      comment = true;
    } else if (c == '"') {
      quoted = any = true;
    } else if (c == ',') {
      end_cell();
      any = true;
    } else if (c == '\n') {
      const bool blank = !any && trimmed(cell).empty();
      end_cell();
      if (!blank) rows.push_back(std::move(row));
      row = CsvRow{++line, {}};
      any = false;
    } else {
      cell += c;
    }
  }
  if (quoted) throw base::InputError({file, row.line, 0, ""}, "a quoted cell is not closed; close its quote");
  if (comment) return rows;
  const bool blank = !any && trimmed(cell).empty();
  end_cell();
  if (!blank) rows.push_back(std::move(row));
  return rows;
}

bool parse_csv_number(const std::string& cell, double& x) {
  const char* first = cell.data() + (!cell.empty() && cell[0] == '+' ? 1 : 0);
  const auto [end, error] = std::from_chars(first, cell.data() + cell.size(), x);
  return error == std::errc() && end == cell.data() + cell.size() && std::isfinite(x);
}

}  // namespace twinlab::io
