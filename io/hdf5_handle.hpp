#pragma once
// Private to io/: it includes hdf5.h, so include it from io/*.cpp only, never from a public io header.
// The HDF5 plumbing the writer and the readers share: owned identifiers, the text of HDF5's error stack,
// opening a file read-only, and reading the whole of an attribute or dataset.
#include <hdf5.h>

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace twinlab::io::detail {

// " (function: description)" of the innermost entry of HDF5's error stack (the actual cause), "" when the
// stack is empty. The stack is cleared.
std::string hdf5_error_text();

// Throws std::runtime_error("<what> failed (cause)").
[[noreturn]] void fail(const std::string& what);

// fail(what) when status < 0.
void check(herr_t status, const std::string& what);

// Owns one HDF5 identifier and closes it with the matching H5?close.
class Hid {
 public:
  using Closer = herr_t (*)(hid_t);
  // Takes `id`; a negative id (the call that made it failed) throws std::runtime_error(message + cause).
  Hid(hid_t id, Closer closer, const std::string& message);
  ~Hid() { reset(); }
  Hid(const Hid&) = delete;
  Hid& operator=(const Hid&) = delete;
  Hid(Hid&& other) noexcept;
  Hid& operator=(Hid&& other) noexcept;
  hid_t get() const { return id_; }
  // Checked close, for the file whose close flushes everything: check(status, what).
  void close(const std::string& what);

 private:
  void reset();
  hid_t id_ = -1;
  Closer closer_ = nullptr;
};

// Hid(id, closer, what + " failed"): the message style of fail() and check().
Hid own(hid_t id, Hid::Closer closer, const std::string& what);

// 'path', for messages.
std::string quoted(const std::filesystem::path& path);

// Opens an existing HDF5 file read-only (HDF5's error printing switched off; failures become exceptions),
// after check_hdf5_readable (io/hdf5_check.hpp) read it whole in a child process once: a damaged file is
// twinlab::base::InputError "file is damaged: ..." instead of a crash. twinlab::base::InputError also when it
// is missing, a directory or not HDF5; std::runtime_error when HDF5 cannot open it.
Hid open_file(const std::filesystem::path& path);

// open_file without the check (the check's child uses it).
Hid open_file_unchecked(const std::filesystem::path& path);

// What the checking child does (in hdf5_inspect.cpp): if the root attribute `filetype` says a twinlab file,
// every group and dataset is described as `twinlab info` describes it, and every attribute and every value of
// every dataset is read (values in slabs of a few MiB; a file whose datasets claim more than `max_value_bytes`
// is damaged). Throws std::runtime_error at the first thing HDF5 cannot read.
void read_everything(hid_t file, std::uint64_t max_value_bytes);

// "float64", "int32", "uint8", "string", "compound", ... for an HDF5 datatype.
std::string dtype_name(hid_t type);

// The whole of an attribute or dataset. Text is read into `strings` (fixed-length text loses its padding),
// floating-point values into `reals` as double, integers into `integers` as int64; other classes keep only
// their class and dtype.
struct Contents {
  H5T_class_t type_class = H5T_NO_CLASS;
  std::string dtype;
  std::vector<std::string> strings;
  std::vector<double> reals;
  std::vector<std::int64_t> integers;
};

// std::runtime_error starting with `what` when the attribute is missing or cannot be read.
Contents read_attribute(hid_t object, const std::string& name, const std::string& what);

// std::runtime_error starting with `what` when the dataset cannot be read.
Contents read_dataset(hid_t dataset, const std::string& what);

// The one value of `values`; std::runtime_error "<what> is not a single <kind>" otherwise.
template <class T>
T single(const std::vector<T>& values, const std::string& what, std::string_view kind) {
  if (values.size() != 1) throw std::runtime_error(what + " is not a single " + std::string(kind));
  return values[0];
}

}  // namespace twinlab::io::detail
