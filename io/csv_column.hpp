#pragma once
// Reads one numeric column of a CSV file (comma-separated, first line = header; RFC 4180 quotes: a quoted
// cell may hold commas, doubled quotes and line breaks), e.g. measured processing times for an empirical
// distribution or the points of a study's csv sampler. Throws base::InputError naming the file, line, column
// and header name on a missing file or column, an empty column, a row whose cell count differs from the
// header's (`4,35,1` under `id,time_s`: a decimal comma, which would otherwise be read as 35), or a cell
// that is not a finite number (`"35,1"`: a decimal comma in quotes). The file is read through
// base::read_input_file: a regular file of at most 64 MiB.
#include <filesystem>
#include <string>
#include <vector>

namespace twinlab::io {

// column empty = the first column.
std::vector<double> read_csv_column(const std::filesystem::path& path, const std::string& column);

}  // namespace twinlab::io
