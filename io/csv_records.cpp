#include "io/csv_records.hpp"

#include "base/error.hpp"

namespace twinlab::io {

std::string trimmed_cell(const std::string& cell) {
  const auto first = cell.find_first_not_of(" \t\r");
  if (first == std::string::npos) return {};
  return cell.substr(first, cell.find_last_not_of(" \t\r") - first + 1);
}

std::vector<CsvRecord> split_csv_records(const std::string& text, const std::string& file) {
  std::vector<CsvRecord> records;
  CsvRecord current{1, {}};
  std::string cell;
  bool quoted = false;
  bool any = false;  // the record has a quote or a comma: not blank even when its cells are empty
  int line = 1;
  const auto end_record = [&] {
    current.cells.push_back(cell);
    if (any || !trimmed_cell(cell).empty()) records.push_back(std::move(current));
    cell.clear();
    any = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        cell += c;
      }
    } else if (c == '"') {
      quoted = any = true;
    } else if (c == ',') {
      current.cells.push_back(cell);
      cell.clear();
      any = true;
    } else if (c == '\n') {
      end_record();
      current = CsvRecord{++line, {}};
    } else {
      cell += c;
    }
  }
  if (quoted) throw base::InputError({file, current.line, 0, ""}, "a quoted cell is not closed; close its quote");
  end_record();
  return records;
}

}  // namespace twinlab::io
