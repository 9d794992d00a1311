#pragma once
// Meteorology read from a file (`dispersion.meteorology.file`): a CSV with units in its header
// (io/met_table; columns and rules in docs/dispersion.md, "Meteorology from a file") or AERMOD's AERMET
// surface/profile files (aermet_files.hpp), mapped onto the twin's MeteorologyPeriod records. Calm rows
// (wind below the calm threshold), rows flagged or left missing, and absent rows inside the time-step grid
// become Calm / Missing periods: flagged, skipped by the models, counted and reported, never interpolated.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "twins/dispersion/config.hpp"

namespace twinlab::scenarios {

struct SiteLocation {
  double latitude_deg = 0.0;   // north positive
  double longitude_deg = 0.0;  // east positive
};

struct MeteorologyFileSettings {
  std::filesystem::path path;
  double time_step_s = 3600.0;            // rows lie on t0 + k * time_step_s
  double calm_threshold_m_s = 0.5;        // wind below this at the reference height = calm (EPA practice)
  double max_gap_s = 86400.0;             // longest run of absent rows accepted (filled as Missing)
  double reference_height_m = 10.0;       // wind height when the header states none
  std::optional<SiteLocation> site;       // needed when cloud cover is given (sun elevation)
  twins::dispersion::SurfaceCharacteristics surface;
  double potential_temperature_gradient_K_m = 0.01;
};

struct MeteorologyRecords {
  std::vector<twins::dispersion::MeteorologyPeriod> periods;
  double reference_height_m = 10.0;  // the wind's measurement height
  bool height_from_file = false;     // the file stated the height (header "@10m" or the AERMET record)
  std::string method;                // how stability was obtained, for reports
  // The first local midnight at or after the first record (local = UTC + the first row's written offset), s
  // after the first record, in [0, 86400); < 0 when the file gives no local time (compliance days start there).
  double first_local_midnight_s = -1.0;
};

struct PeriodCounts {
  std::size_t valid = 0, calm = 0, missing = 0;
};
PeriodCounts count_periods(const std::vector<twins::dispersion::MeteorologyPeriod>& periods);

// The CSV format. Throws base::InputError at file:line:column (header cell as key) for a bad file.
MeteorologyRecords read_meteorology_csv(const MeteorologyFileSettings& settings);

}  // namespace twinlab::scenarios
