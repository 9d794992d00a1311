#include "io/study_read.hpp"

#include <cmath>
#include <optional>
#include <fstream>
#include <sstream>

#include "base/error.hpp"
#include "base/input_file.hpp"
#include "base/number_text.hpp"
#include "io/csv_records.hpp"
#include "io/hdf5_handle.hpp"
#include "io/hdf5_read.hpp"

namespace twinlab::io {

namespace fs = std::filesystem;

namespace {

using detail::Contents;
using detail::Hid;

std::string text_attribute(hid_t object, const char* name, const std::string& what) {
  if (H5Aexists(object, name) <= 0) return {};
  const Contents c = detail::read_attribute(object, name, what);
  return c.strings.size() == 1 ? c.strings[0] : std::string();
}

std::int64_t integer_attribute(hid_t object, const char* name, const std::string& what) {
  if (H5Aexists(object, name) <= 0) return 0;
  const Contents c = detail::read_attribute(object, name, what);
  return c.integers.size() == 1 ? c.integers[0] : 0;
}

// The names of the links of a group, in creation order when the file tracks it (twinlab's files do).
std::vector<std::string> link_names(hid_t group, const std::string& what) {
  H5G_info_t info;
  detail::check(H5Gget_info(group, &info), what + ": listing");
  std::vector<std::string> names;
  for (hsize_t i = 0; i < info.nlinks; ++i) {
    H5_index_t index = H5_INDEX_CRT_ORDER;
    ssize_t size = H5Lget_name_by_idx(group, ".", index, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
    if (size < 0) {
      H5Eclear2(H5E_DEFAULT);
      index = H5_INDEX_NAME;
      size = H5Lget_name_by_idx(group, ".", index, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
    }
    if (size < 0) detail::fail(what + ": link name");
    std::string name(static_cast<std::size_t>(size) + 1, '\0');
    H5Lget_name_by_idx(group, ".", index, H5_ITER_INC, i, name.data(), name.size(), H5P_DEFAULT);
    name.resize(static_cast<std::size_t>(size));
    names.push_back(name);
  }
  return names;
}

bool parse_number(const std::string& cell, double& value) {
  const std::optional<double> x = base::parse_finite_number(trimmed_cell(cell));
  if (x) value = *x;
  return x.has_value();
}


}  // namespace

const RunColumn* RunTable::find(const std::string& name) const {
  for (const auto& c : columns)
    if (c.name == name) return &c;
  return nullptr;
}

RunTable read_study_h5(const fs::path& path) {
  const std::string file = path.string();
  RunTable t;
  t.file = path;
  Hid h5 = detail::open_file(path);
  const std::string what = detail::quoted(path);
  if (text_attribute(h5.get(), "filetype", what) != "twinlab-study")
    throw base::InputError({file, 0, 0, "filetype"},
                           "not a study table of `twinlab sweep` (no filetype \"twinlab-study\"); give a study.h5 "
                           "or a CSV table");
  t.sampler = text_attribute(h5.get(), "sampler", what);
  t.study_text = text_attribute(h5.get(), "study", what);
  t.shard = text_attribute(h5.get(), "shard", what);
  t.seed = integer_attribute(h5.get(), "seed", what);
  t.design_count = integer_attribute(h5.get(), "design_count", what);
  if (H5Lexists(h5.get(), "study", H5P_DEFAULT) <= 0)
    throw base::InputError({file, 0, 0, "study"}, "the file has no group \"study\"");
  Hid group(H5Gopen2(h5.get(), "study", H5P_DEFAULT), H5Gclose, what + ": group study");
  for (const std::string& name : link_names(group.get(), what + ": /study")) {
    const std::string dataset_path = "/study/" + name;
    Hid dataset(H5Dopen2(group.get(), name.c_str(), H5P_DEFAULT), H5Dclose, what + ": " + dataset_path);
    const std::string role = text_attribute(dataset.get(), "role", what + ": " + dataset_path);
    if (name == "run") {
      t.runs = read_int64_dataset(path, dataset_path);
    } else if (role == "status") {
      if (name == "status") t.status = read_string_dataset(path, dataset_path);
    } else if (role == "parameter" || role == "kpi" || role == "meta") {
      RunColumn c;
      c.name = name;
      c.role = role;
      c.units = text_attribute(dataset.get(), "units", what + ": " + dataset_path);
      c.values = read_double_dataset(path, dataset_path);
      t.columns.push_back(std::move(c));
    }
  }
  for (const auto& c : t.columns)
    if (c.values.size() != t.runs.size())
      throw base::InputError({file, 0, 0, c.name},
                             "has " + std::to_string(c.values.size()) + " values for " +
                                 std::to_string(t.runs.size()) + " runs; the file is damaged");
  if (!t.status.empty() && t.status.size() != t.runs.size())
    throw base::InputError({file, 0, 0, "status"}, "does not have one value per run; the file is damaged");
  return t;
}

RunTable read_run_csv(const fs::path& path) {
  const std::string file = path.string();
  const std::vector<CsvRecord> records = split_csv_records(base::read_input_file(path, "CSV file", "name a .csv file"), file);
  if (records.empty()) throw base::InputError({file, 1, 0, ""}, "the CSV file is empty; it needs a header row");
  RunTable t;
  t.file = path;
  const CsvRecord& header = records[0];
  int status_index = -1, run_index = -1;
  for (std::size_t i = 0; i < header.cells.size(); ++i) {
    const std::string name = trimmed_cell(header.cells[i]);
    if (name.empty())
      throw base::InputError({file, header.line, static_cast<int>(i + 1), ""}, "empty column name in the header");
    if (t.find(name) != nullptr)
      throw base::InputError({file, header.line, static_cast<int>(i + 1), name}, "the column name appears twice");
    if (name == "status") status_index = static_cast<int>(i);
    if (name == "run") run_index = static_cast<int>(i);
    RunColumn c;
    c.name = name;
    t.columns.push_back(std::move(c));
  }
  for (std::size_t r = 1; r < records.size(); ++r) {
    const CsvRecord& row = records[r];
    if (row.cells.size() != header.cells.size())
      throw base::InputError({file, row.line, 0, ""},
                             "the row has " + std::to_string(row.cells.size()) + " cells but the header " +
                                 std::to_string(header.cells.size()) + "; give every row one cell per column");
    for (std::size_t i = 0; i < row.cells.size(); ++i) {
      RunColumn& c = t.columns[i];
      double x = 0.0;
      if (parse_number(row.cells[i], x)) {
        c.values.push_back(x);
      } else {
        c.values.push_back(std::nan(""));
        if (c.bad_line == 0) {
          c.bad_line = row.line;
          c.bad_column = static_cast<int>(i + 1);
          c.bad_text = trimmed_cell(row.cells[i]);
        }
      }
    }
    if (status_index >= 0) t.status.push_back(trimmed_cell(row.cells[static_cast<std::size_t>(status_index)]));
    t.runs.push_back(run_index >= 0 && !std::isnan(t.columns[static_cast<std::size_t>(run_index)].values.back())
                         ? static_cast<std::int64_t>(t.columns[static_cast<std::size_t>(run_index)].values.back())
                         : static_cast<std::int64_t>(r - 1));
  }
  if (t.runs.empty()) throw base::InputError({file, 2, 0, ""}, "the CSV file has a header but no rows");
  return t;
}

}  // namespace twinlab::io
