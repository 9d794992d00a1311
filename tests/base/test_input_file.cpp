// Tests base/input_file.*: only regular files of at most 64 MiB are read.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "base/error.hpp"
#include "base/input_file.hpp"

namespace fs = std::filesystem;
using twinlab::base::read_input_file;

namespace {

fs::path fresh(const std::string& name) {
  const fs::path path = fs::temp_directory_path() / ("twinlab_input_file_" + std::to_string(getpid()) + "_" + name);
  fs::remove_all(path);
  return path;
}

}  // namespace

TEST_CASE("a regular file is read whole, bytes as they are") {
  const fs::path path = fresh("ok.yaml");
  std::ofstream(path, std::ios::binary) << std::string("a: 1\r\n\0b", 9);
  CHECK(read_input_file(path, "scenario file", "name a .yaml file") == std::string("a: 1\r\n\0b", 9));
  fs::remove(path);
}

TEST_CASE("a device, a FIFO or a directory is refused before it is read") {
  // Before: /dev/zero was read until memory ran out, and a FIFO blocked for ever waiting for a writer.
  CHECK_THROWS_WITH(read_input_file("/dev/zero", "scenario file", "name a .yaml file"),
                    "/dev/zero: is not a regular file (a device, FIFO or socket); name a .yaml file");
  const fs::path fifo = fresh("fifo.yaml");
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  CHECK_THROWS_WITH(read_input_file(fifo, "scenario file", "name a .yaml file"),
                    Catch::Contains("is not a regular file"));
  fs::remove(fifo);
  CHECK_THROWS_WITH(read_input_file(fs::temp_directory_path(), "CSV file", "name a .csv file"),
                    Catch::Contains("is a directory, not a CSV file; name a .csv file"));
  CHECK_THROWS_WITH(read_input_file(fresh("missing.csv"), "CSV file", "name a .csv file"),
                    Catch::Contains("cannot open the CSV file; check the path"));
}

TEST_CASE("a file larger than the limit is refused with its size and the limit") {
  const fs::path path = fresh("big.yaml");
  { std::ofstream(path) << "a: 1\n"; }
  fs::resize_file(path, twinlab::base::max_input_file_bytes + 1);  // sparse: no disk used
  CHECK_THROWS_WITH(read_input_file(path, "scenario file", "name a .yaml file"),
                    Catch::Contains("is 64.0 MiB, more than the 64 MiB a scenario file may have"));
  fs::resize_file(path, twinlab::base::max_input_file_bytes);  // exactly the limit is fine
  CHECK(read_input_file(path, "scenario file", "").size() == twinlab::base::max_input_file_bytes);
  fs::remove(path);
}
