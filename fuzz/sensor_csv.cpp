// Fuzz target: a sensor-observation CSV as `twinlab estimate --observations FILE` reads it (io/sensor_csv),
// against a fixed set of sensor names and a run of two hours.
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_support.hpp"
#include "io/sensor_csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace twinlab;
  const std::filesystem::path file = fuzz::scratch_dir() / "sensors.csv";
  fuzz::write_file(file, data, size);
  io::SensorCsvExpectations expect;
  expect.sensors = {"school", "north", "fence[0]", "ring500m[090]"};
  expect.run_start_s = 0.0;
  expect.run_end_s = 7200.0;
  expect.max_rows = 10000;
  fuzz::expect_input_errors([&] { (void)io::read_sensor_csv(file, expect); });
  return 0;
}
