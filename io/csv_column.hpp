#pragma once
// Reads one numeric column of a CSV file (comma-separated, first line = header), e.g. measured processing
// times for an empirical distribution. Throws base::InputError naming the file, line and column on a missing
// file or column, an empty column, or a cell that is not a finite number.
#include <filesystem>
#include <string>
#include <vector>

namespace twinlab::io {

// column empty = the first column.
std::vector<double> read_csv_column(const std::filesystem::path& path, const std::string& column);

}  // namespace twinlab::io
