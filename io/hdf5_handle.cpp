#include "io/hdf5_handle.hpp"

#include <algorithm>
#include <fstream>
#include <functional>
#include <system_error>
#include <utility>

#include "base/error.hpp"
#include "io/hdf5_check.hpp"

namespace twinlab::io::detail {

namespace fs = std::filesystem;

// --- errors and owned identifiers -----------------------------------------------------------------------
std::string hdf5_error_text() {
  std::string text;
  H5Ewalk2(
      H5E_DEFAULT, H5E_WALK_DOWNWARD,
      [](unsigned, const H5E_error2_t* e, void* out) -> herr_t {
        auto& s = *static_cast<std::string*>(out);
        s = std::string(e->func_name ? e->func_name : "?") + ": " + (e->desc ? e->desc : "");
        return 0;
      },
      &text);
  H5Eclear2(H5E_DEFAULT);
  return text.empty() ? std::string() : " (" + text + ")";
}

void fail(const std::string& what) { throw std::runtime_error(what + " failed" + hdf5_error_text()); }

void check(herr_t status, const std::string& what) {
  if (status < 0) fail(what);
}

Hid::Hid(hid_t id, Closer closer, const std::string& message) : id_(id), closer_(closer) {
  if (id_ < 0) throw std::runtime_error(message + hdf5_error_text());
}

Hid::Hid(Hid&& other) noexcept : id_(std::exchange(other.id_, -1)), closer_(other.closer_) {}

Hid& Hid::operator=(Hid&& other) noexcept {
  if (this != &other) {
    reset();
    id_ = std::exchange(other.id_, -1);
    closer_ = other.closer_;
  }
  return *this;
}

void Hid::close(const std::string& what) {
  const herr_t status = closer_(std::exchange(id_, -1));
  check(status, what);
}

void Hid::reset() {
  if (id_ >= 0) closer_(std::exchange(id_, -1));
}

Hid own(hid_t id, Hid::Closer closer, const std::string& what) { return Hid(id, closer, what + " failed"); }

// --- opening a file -------------------------------------------------------------------------------------
std::string quoted(const fs::path& path) {
  std::string out(1, '\'');  // built by appending: GCC 12 warns (-Wrestrict, a false positive) on "'" + string
  out += path.native();
  out += '\'';
  return out;
}

namespace {

// Whether the first bytes are HDF5's 8-byte signature with a few bytes changed: a damaged HDF5 file rather
// than some other file.
bool damaged_signature(const fs::path& path) {
  static constexpr unsigned char signature[8] = {0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
  std::ifstream in(path, std::ios::binary);
  unsigned char head[8] = {};
  if (!in.read(reinterpret_cast<char*>(head), sizeof head)) return false;
  int same = 0;
  for (std::size_t i = 0; i < sizeof head; ++i) same += head[i] == signature[i] ? 1 : 0;
  return same >= 5 && same < 8;
}

}  // namespace

Hid open_file(const fs::path& path) {
  check_hdf5_readable(path);
  return open_file_unchecked(path);
}

Hid open_file_unchecked(const fs::path& path) {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);  // library code never prints; failures become exceptions
  std::error_code ec;
  const auto status = fs::status(path, ec);
  const base::InputLocation where{path.string(), 0, 0, ""};
  if (!fs::exists(status)) throw base::InputError(where, "no such file");
  if (fs::is_directory(status)) throw base::InputError(where, "is a directory, not an HDF5 file");
  const htri_t is_hdf5 = H5Fis_hdf5(path.c_str());
  H5Eclear2(H5E_DEFAULT);
  if (is_hdf5 <= 0 && damaged_signature(path))
    throw base::InputError(where, "file is damaged: its HDF5 signature (first 8 bytes) is corrupt");
  if (is_hdf5 <= 0) throw base::InputError(where, "not an HDF5 file");
  Hid fapl(H5Pcreate(H5P_FILE_ACCESS), H5Pclose, "H5Pcreate(file access)");
#if H5_VERSION_GE(1, 10, 7)
  H5Pset_file_locking(fapl.get(), true, true);  // do not fail on file systems without locking
#endif
  return Hid(H5Fopen(path.c_str(), H5F_ACC_RDONLY, fapl.get()), H5Fclose, "cannot open " + quoted(path));
}

// --- reading whole attributes and datasets --------------------------------------------------------------
std::string dtype_name(hid_t type) {
  const std::string bits = std::to_string(8 * H5Tget_size(type));
  switch (H5Tget_class(type)) {
    case H5T_FLOAT:
      return "float" + bits;
    case H5T_INTEGER:
      return (H5Tget_sign(type) == H5T_SGN_NONE ? "uint" : "int") + bits;
    case H5T_STRING:
      return "string";
    case H5T_COMPOUND:
      return "compound";
    case H5T_ENUM:
      return "enum";
    case H5T_REFERENCE:
      return "reference";
    case H5T_VLEN:
      return "vlen";
    case H5T_ARRAY:
      return "array";
    case H5T_OPAQUE:
      return "opaque";
    case H5T_BITFIELD:
      return "bitfield";
    default:
      return "unknown";
  }
}

namespace {

// `read(memory_type, buffer)` reads the whole attribute or dataset.
using Reader = std::function<herr_t(hid_t, void*)>;

// Whether `text` is well-formed UTF-8 (twinlab writes only such text; anything else in a UTF-8 string is damage).
bool valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t extra = 0;  // continuation bytes after the lead byte
    if (c >= 0x80) {
      if (c >= 0xC2 && c <= 0xDF) extra = 1;
      else if (c >= 0xE0 && c <= 0xEF) extra = 2;
      else if (c >= 0xF0 && c <= 0xF4) extra = 3;
      else return false;
    }
    if (text.size() - i <= extra) return false;
    for (std::size_t k = 1; k <= extra; ++k)
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
    i += extra + 1;
  }
  return true;
}

Contents read_contents(hid_t type, hid_t space, const Reader& read, const std::string& what) {
  Contents c;
  c.type_class = H5Tget_class(type);
  c.dtype = dtype_name(type);
  const hssize_t points = H5Sget_simple_extent_type(space) == H5S_NULL ? 0 : H5Sget_simple_extent_npoints(space);
  if (points < 0) throw std::runtime_error(what + ": cannot read its extent" + hdf5_error_text());
  const auto count = static_cast<std::size_t>(points);
  auto checked = [&](herr_t status) {
    if (status < 0) throw std::runtime_error(what + ": read failed" + hdf5_error_text());
  };
  if (c.type_class == H5T_STRING) {
    if (H5Tis_variable_str(type) > 0) {
      Hid memory(H5Tcopy(H5T_C_S1), H5Tclose, "H5Tcopy");
      H5Tset_size(memory.get(), H5T_VARIABLE);
      H5Tset_cset(memory.get(), H5Tget_cset(type));
      std::vector<char*> pointers(count, nullptr);
      if (count > 0) checked(read(memory.get(), pointers.data()));
      for (char* p : pointers) {
        c.strings.emplace_back(p ? p : "");
        H5free_memory(p);
      }
      if (H5Tget_cset(type) == H5T_CSET_UTF8)
        for (const auto& s : c.strings)
          if (!valid_utf8(s)) throw std::runtime_error(what + ": text is not valid UTF-8 (damaged)");
    } else {
      const std::size_t size = H5Tget_size(type);
      std::vector<char> buffer(count * size);
      if (count > 0) checked(read(type, buffer.data()));
      const bool space_padded = H5Tget_strpad(type) == H5T_STR_SPACEPAD;
      for (std::size_t i = 0; i < count; ++i) {
        std::string s(buffer.data() + i * size, size);
        s.resize(std::min(s.find('\0'), s.size()));
        if (space_padded) s.erase(s.find_last_not_of(' ') + 1);
        c.strings.push_back(std::move(s));
      }
    }
  } else if (c.type_class == H5T_FLOAT) {
    c.reals.resize(count);
    if (count > 0) checked(read(H5T_NATIVE_DOUBLE, c.reals.data()));
  } else if (c.type_class == H5T_INTEGER) {
    c.integers.resize(count);
    if (count > 0) checked(read(H5T_NATIVE_INT64, c.integers.data()));
  }
  return c;
}

}  // namespace

Contents read_attribute(hid_t object, const std::string& name, const std::string& what) {
  const htri_t exists = H5Aexists(object, name.c_str());
  if (exists <= 0) throw std::runtime_error(what + ": no attribute '" + name + "'");
  Hid attr(H5Aopen(object, name.c_str(), H5P_DEFAULT), H5Aclose, what + ": cannot open attribute '" + name + "'");
  Hid type(H5Aget_type(attr.get()), H5Tclose, what + ": attribute type");
  Hid space(H5Aget_space(attr.get()), H5Sclose, what + ": attribute space");
  return read_contents(
      type.get(), space.get(), [&](hid_t memory, void* buffer) { return H5Aread(attr.get(), memory, buffer); },
      what + ": attribute '" + name + "'");
}

Contents read_dataset(hid_t dataset, const std::string& what) {
  Hid type(H5Dget_type(dataset), H5Tclose, what + ": dataset type");
  Hid space(H5Dget_space(dataset), H5Sclose, what + ": dataset space");
  return read_contents(
      type.get(), space.get(),
      [&](hid_t memory, void* buffer) { return H5Dread(dataset, memory, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer); },
      what);
}

}  // namespace twinlab::io::detail
