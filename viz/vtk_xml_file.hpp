#pragma once
// Runs a VTK XML writer into a file atomically (through base/atomic_file): the file appears whole under its
// final name or not at all, and VTK's error messages become the exception's text instead of stderr output.
#include <filesystem>

class vtkXMLWriterBase;  // VTK stays out of viz's public headers; only viz's .cpp files pass one in

namespace twinlab::viz {

// Runs a VTK XML writer (input already set) atomically to `path`: binary appended data, zlib compressed,
// 64-bit headers. Throws std::runtime_error naming `path`; whatever had that name before is untouched.
void write_vtk_xml(vtkXMLWriterBase& writer, const std::filesystem::path& path);

}  // namespace twinlab::viz
