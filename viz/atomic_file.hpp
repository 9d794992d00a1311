#pragma once
// Atomic output for viz's writers (viz does not depend on io, so it carries its own small helper):
// a file is produced under a hidden temporary name in the target's directory, flushed, then renamed.
// On failure the temporary is removed, whatever had the final name is untouched, and std::runtime_error
// names the final path.
#include <filesystem>
#include <functional>

class vtkXMLWriterBase;  // VTK stays out of viz's public headers; only viz's .cpp files pass one in

namespace twinlab::viz {

// Calls produce(temporary) to write the whole file at `temporary`, then moves it to `path`.
// produce signals failure by throwing; its message is kept in the std::runtime_error thrown here.
void write_atomically(const std::filesystem::path& path,
                      const std::function<void(const std::filesystem::path& temporary)>& produce);

// Runs a VTK XML writer (input already set) atomically to `path`: binary appended data, zlib compressed,
// 64-bit headers. VTK's error messages are captured into the exception instead of printed.
void write_vtk_xml(vtkXMLWriterBase& writer, const std::filesystem::path& path);

}  // namespace twinlab::viz
