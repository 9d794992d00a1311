// Fuzz target: a results file through the inspector, as `twinlab info RESULTS.h5` and
// `twinlab info --scenario` read it. The bytes are written to a file first (HDF5 reads files).
// A crash inside libhdf5 itself is reported, not worked around here: containing it is the damaged-files work.
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_support.hpp"
#include "io/hdf5_inspect.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace twinlab;
  const std::filesystem::path file = fuzz::scratch_dir() / "results.h5";
  fuzz::write_file(file, data, size);
  // A results file that is not one (no `filetype`) fails with std::runtime_error by design: expected here.
  try {
    (void)io::describe_hdf5(file);
  } catch (const std::exception&) {
  }
  try {
    (void)io::read_root_text_attribute(file, "scenario");
  } catch (const std::exception&) {
  }
  return 0;
}
