#include "viz/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>
#include <vtkCallbackCommand.h>
#include <vtkCommand.h>
#include <vtkErrorCode.h>
#include <vtkExecutive.h>
#include <vtkSmartPointer.h>
#include <vtkXMLWriterBase.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>
#include <system_error>

namespace twinlab::viz {

namespace fs = std::filesystem;

namespace {

std::atomic<unsigned long> temporary_counter{0};

fs::path directory_of(const fs::path& path) { return path.parent_path().empty() ? fs::path(".") : path.parent_path(); }

fs::path temporary_beside(const fs::path& path) {
  std::string base(1, '.');  // appended piecewise: GCC 12 warns (-Wrestrict, a false positive) on "." + string
  base += path.filename().native();
  base += ".tmp-";
  base += std::to_string(::getpid());
  base += '-';
  for (;;) {
    fs::path candidate = directory_of(path) / (base + std::to_string(temporary_counter.fetch_add(1)));
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(candidate, ec))) return candidate;
  }
}

bool sync(const fs::path& path, bool directory) {
  const int fd = ::open(path.c_str(), (directory ? O_DIRECTORY : 0) | O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0 || directory;  // some file systems refuse fsync on directories
  ::close(fd);
  return ok;
}

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

void write_atomically(const fs::path& path, const std::function<void(const fs::path&)>& produce) {
  const std::string failure = "cannot write '" + path.string() + "': ";
  if (path.filename().empty()) throw std::runtime_error(failure + "the path names no file");
  std::error_code ec;
  if (!fs::is_directory(directory_of(path), ec)) {
    throw std::runtime_error(failure + "directory '" + directory_of(path).string() + "' does not exist");
  }
  const fs::path temporary = temporary_beside(path);
  try {
    produce(temporary);
    if (!sync(temporary, false))
      throw std::runtime_error(std::string("cannot flush the file: ") + std::strerror(errno));
    if (::rename(temporary.c_str(), path.c_str()) != 0) {
      throw std::runtime_error(std::string("cannot rename the temporary file into place: ") + std::strerror(errno));
    }
  } catch (const std::exception& e) {
    fs::remove(temporary, ec);
    throw std::runtime_error(failure + e.what());
  }
  sync(directory_of(path), true);
}

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
    write_atomically(path, [&](const fs::path& temporary) {
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
