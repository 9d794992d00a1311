#include "io/hdf5_writer.hpp"

#include <hdf5.h>
#include <hdf5_hl.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <map>
#include <stdexcept>
#include <string>
#include <system_error>
#include <type_traits>
#include <utility>
#include <variant>

#include "base/atomic_file.hpp"
#include "io/finite_check.hpp"
#include "io/hdf5_handle.hpp"
#include "io/hdf5_inspect.hpp"

namespace twinlab::io {

namespace fs = std::filesystem;

namespace {

using detail::check;
using detail::fail;
using detail::Hid;
using detail::own;

constexpr std::size_t compress_above_bytes = 64 * 1024;  // smaller variables stay contiguous
constexpr std::size_t target_chunk_bytes = 1024 * 1024;  // fits HDF5's default 1 MiB chunk cache
constexpr unsigned deflate_level = 4;
constexpr std::size_t memory_increment_bytes = 16 * 1024 * 1024;  // growth step of the in-memory file
constexpr const char* not_a_variable = "This is a netCDF dimension but not a netCDF variable.";

Hid utf8_string_type() {
  Hid type = own(H5Tcopy(H5T_C_S1), H5Tclose, "H5Tcopy");
  check(H5Tset_size(type.get(), H5T_VARIABLE), "H5Tset_size");
  check(H5Tset_cset(type.get(), H5T_CSET_UTF8), "H5Tset_cset");
  check(H5Tset_strpad(type.get(), H5T_STR_NULLTERM), "H5Tset_strpad");
  return type;
}

Hid property_list(hid_t cls, const std::string& what) { return own(H5Pcreate(cls), H5Pclose, what); }

Hid simple_space(const std::vector<hsize_t>& dims) {
  if (dims.empty()) return own(H5Screate(H5S_SCALAR), H5Sclose, "H5Screate");
  return own(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr), H5Sclose, "H5Screate_simple");
}

class FileWriter {
 public:
  explicit FileWriter(const fs::path& label)
      : string_type_(utf8_string_type()),
        link_props_(property_list(H5P_LINK_CREATE, "H5Pcreate(link)")),
        attribute_props_(property_list(H5P_ATTRIBUTE_CREATE, "H5Pcreate(attribute)")),
        group_props_(property_list(H5P_GROUP_CREATE, "H5Pcreate(group)")),
        capture_(std::make_unique<ImageCapture>()),
        file_(create_in_memory(label, capture_.get())) {
    check(H5Pset_char_encoding(link_props_.get(), H5T_CSET_UTF8), "H5Pset_char_encoding");
    check(H5Pset_char_encoding(attribute_props_.get(), H5T_CSET_UTF8), "H5Pset_char_encoding");
    track_order(group_props_.get());
  }

  void write(const Dataset& dataset) {
    write_ncproperties();
    write_attributes(file_.get(), dataset.attributes);
    for (const auto& group : dataset.groups) write_group(group);
  }

  // The finished file's bytes: the in-memory file is closed and its final buffer kept. (Not
  // H5Fget_file_image: in HDF5 1.10.8 its copy of a version 2/3 superblock carries a wrong checksum, and the
  // file would not open again.)
  std::vector<char> take_image() {
    file_.close("closing the in-memory HDF5 file (H5Fclose)");
    if (capture_->closed.empty()) fail("capturing the in-memory HDF5 file");
    std::vector<char> image = std::move(capture_->closed);
    // Superblock version 2/3 (the 1.10 format): the end-of-file address is 8 bytes at offset 28.
    if (image.size() >= 36 && (image[8] == 2 || image[8] == 3)) {
      std::uint64_t eof = 0;
      for (int i = 7; i >= 0; --i) eof = (eof << 8) | static_cast<unsigned char>(image[28 + i]);
      if (eof > 0 && eof <= image.size()) image.resize(static_cast<std::size_t>(eof));
    }
    return image;
  }

 private:
  static void track_order(hid_t plist) {
    check(H5Pset_link_creation_order(plist, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
          "H5Pset_link_creation_order");
    check(H5Pset_attr_creation_order(plist, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
          "H5Pset_attr_creation_order");
  }

  // The file is built in memory (core driver, no backing store) and written to disk by our own code: HDF5
  // then never meets an I/O error, which it cannot always recover from (a failed H5Fclose leaves a file
  // that crashes the library at exit), and a failed disk write is handled like any other atomic write.
  // The core driver allocates the file's buffer through these callbacks: the last buffer, freed at close,
  // holds the finished file (its size is that of the last allocation: the driver trims it to the file).
  struct ImageCapture {
    std::size_t size = 0;
    std::vector<char> closed;
  };

  static H5FD_file_image_callbacks_t capture_callbacks(ImageCapture* capture) {
    H5FD_file_image_callbacks_t c{};
    c.image_malloc = [](std::size_t size, H5FD_file_image_op_t, void* udata) -> void* {
      static_cast<ImageCapture*>(udata)->size = size;
      return std::malloc(size);
    };
    c.image_memcpy = [](void* dest, const void* src, std::size_t size, H5FD_file_image_op_t, void*) -> void* {
      return std::memcpy(dest, src, size);
    };
    c.image_realloc = [](void* ptr, std::size_t size, H5FD_file_image_op_t, void* udata) -> void* {
      void* grown = std::realloc(ptr, size);
      if (grown) static_cast<ImageCapture*>(udata)->size = size;
      return grown;
    };
    c.image_free = [](void* ptr, H5FD_file_image_op_t op, void* udata) -> herr_t {
      auto* into = static_cast<ImageCapture*>(udata);
      if (ptr && op == H5FD_FILE_IMAGE_OP_FILE_CLOSE) {
        const char* bytes = static_cast<const char*>(ptr);
        into->closed.assign(bytes, bytes + into->size);
      }
      std::free(ptr);
      return 0;
    };
    c.udata_copy = [](void* udata) -> void* { return udata; };
    c.udata_free = [](void*) -> herr_t { return 0; };
    c.udata = capture;
    return c;
  }

  static Hid create_in_memory(const fs::path& label, ImageCapture* capture) {
    Hid fcpl = property_list(H5P_FILE_CREATE, "H5Pcreate(file)");
    track_order(fcpl.get());
    Hid fapl = property_list(H5P_FILE_ACCESS, "H5Pcreate(file access)");
    check(H5Pset_fapl_core(fapl.get(), memory_increment_bytes, false), "H5Pset_fapl_core");
    H5FD_file_image_callbacks_t callbacks = capture_callbacks(capture);
    check(H5Pset_file_image_callbacks(fapl.get(), &callbacks), "H5Pset_file_image_callbacks");
    // The 1.10 file format: superblock, object headers, B-trees, heaps' headers and chunk indexes carry
    // checksums, so most damage is detected by HDF5 instead of being followed (h5py, h5netcdf and netCDF-C
    // built on HDF5 >= 1.10 read it).
    check(H5Pset_libver_bounds(fapl.get(), H5F_LIBVER_V110, H5F_LIBVER_V110), "H5Pset_libver_bounds");
    return own(H5Fcreate(label.c_str(), H5F_ACC_TRUNC, fcpl.get(), fapl.get()), H5Fclose,
               "creating the in-memory HDF5 file (H5Fcreate)");
  }

  // --- attributes -------------------------------------------------------------------------------------
  void write_ncproperties() {
    unsigned major = 0, minor = 0, release = 0;
    H5get_libversion(&major, &minor, &release);
    const std::string text = "version=2,twinlab=" + std::string(TWINLAB_VERSION) + ",hdf5=" + std::to_string(major) +
                             "." + std::to_string(minor) + "." + std::to_string(release);
    // netCDF-C writes this one as a fixed-length ASCII string; do the same so its tools parse it.
    Hid type = own(H5Tcopy(H5T_C_S1), H5Tclose, "H5Tcopy");
    check(H5Tset_size(type.get(), text.size() + 1), "H5Tset_size");
    check(H5Tset_strpad(type.get(), H5T_STR_NULLTERM), "H5Tset_strpad");
    Hid space = simple_space({});
    Hid attr = own(H5Acreate2(file_.get(), "_NCProperties", type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
                   H5Aclose, "H5Acreate2(_NCProperties)");
    check(H5Awrite(attr.get(), type.get(), text.c_str()), "H5Awrite(_NCProperties)");
  }

  void write_attribute(hid_t object, const std::string& name, const AttributeValue& value) {
    const std::string what = "writing attribute '" + name + "'";
    auto create = [&](hid_t file_type, const Hid& space) {
      return own(H5Acreate2(object, name.c_str(), file_type, space.get(), attribute_props_.get(), H5P_DEFAULT),
                 H5Aclose, what);
    };
    auto numeric = [&](hid_t file_type, hid_t memory_type, const void* data, std::size_t count, bool array) {
      Hid space = !array       ? simple_space({})
                  : count == 0 ? own(H5Screate(H5S_NULL), H5Sclose, what)
                               : simple_space({static_cast<hsize_t>(count)});
      Hid attr = create(file_type, space);
      if (count > 0) check(H5Awrite(attr.get(), memory_type, data), what);
    };
    std::visit(
        [&](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::string>) {
            Hid space = simple_space({});
            Hid attr = create(string_type_.get(), space);
            const char* text = v.c_str();
            check(H5Awrite(attr.get(), string_type_.get(), &text), what);
          } else if constexpr (std::is_same_v<T, double>) {
            numeric(H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, &v, 1, false);
          } else if constexpr (std::is_same_v<T, std::int64_t>) {
            numeric(H5T_STD_I64LE, H5T_NATIVE_INT64, &v, 1, false);
          } else if constexpr (std::is_same_v<T, std::vector<double>>) {
            numeric(H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, v.data(), v.size(), true);
          } else {
            numeric(H5T_STD_I64LE, H5T_NATIVE_INT64, v.data(), v.size(), true);
          }
        },
        value);
  }

  void write_attributes(hid_t object, const Attributes& attributes) {
    for (const auto& [name, value] : attributes) write_attribute(object, name, value);
  }

  void write_dimid(hid_t scale) {
    const std::int32_t id = next_dimid_++;
    Hid space = simple_space({});
    Hid attr = own(H5Acreate2(scale, "_Netcdf4Dimid", H5T_STD_I32LE, space.get(), H5P_DEFAULT, H5P_DEFAULT),
                   H5Aclose, "H5Acreate2(_Netcdf4Dimid)");
    check(H5Awrite(attr.get(), H5T_NATIVE_INT32, &id), "H5Awrite(_Netcdf4Dimid)");
  }

  // --- groups and datasets ----------------------------------------------------------------------------
  Hid open_or_create_group(const std::string& path) {
    Hid current = own(H5Gopen2(file_.get(), "/", H5P_DEFAULT), H5Gclose, "H5Gopen2(/)");
    std::size_t start = 0;
    while (start < path.size()) {
      const std::size_t slash = std::min(path.find('/', start), path.size());
      const std::string name = path.substr(start, slash - start);
      const htri_t exists = H5Lexists(current.get(), name.c_str(), H5P_DEFAULT);
      check(exists, "H5Lexists(" + name + ")");
      Hid next = exists > 0
                     ? own(H5Gopen2(current.get(), name.c_str(), H5P_DEFAULT), H5Gclose, "opening group " + path)
                     : own(H5Gcreate2(current.get(), name.c_str(), link_props_.get(), group_props_.get(), H5P_DEFAULT),
                           H5Gclose, "creating group " + path);
      current = std::move(next);
      start = slash + 1;
    }
    return current;
  }

  // Chunk shape of about target_chunk_bytes: whole trailing axes, as many leading entries as fit.
  static std::vector<hsize_t> chunk_shape(const std::vector<hsize_t>& dims, std::size_t element_bytes) {
    std::vector<hsize_t> chunk(dims);
    for (std::size_t axis = 0; axis < dims.size(); ++axis) {
      std::size_t inner = element_bytes;
      for (std::size_t k = axis + 1; k < dims.size(); ++k) inner *= dims[k];
      if (inner >= target_chunk_bytes) {
        chunk[axis] = 1;
        continue;
      }
      chunk[axis] = std::clamp<hsize_t>(target_chunk_bytes / inner, 1, dims[axis]);
      break;
    }
    return chunk;
  }

  Hid create_dataset(hid_t group, const std::string& name, hid_t file_type, const std::vector<hsize_t>& dims,
                     std::size_t element_bytes, bool checksummed) {
    Hid space = simple_space(dims);
    Hid dcpl = property_list(H5P_DATASET_CREATE, "H5Pcreate(dataset)");
    check(H5Pset_attr_creation_order(dcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
          "H5Pset_attr_creation_order");
    std::size_t bytes = element_bytes;
    for (const auto d : dims) bytes *= d;
    // Numeric arrays are chunked so that the Fletcher32 filter checksums their values (a filter needs chunks):
    // a changed byte is then a read error, not a silently wrong number. Large ones are also compressed.
    if (checksummed && !dims.empty() && bytes > 0) {
      const auto chunk = chunk_shape(dims, element_bytes);
      check(H5Pset_chunk(dcpl.get(), static_cast<int>(chunk.size()), chunk.data()), "H5Pset_chunk(" + name + ")");
      if (bytes > compress_above_bytes) {
        check(H5Pset_shuffle(dcpl.get()), "H5Pset_shuffle");
        check(H5Pset_deflate(dcpl.get(), deflate_level), "H5Pset_deflate");
      }
      check(H5Pset_fletcher32(dcpl.get()), "H5Pset_fletcher32");
    }
    return own(H5Dcreate2(group, name.c_str(), file_type, space.get(), link_props_.get(), dcpl.get(), H5P_DEFAULT),
               H5Dclose, "creating dataset '" + name + "'");
  }

  Hid write_variable(hid_t group, const Variable& v) {
    std::vector<hsize_t> dims(v.shape.begin(), v.shape.end());
    const std::string what = "writing variable '" + v.name + "'";
    Hid dataset = std::visit(
        [&](const auto& values) {
          using T = typename std::decay_t<decltype(values)>::value_type;
          if constexpr (std::is_same_v<T, std::string>) {
            Hid ds = create_dataset(group, v.name, string_type_.get(), dims, sizeof(char*), false);
            std::vector<const char*> pointers;
            pointers.reserve(values.size());
            for (const auto& s : values) pointers.push_back(s.c_str());
            if (!pointers.empty()) {
              check(H5Dwrite(ds.get(), string_type_.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()), what);
            }
            return ds;
          } else {
            constexpr bool is_double = std::is_same_v<T, double>;
            Hid ds = create_dataset(group, v.name, is_double ? H5T_IEEE_F64LE : H5T_STD_I64LE, dims, sizeof(T), true);
            if (!values.empty()) {
              check(H5Dwrite(ds.get(), is_double ? H5T_NATIVE_DOUBLE : H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT,
                             values.data()),
                    what);
            }
            return ds;
          }
        },
        v.data);
    if (!v.units.empty()) write_attribute(dataset.get(), "units", v.units);
    if (!v.long_name.empty()) write_attribute(dataset.get(), "long_name", v.long_name);
    write_attributes(dataset.get(), v.attributes);
    return dataset;
  }

  void write_group(const Group& group) {
    Hid g = open_or_create_group(group.path);
    write_attributes(g.get(), group.attributes);

    std::map<std::string, Hid> scales;
    for (const auto& dim : group_dimensions(group)) {
      if (dim.has_coordinate) {
        Hid ds = write_variable(g.get(), *group.find(dim.name));
        check(H5DSset_scale(ds.get(), dim.name.c_str()), "H5DSset_scale(" + dim.name + ")");
        write_dimid(ds.get());
        scales.emplace(dim.name, std::move(ds));
      } else {
        Hid ds = create_dataset(g.get(), dim.name, H5T_IEEE_F32LE, {static_cast<hsize_t>(dim.size)}, 4, false);
        char scale_name[96];
        std::snprintf(scale_name, sizeof scale_name, "%s%10zu", not_a_variable, dim.size);
        check(H5DSset_scale(ds.get(), scale_name), "H5DSset_scale(" + dim.name + ")");
        write_dimid(ds.get());
        scales.emplace(dim.name, std::move(ds));
      }
    }
    for (const auto& v : group.variables) {
      Hid ds = write_variable(g.get(), v);
      for (std::size_t axis = 0; axis < v.dims.size(); ++axis) {
        check(H5DSattach_scale(ds.get(), scales.at(v.dims[axis]).get(), static_cast<unsigned>(axis)),
              "attaching dimension '" + v.dims[axis] + "' to '" + v.name + "' (H5DSattach_scale)");
      }
    }
  }

  Hid string_type_;
  Hid link_props_;
  Hid attribute_props_;
  Hid group_props_;
  std::unique_ptr<ImageCapture> capture_;  // outlives file_ (its buffer is freed into it at close)
  Hid file_;  // declared last: closed first, before the property lists and types it was made with
  std::int32_t next_dimid_ = 0;
};

}  // namespace

void write_hdf5(const Dataset& dataset, const fs::path& path) {
  validate(dataset);
  if (const auto* filetype = dataset.attributes.find("filetype");
      filetype != nullptr && std::holds_alternative<std::string>(*filetype) &&
      std::get<std::string>(*filetype) == results_filetype) {
    if (const std::string bad = non_finite_result(dataset); !bad.empty())
      throw std::runtime_error(non_finite_refusal(bad));
  }
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);  // library code never prints; failures become exceptions
  const std::string failure = "cannot write results file '" + path.string() + "': ";
  if (path.filename().empty()) throw std::runtime_error(failure + "the path names no file");
  const fs::path parent = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  std::error_code ec;
  if (!fs::is_directory(parent, ec)) {
    throw std::runtime_error(failure + "directory '" + parent.string() + "' does not exist");
  }
  std::vector<char> image;
  try {
    // Named like a temporary sibling only so that the name is unique among files HDF5 has open; nothing is
    // created on disk under it.
    FileWriter writer(base::temporary_sibling(path));
    writer.write(dataset);
    image = writer.take_image();
  } catch (const std::exception& e) {
    throw std::runtime_error(failure + e.what());
  }
  base::write_text_atomic(path, std::string_view(image.data(), image.size()));  // runtime_error names `path`
}

}  // namespace twinlab::io
