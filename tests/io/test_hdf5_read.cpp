// io/hdf5_read: the raw typed readers, their type checks and their errors.
#include "io/hdf5_read.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <stdexcept>
#include <string>

#include "io/hdf5_writer.hpp"
#include "base/error.hpp"
#include "tests/support/test_files.hpp"

namespace fs = std::filesystem;
namespace io = twinlab::io;
namespace test = twinlab::test;

namespace {

struct Scratch : test::ScratchDir {
  explicit Scratch(const std::string& name) : ScratchDir("h5r", name) {}
};

// Root and group attributes, a float64 coordinate, a text coordinate and an int64 variable.
io::Dataset small_results() {
  io::Dataset ds;
  ds.attributes.set("format_version", 1);
  ds.attributes.set("seed", std::int64_t{1234});
  io::Group& e = ds.add_group("eulerian");
  e.attributes.set("time_step_s", 2.5);
  e.add_coordinate("x", std::vector<double>{0, 1, 2, 3}, "m", "easting");
  io::Group& s = ds.add_group("line/stations");
  s.add_coordinate("station", std::vector<std::string>{"press", "oven"}, "", "station name");
  s.add_variable("parts", {"station"}, {2}, std::vector<std::int64_t>{5, 6}, "1", "parts made");
  return ds;
}

}  // namespace

TEST_CASE("hdf5_read: readers report missing objects and wrong types", "[io][read]") {
  Scratch s("readers");
  const fs::path file = s.dir / "results.h5";
  io::write_hdf5(small_results(), file);
  CHECK(io::read_int64_attribute(file, "/", "format_version") == 1);
  CHECK(io::read_double_attribute(file, "/eulerian", "time_step_s") == 2.5);
  CHECK(io::read_double_dataset(file, "/line/stations/parts") == std::vector<double>{5.0, 6.0});  // int -> double
  CHECK_THROWS_WITH(io::read_double_dataset(file, "/eulerian/nothing"),
                    Catch::Contains("no dataset '/eulerian/nothing'"));
  CHECK_THROWS_WITH(io::read_string_attribute(file, "/nowhere", "units"), Catch::Contains("no object '/nowhere'"));
  CHECK_THROWS_WITH(io::read_double_attribute(file, "/", "seed"), Catch::Contains("int64"));
  CHECK_THROWS_WITH(io::read_int64_dataset(file, "/eulerian/x"), Catch::Contains("float64"));
  CHECK_THROWS_WITH(io::read_double_dataset(file, "/line/stations/station"), Catch::Contains("string"));
  CHECK_THROWS_AS(io::read_string_attribute(file, "/eulerian/x", "nothing"), std::runtime_error);
}

TEST_CASE("hdf5_read: hdf5_object_exists answers for groups and datasets at any depth", "[io][read]") {
  Scratch s("exists");
  const fs::path file = s.dir / "results.h5";
  io::write_hdf5(small_results(), file);
  CHECK(io::hdf5_object_exists(file, "/"));
  CHECK(io::hdf5_object_exists(file, "/eulerian"));
  CHECK(io::hdf5_object_exists(file, "/eulerian/x"));
  CHECK(io::hdf5_object_exists(file, "/line/stations/parts"));
  CHECK_FALSE(io::hdf5_object_exists(file, "/plume"));
  CHECK_FALSE(io::hdf5_object_exists(file, "/plume/concentration"));  // a missing group on the way: false
  CHECK_FALSE(io::hdf5_object_exists(file, "/line/stations/nothing"));
}

TEST_CASE("hdf5_read: a missing or non-HDF5 file is the user's input error", "[io][read]") {
  Scratch s("input");
  const fs::path missing = s.dir / "missing.h5";
  REQUIRE_THROWS_AS(io::read_int64_attribute(missing, "/", "seed"), twinlab::base::InputError);
  CHECK_THROWS_WITH(io::read_int64_attribute(missing, "/", "seed"),
                    Catch::Contains("missing.h5") && Catch::Contains("no such file"));
  const fs::path text = s.dir / "notes.txt";
  std::ofstream(text) << "this is not HDF5\n";
  REQUIRE_THROWS_AS(io::read_string_dataset(text, "/x"), twinlab::base::InputError);
  CHECK_THROWS_WITH(io::read_string_dataset(text, "/x"), Catch::Contains("not an HDF5 file"));
}
