#pragma once
// What `twinlab render` writes into its output directory: the PNGs, and index.csv listing each with its kind,
// simulated time (empty when none) and a one-line description. Shared by the renderers of each twin, of
// studies and of surrogates (scenarios/*/render.cpp).
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace twinlab::scenarios {

struct RenderOptions {
  int max_frames = 24;  // more output times than this: this many, evenly spaced, plus the time of the peak
};

struct PictureEntry {
  std::string file;  // name inside the output directory
  std::string kind;  // "concentration_map", "sensor_series", "line_schematic", ...
  std::optional<double> time_s;
  std::string description;
};

class PictureSet {
 public:
  explicit PictureSet(std::filesystem::path dir) : dir_(std::move(dir)) {}
  const std::filesystem::path& dir() const { return dir_; }
  // The path to write a picture to, recorded in the index.
  std::filesystem::path add(const std::string& file, const std::string& kind, const std::string& description,
                            std::optional<double> time_s = std::nullopt);
  // A line for the user (e.g. "no wind arrow: the meteorology comes from a file"), printed after rendering.
  void note(const std::string& text) { notes_.push_back(text); }
  const std::vector<PictureEntry>& entries() const { return entries_; }
  const std::vector<std::string>& notes() const { return notes_; }
  // index.csv: file,kind,time_s,description (atomically).
  void write_index() const;

 private:
  std::filesystem::path dir_;
  std::vector<PictureEntry> entries_;
  std::vector<std::string> notes_;
};

// A name safe in a file name: letters, digits, '-', '_' and '.' kept, anything else '_'.
std::string file_safe(const std::string& name);

}  // namespace twinlab::scenarios
