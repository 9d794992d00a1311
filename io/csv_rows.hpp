#pragma once
// Splitting a CSV text into rows of cells (comma-separated; RFC 4180 quotes: a quoted cell may hold commas,
// doubled quotes and line breaks), for the readers of tables with several columns (the event log). Blank
// lines are left out; lines starting with '#' (outside quotes, first character) are comments. Numbers are
// read strictly: the whole cell, finite, '.' as the decimal point ("35,1" is refused, never read as 35).
// io/csv_column.cpp has its own copy of the splitter (older); the two can be joined when nobody else edits it.
#include <string>
#include <vector>

namespace twinlab::io {

struct CsvRow {
  int line = 0;  // 1-based line of the file where the row starts
  std::vector<std::string> cells;  // trimmed of spaces and tabs outside quotes
};

// Throws base::InputError at file:line for a quoted cell that is never closed.
std::vector<CsvRow> split_csv_rows(const std::string& text, const std::string& file);

// True and x set when the whole cell is a finite number ("1e3", "-2.5", "+7").
bool parse_csv_number(const std::string& cell, double& x);

}  // namespace twinlab::io
