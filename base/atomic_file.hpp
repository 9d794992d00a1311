#pragma once
// Atomic files: a file appears under its final name only once it is complete. It is first written under a
// hidden temporary name in the same directory (so the final rename(2) stays on one file system and is
// atomic), flushed to disk, then renamed, and the directory is flushed. Failures throw std::runtime_error
// naming the final path; the temporary is removed and whatever had the final name before is left untouched.
// The one implementation that io (HDF5), viz (VTK) and scenarios (JSON, text) all write through.
#include <filesystem>
#include <functional>
#include <string_view>

namespace twinlab::base {

// A name beside `path` that does not exist yet: ".NAME.TAG-PID-COUNTER" in the same directory.
std::filesystem::path hidden_sibling(const std::filesystem::path& path, std::string_view tag);
inline std::filesystem::path temporary_sibling(const std::filesystem::path& path) {
  return hidden_sibling(path, "tmp");
}

// Calls produce(temporary) to write the whole file at a temporary sibling, then flushes it and moves it to
// `path`. produce signals failure by throwing; its message is kept in the std::runtime_error thrown here.
// The directory of `path` must exist.
void write_file_atomically(const std::filesystem::path& path,
                           const std::function<void(const std::filesystem::path& temporary)>& produce);

// write_file_atomically for a text.
void write_text_atomic(const std::filesystem::path& path, std::string_view text);

// fsync of a file or directory by name. A directory that the file system refuses to flush (EINVAL, EBADF)
// counts as flushed: its entries are then as durable as that file system makes them.
bool sync_path(const std::filesystem::path& path, bool directory);

}  // namespace twinlab::base
