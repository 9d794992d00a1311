#pragma once
// AERMOD's own meteorology, as AERMET writes it: the surface file (.SFC, one record an hour: date, hour 1-24
// ending in local standard time, H, u*, w*, dtheta/dz, z_ic, z_im, L, z0, Bowen ratio, albedo, wind speed and
// direction at their height, temperature at its height, ...) and, optionally, the profile file (.PFL, one
// record per hour and level: height, top flag, direction, speed, temperature, sigma_theta, sigma_w). Layout
// and missing-value codes: docs/dispersion.md, "AERMET files". Mapped onto MeteorologyPeriod with the same
// calm / missing rules as the CSV reader.
#include <filesystem>

#include "scenarios/dispersion/meteorology_file.hpp"

namespace twinlab::scenarios {

// settings.path is the .SFC file; profile_path (empty = none) the matching .PFL. Throws base::InputError at
// file:line:column (the field's name as key) for a malformed record.
MeteorologyRecords read_aermet_surface(const MeteorologyFileSettings& settings,
                                       const std::filesystem::path& profile_path = {});

}  // namespace twinlab::scenarios
