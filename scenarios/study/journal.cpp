#include "scenarios/study/journal.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "base/error.hpp"
#include "base/interrupt.hpp"

namespace twinlab::scenarios {

using nlohmann::json;

namespace {

json number(double x) { return std::isfinite(x) ? json(x) : json(nullptr); }

std::vector<double> numbers(const json& array) {
  std::vector<double> out;
  out.reserve(array.size());
  for (const auto& x : array) out.push_back(x.is_null() ? std::nan("") : x.get<double>());
  return out;
}

json numbers_json(const std::vector<double>& values) {
  json out = json::array();
  for (const double x : values) out.push_back(number(x));
  return out;
}

json header_json(const JournalHeader& h) {
  return {{"type", "header"}, {"filetype", "twinlab-journal"}, {"format_version", 1},
          {"study", h.study_name}, {"study_hash", h.study_hash}, {"study_text", h.study_text},
          {"scenario_text", h.scenario_text}, {"sampler", h.sampler}, {"twin", h.twin}, {"seed", h.seed},
          {"count", h.count}, {"shard_index", h.shard_index}, {"shard_count", h.shard_count},
          {"parameters", h.parameter_names}, {"parameter_units", h.parameter_units}};
}

JournalHeader header_from(const json& j) {
  JournalHeader h;
  h.study_name = j.at("study");
  h.study_hash = j.at("study_hash");
  h.study_text = j.at("study_text");
  h.scenario_text = j.at("scenario_text");
  h.sampler = j.at("sampler");
  h.twin = j.at("twin");
  h.seed = j.at("seed");
  h.count = j.at("count");
  h.shard_index = j.at("shard_index");
  h.shard_count = j.at("shard_count");
  h.parameter_names = j.at("parameters").get<std::vector<std::string>>();
  h.parameter_units = j.at("parameter_units").get<std::vector<std::string>>();
  return h;
}

json outputs_json(const JournalOutputs& o) {
  json fields = json::array();
  for (const auto& f : o.fields) fields.push_back({{"name", f.name}, {"unit", f.unit}, {"dims", f.dims}, {"shape", f.shape}});
  return {{"type", "outputs"}, {"kpis", o.kpi_names}, {"units", o.kpi_units}, {"fields", fields}};
}

JournalOutputs outputs_from(const json& j) {
  JournalOutputs o;
  o.kpi_names = j.at("kpis").get<std::vector<std::string>>();
  o.kpi_units = j.at("units").get<std::vector<std::string>>();
  for (const auto& f : j.at("fields"))
    o.fields.push_back({f.at("name"), f.at("unit"), f.at("dims").get<std::vector<std::string>>(),
                        f.at("shape").get<std::vector<std::size_t>>()});
  return o;
}

json record_json(const RunRecord& r) {
  json fields = json::array();
  for (const auto& f : r.fields) fields.push_back(numbers_json(f));
  return {{"type", "run"}, {"run", r.run}, {"status", r.status}, {"message", r.message}, {"seed", r.seed},
          {"wall_time_s", r.wall_time_s}, {"parameters", numbers_json(r.parameters)},
          {"kpis", numbers_json(r.kpis)}, {"fields", fields}};
}

RunRecord record_from(const json& j) {
  RunRecord r;
  r.run = j.at("run");
  r.status = j.at("status");
  r.message = j.at("message");
  r.seed = j.at("seed");
  r.wall_time_s = j.at("wall_time_s");
  r.parameters = numbers(j.at("parameters"));
  r.kpis = numbers(j.at("kpis"));
  for (const auto& f : j.at("fields")) r.fields.push_back(numbers(f));
  return r;
}

int open_for_append(const std::filesystem::path& path, bool create) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC | (create ? O_CREAT | O_EXCL : 0), 0666);
  if (fd < 0) throw std::runtime_error("cannot open the journal '" + path.string() + "': " + std::strerror(errno));
  return fd;
}

}  // namespace

std::string record_text(const RunRecord& record) { return record_json(record).dump(); }
RunRecord parse_record_text(const std::string& text) { return record_from(json::parse(text)); }
std::string outputs_text(const JournalOutputs& outputs) { return outputs_json(outputs).dump(); }
JournalOutputs parse_outputs_text(const std::string& text) { return outputs_from(json::parse(text)); }

Journal Journal::create(const std::filesystem::path& path, const JournalHeader& header) {
  Journal j;
  j.path_ = path;
  j.header_ = header;
  j.fd_ = open_for_append(path, true);
  j.write_line(header_json(header).dump());
  return j;
}

Journal Journal::open(const std::filesystem::path& path, bool for_append) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw base::InputError({path.string(), 0, 0, ""}, "cannot open the journal");
  Journal j;
  j.path_ = path;
  std::string line;
  std::size_t number = 0;
  std::uintmax_t good_bytes = 0;  // the journal up to its last whole line
  bool torn = false;
  while (std::getline(in, line)) {
    ++number;
    if (in.eof()) {  // no newline at the end: a write cut short by a kill
      torn = true;
      break;
    }
    try {
      const json entry = json::parse(line);
      const std::string type = entry.at("type");
      if (number == 1) {
        if (type != "header" || entry.value("filetype", "") != "twinlab-journal") throw std::runtime_error("no header");
        j.header_ = header_from(entry);
      } else if (type == "outputs") {
        j.outputs_ = outputs_from(entry);
      } else if (type == "run") {
        j.records_.push_back(record_from(entry));
      }
    } catch (const std::exception& e) {
      throw base::InputError({path.string(), static_cast<int>(number), 0, ""},
                             std::string("not a twinlab sweep journal, or damaged: ") + e.what());
    }
    good_bytes += line.size() + 1;
  }
  if (number == 0) throw base::InputError({path.string(), 0, 0, ""}, "an empty journal (no header)");
  in.close();
  if (!for_append) return j;
  if (torn) std::filesystem::resize_file(path, good_bytes);  // drop the half-written last line
  j.fd_ = open_for_append(path, false);
  return j;
}

Journal::Journal(Journal&& other) noexcept
    : path_(std::move(other.path_)), fd_(other.fd_), header_(std::move(other.header_)),
      outputs_(std::move(other.outputs_)), records_(std::move(other.records_)) {
  other.fd_ = -1;
}

Journal::~Journal() {
  if (fd_ >= 0) ::close(fd_);
}

void Journal::write_line(const std::string& text) {
  const std::string line = text + "\n";
  const base::InterruptDeferral deferral;  // Ctrl-C / SIGTERM never cuts a line in half
  const off_t start = ::lseek(fd_, 0, SEEK_END);
  std::size_t written = 0;
  while (written < line.size()) {
    const ssize_t n = ::write(fd_, line.data() + written, line.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int error = errno;
      if (start >= 0 && ::ftruncate(fd_, start) != 0) {
        // nothing more to do: a half line left by a failed truncation is dropped when the journal is reopened
      }
      throw std::runtime_error("cannot write the journal '" + path_.string() + "': " + std::strerror(error));
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fdatasync(fd_) != 0)
    throw std::runtime_error("cannot flush the journal '" + path_.string() + "': " + std::strerror(errno));
}

void Journal::set_outputs(const JournalOutputs& outputs) {
  std::lock_guard lock(mutex_);
  if (outputs_.known()) return;
  outputs_ = outputs;
  write_line(outputs_json(outputs).dump());
}

void Journal::append(const RunRecord& record) {
  std::lock_guard lock(mutex_);
  write_line(record_json(record).dump());
  records_.push_back(record);
}

}  // namespace twinlab::scenarios
