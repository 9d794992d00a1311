// Fuzz target: a CSV file as an empirical distribution reads it (a production-line station's
// `processing_time: {distribution: empirical, csv: FILE, column: NAME}`): the first column, and the column
// named by the header's last cell, each then validated as a distribution and sampled.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/fuzz_support.hpp"
#include "io/csv_column.hpp"
#include "sim/distributions.hpp"

namespace {

using namespace twinlab;

void read_and_sample(const std::filesystem::path& file, const std::string& column) {
  fuzz::expect_input_errors([&] {
    const sim::Distribution distribution(sim::DistributionSpec::empirical(io::read_csv_column(file, column)));
    sim::RandomStream stream(1);
    for (int i = 0; i < 16; ++i) (void)distribution.sample(stream);
  });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::filesystem::path file = fuzz::scratch_dir() / "column.csv";
  fuzz::write_file(file, data, size);
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::string header = text.substr(0, text.find('\n'));
  const std::size_t comma = header.rfind(',');
  const std::string last = comma == std::string::npos ? header : header.substr(comma + 1);
  read_and_sample(file, "");
  read_and_sample(file, last);
  return 0;
}
