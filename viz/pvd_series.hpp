#pragma once
// A ParaView collection (.pvd): a time series of VTK files, opened in ParaView as one animated dataset.
// Plain XML text; no VTK needed.
#include <filesystem>
#include <string>
#include <vector>

namespace twinlab::viz {

struct PvdEntry {
  double time_s = 0.0;  // simulation time of this file, s
  std::string file;     // path relative to the .pvd's directory, e.g. "fields/concentration_0003.vti"
  int part = 0;         // several files at one time (e.g. blocks of one field) get different parts
};

// The XML text: <VTKFile type="Collection"> with one <DataSet timestep=".." part=".." file=".."/> per entry,
// in the given order. Times are printed in shortest round-trip form. Throws std::invalid_argument for a
// non-finite time, an empty or absolute file name, or a negative part.
std::string pvd_text(const std::vector<PvdEntry>& entries);

// Writes pvd_text(entries) to `path` atomically; std::runtime_error on I/O failure.
void write_pvd(const std::vector<PvdEntry>& entries, const std::filesystem::path& path);

}  // namespace twinlab::viz
