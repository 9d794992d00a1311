#pragma once
// Splitting CSV text (RFC 4180: quoted cells may hold commas, doubled quotes and newlines) into records of
// cells, each with the line it starts on, blank lines left out. Shared by every CSV reader in io/.
#include <string>
#include <vector>

namespace twinlab::io {

struct CsvRecord {
  int line = 0;  // 1-based line the record starts on
  std::vector<std::string> cells;  // as written inside the quotes; not trimmed
};

// Throws base::InputError at file's line when a quoted cell is not closed.
std::vector<CsvRecord> split_csv_records(const std::string& text, const std::string& file);

// cell without the spaces, tabs and carriage returns around it.
std::string trimmed_cell(const std::string& cell);

}  // namespace twinlab::io
