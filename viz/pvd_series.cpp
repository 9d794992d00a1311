#include "viz/pvd_series.hpp"

#include <charconv>
#include <cmath>
#include <fstream>
#include <stdexcept>

#include "base/atomic_file.hpp"

namespace twinlab::viz {

namespace fs = std::filesystem;

namespace {

std::string xml_attribute(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string shortest(double value) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

}  // namespace

std::string pvd_text(const std::vector<PvdEntry>& entries) {
  std::string out =
      "<?xml version=\"1.0\"?>\n"
      "<VTKFile type=\"Collection\" version=\"0.1\" byte_order=\"LittleEndian\">\n"
      "  <Collection>\n";
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const PvdEntry& e = entries[i];
    const std::string where = "ParaView series entry " + std::to_string(i) + ": ";
    if (!std::isfinite(e.time_s)) throw std::invalid_argument(where + "time is not finite");
    if (e.file.empty()) throw std::invalid_argument(where + "file name is empty");
    if (fs::path(e.file).is_absolute()) {
      throw std::invalid_argument(where + "file '" + e.file + "' must be relative to the .pvd file");
    }
    if (e.file.find('\0') != std::string::npos) throw std::invalid_argument(where + "file name contains NUL");
    if (e.part < 0) throw std::invalid_argument(where + "part must be >= 0");
    out += "    <DataSet timestep=\"" + shortest(e.time_s) + "\" group=\"\" part=\"" + std::to_string(e.part) +
           "\" file=\"" + xml_attribute(e.file) + "\"/>\n";
  }
  out += "  </Collection>\n</VTKFile>\n";
  return out;
}

void write_pvd(const std::vector<PvdEntry>& entries, const fs::path& path) {
  const std::string text = pvd_text(entries);
  base::write_text_atomic(path, text);
}

}  // namespace twinlab::viz
