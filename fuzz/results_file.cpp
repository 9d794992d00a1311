// Fuzz target: a results file through the inspector, as `twinlab info RESULTS.h5` and
// `twinlab info --scenario` read it. The bytes are written to a file first (HDF5 reads files).
// It takes the path the CLI takes: io's readers first check a twinlab file in a forked child
// (io/hdf5_check.hpp), which contains a crash inside libhdf5 (the damaged file is then refused, exit 2). So a
// crash, sanitizer report or leak here is in this process: twinlab's own code, or libhdf5 reached by
// something the check did not read first (both a twinlab bug). Every 1 000 inputs and at the end, one line on stderr counts
// the outcomes, among them the inputs whose reading stopped the checking child (the contained crashes).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "base/error.hpp"
#include "fuzz/fuzz_support.hpp"
#include "io/hdf5_check.hpp"
#include "io/hdf5_inspect.hpp"

namespace {

struct Outcomes {
  unsigned long long inputs = 0, read = 0, damaged = 0, contained_crashes = 0, other_errors = 0;
  void print() const {
    std::fprintf(stderr,
                 "results_file: %llu inputs: %llu read, %llu refused as damaged (%llu of them stopped the "
                 "checking child: contained crashes), %llu other errors (not a twinlab file, not HDF5, ...)\n",
                 inputs, read, damaged, contained_crashes, other_errors);
  }
  ~Outcomes() {
    if (inputs > 0) print();
  }
};
Outcomes outcomes;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace twinlab;
  const std::filesystem::path file = fuzz::scratch_dir() / "results.h5";
  fuzz::write_file(file, data, size);
  // Each input rewrites the same path, often with the same size within one tick of the file system's clock:
  // without this the check would take it for the file it already checked.
  io::forget_checked_hdf5_files();
  ++outcomes.inputs;
  // A results file that is not one (no `filetype`) fails with std::runtime_error by design: expected here.
  try {
    (void)io::describe_hdf5(file);
    (void)io::read_root_text_attribute(file, "scenario");
    ++outcomes.read;
  } catch (const base::InputError& e) {
    const std::string text = e.what();
    if (text.find("file is damaged") != std::string::npos) {
      ++outcomes.damaged;
      if (text.find("crashes the HDF5 library") != std::string::npos ||
          text.find("stopped the checking process") != std::string::npos)
        ++outcomes.contained_crashes;
    } else {
      ++outcomes.other_errors;
    }
  } catch (const std::exception&) {
    ++outcomes.other_errors;
  }
  if (outcomes.inputs % 1000 == 0) outcomes.print();
  return 0;
}
