#include "scenarios/render/picture_set.hpp"

#include <cctype>
#include <cstdio>

#include "base/atomic_file.hpp"

namespace twinlab::scenarios {

namespace {

std::string csv_cell(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c == '\n' ? ' ' : c);
  return quoted + "\"";
}

}  // namespace

std::filesystem::path PictureSet::add(const std::string& file, const std::string& kind,
                                      const std::string& description, std::optional<double> time_s) {
  entries_.push_back({file, kind, time_s, description});
  return dir_ / file;
}

void PictureSet::write_index() const {
  std::string text = "file,kind,time_s,description\n";
  for (const PictureEntry& e : entries_) {
    char time[32] = "";
    if (e.time_s) std::snprintf(time, sizeof time, "%.17g", *e.time_s);
    text += csv_cell(e.file) + "," + e.kind + "," + time + "," + csv_cell(e.description) + "\n";
  }
  base::write_text_atomic(dir_ / "index.csv", text);
}

std::string file_safe(const std::string& name) {
  std::string safe;
  for (unsigned char c : name) safe += std::isalnum(c) || c == '-' || c == '_' || c == '.' ? static_cast<char>(c) : '_';
  if (safe.empty() || safe[0] == '.') safe.insert(0, "_");
  return safe;
}

}  // namespace twinlab::scenarios
