#include "viz/vtk_xml_file.hpp"

#include <vtkCallbackCommand.h>
#include <vtkCommand.h>
#include <vtkErrorCode.h>
#include <vtkExecutive.h>
#include <vtkSmartPointer.h>
#include <vtkXMLWriterBase.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>
#include <system_error>

#include "base/atomic_file.hpp"

namespace twinlab::viz {

namespace fs = std::filesystem;

namespace {

// The message of VTK's multi-line "ERROR: In file, line N\nClass (0x..): message" reports, on one line.
std::string squeeze(const std::string& report) {
  const std::size_t after_object = report.find("): ");
  const std::string text = after_object == std::string::npos ? report : report.substr(after_object + 3);
  std::string out;
  bool space = false;
  for (const char c : text) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      space = !out.empty();
    } else {
      if (space) out += ' ';
      out += c;
      space = false;
    }
  }
  return out;
}

// vtkErrorCode's names without linking vtkCommonMisc (the enum is header-only). Codes below the VTK range
// are the errno of a failed system call.
std::string error_code_text(unsigned long code) {
  if (code < vtkErrorCode::FirstVTKErrorCode) return std::strerror(static_cast<int>(code));
  switch (code) {
    case vtkErrorCode::OutOfDiskSpaceError:
      return "out of disk space";
    case vtkErrorCode::CannotOpenFileError:
      return "cannot open the file";
    case vtkErrorCode::NoFileNameError:
      return "no file name";
    case vtkErrorCode::FileFormatError:
      return "file format error";
    default:
      return "VTK error code " + std::to_string(code);
  }
}

}  // namespace

void write_vtk_xml(vtkXMLWriterBase& writer, const fs::path& path) {
  std::string messages;
  auto collect = vtkSmartPointer<vtkCallbackCommand>::New();
  collect->SetClientData(&messages);
  collect->SetCallback([](vtkObject*, unsigned long, void* client, void* call) {
    auto& text = *static_cast<std::string*>(client);
    if (call != nullptr) text += (text.empty() ? "" : "; ") + squeeze(static_cast<const char*>(call));
  });
  // With an observer attached VTK hands its error text to it instead of printing to stderr. The executive
  // only repeats "algorithm returned failure" with a dump of the request: silenced, not reported.
  auto ignore = vtkSmartPointer<vtkCallbackCommand>::New();
  const unsigned long writer_tag = writer.AddObserver(vtkCommand::ErrorEvent, collect);
  const unsigned long warning_tag = writer.AddObserver(vtkCommand::WarningEvent, collect);
  vtkExecutive* executive = writer.GetExecutive();
  const unsigned long executive_tag = executive->AddObserver(vtkCommand::ErrorEvent, ignore);

  writer.SetDataModeToAppended();
  writer.EncodeAppendedDataOff();  // raw binary after the XML header: compact and fast
  writer.SetCompressorTypeToZLib();
  writer.SetHeaderTypeToUInt64();  // arrays beyond 4 GiB stay addressable

  auto detach = [&] {
    writer.RemoveObserver(writer_tag);
    writer.RemoveObserver(warning_tag);
    executive->RemoveObserver(executive_tag);
    writer.SetFileName(nullptr);
  };
  try {
    base::write_file_atomically(path, [&](const fs::path& temporary) {
      writer.SetFileName(temporary.c_str());
      const int ok = writer.Write();
      const unsigned long code = writer.GetErrorCode();
      if (ok != 1 || code != 0) {
        std::string what = "VTK XML writer failed";
        if (code != 0) what += " (" + error_code_text(code) + ")";
        throw std::runtime_error(what + (messages.empty() ? std::string() : ": " + messages));
      }
    });
  } catch (...) {
    detach();
    throw;
  }
  detach();
}

}  // namespace twinlab::viz
