#include "io/csv_column.hpp"

#include <cmath>
#include <fstream>
#include <sstream>

#include "base/error.hpp"

namespace twinlab::io {
namespace {

std::vector<std::string> split_row(const std::string& line) {
  std::vector<std::string> cells;
  std::stringstream row(line);
  std::string cell;
  while (std::getline(row, cell, ',')) {
    const auto first = cell.find_first_not_of(" \t\r\"");
    const auto last = cell.find_last_not_of(" \t\r\"");
    cells.push_back(first == std::string::npos ? "" : cell.substr(first, last - first + 1));
  }
  return cells;
}

}  // namespace

std::vector<double> read_csv_column(const std::filesystem::path& path, const std::string& column) {
  const std::string file = path.string();
  std::ifstream in(path);
  if (!in) throw base::InputError({file, 0, 0, ""}, "cannot open the CSV file");
  std::string line;
  if (!std::getline(in, line)) throw base::InputError({file, 1, 0, ""}, "the CSV file is empty");
  const std::vector<std::string> header = split_row(line);
  std::size_t index = 0;
  if (!column.empty()) {
    index = header.size();
    for (std::size_t i = 0; i < header.size(); ++i)
      if (header[i] == column) index = i;
    if (index == header.size()) throw base::InputError({file, 1, 0, column}, "no such column in the header");
  }
  const std::string name = header.empty() ? "" : header[std::min(index, header.size() - 1)];
  std::vector<double> values;
  for (int number = 2; std::getline(in, line); ++number) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;  // blank line
    const std::vector<std::string> cells = split_row(line);
    if (index >= cells.size()) throw base::InputError({file, number, 0, name}, "the row has no such column");
    std::size_t used = 0;
    double x = 0.0;
    try {
      x = std::stod(cells[index], &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || used != cells[index].size() || !std::isfinite(x))
      throw base::InputError({file, number, 0, name}, "not a finite number: '" + cells[index] + "'");
    values.push_back(x);
  }
  if (values.empty()) throw base::InputError({file, 0, 0, name}, "the column has no values");
  return values;
}

}  // namespace twinlab::io
