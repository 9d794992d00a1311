#pragma once
// The dispersion results for ParaView: a .vti per output time and a .pvd series per model, and sites.vtp with
// the sources and sensors as labelled points.
#include <filesystem>

#include "scenarios/dispersion/job.hpp"

namespace twinlab::scenarios {

void write_dispersion_vtk(const twins::dispersion::Config& config, const DispersionOutcome& outcome,
                          const std::filesystem::path& vtk_dir);

}  // namespace twinlab::scenarios
