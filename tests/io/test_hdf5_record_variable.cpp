// io/hdf5_record_variable: a variable appended to a write_hdf5 file record by record.
#include "io/hdf5_record_variable.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "io/hdf5_read.hpp"
#include "io/hdf5_writer.hpp"
#include "tests/support/test_files.hpp"

namespace io = twinlab::io;
namespace test = twinlab::test;

namespace {

struct Scratch : test::ScratchDir {
  explicit Scratch(const std::string& name) : ScratchDir("h5rv", name) {}
};

// A group with the coordinates time (3), z (2), x (4), as write_hdf5 makes it.
io::Dataset coordinates_only() {
  io::Dataset ds;
  io::Group& g = ds.add_group("eulerian");
  g.add_coordinate("time", std::vector<double>{0, 10, 20}, "s", "time");
  g.add_coordinate("z", std::vector<double>{1, 4}, "m", "height");
  g.add_coordinate("x", std::vector<double>{0, 1, 2, 3}, "m", "easting");
  return ds;
}

}  // namespace

TEST_CASE("hdf5_record_variable: records written one at a time read back as one variable", "[io][record]") {
  Scratch s("records");
  const auto path = s.dir / "results.h5";
  io::write_hdf5(coordinates_only(), path);
  io::Hdf5RecordVariable v(path, "eulerian", "concentration", {"time", "z", "x"}, {3, 2, 4}, "kg m-3", "field");
  CHECK(v.records() == 3);
  CHECK(v.record_size() == 8);
  std::vector<double> record(8);
  for (std::size_t t : {2u, 0u, 1u}) {  // any order
    for (std::size_t i = 0; i < 8; ++i) record[i] = 100.0 * static_cast<double>(t) + static_cast<double>(i);
    v.write(t, record.data());
  }
  CHECK_THROWS_AS(v.write(3, record.data()), std::runtime_error);
  v.close();
  const std::vector<double> all = io::read_double_dataset(path, "/eulerian/concentration");
  REQUIRE(all.size() == 24);
  for (std::size_t n = 0; n < 24; ++n) CHECK(all[n] == 100.0 * static_cast<double>(n / 8) + static_cast<double>(n % 8));
  CHECK(io::read_string_attribute(path, "/eulerian/concentration", "units") == "kg m-3");
  CHECK(io::read_string_attribute(path, "/eulerian/concentration", "long_name") == "field");
  // The coordinates are untouched.
  CHECK(io::read_double_dataset(path, "/eulerian/z") == std::vector<double>{1, 4});
}

TEST_CASE("hdf5_record_variable: unwritten records are NaN, wrong dimensions are refused", "[io][record]") {
  Scratch s("refused");
  const auto path = s.dir / "results.h5";
  io::write_hdf5(coordinates_only(), path);
  {
    io::Hdf5RecordVariable v(path, "eulerian", "partial", {"time", "x"}, {3, 4}, "1", "");
    const std::vector<double> ones(4, 1.0);
    v.write(1, ones.data());
    v.close();
  }
  const std::vector<double> partial = io::read_double_dataset(path, "/eulerian/partial");
  REQUIRE(partial.size() == 12);
  CHECK(std::isnan(partial[0]));
  CHECK(partial[4] == 1.0);
  CHECK(std::isnan(partial[11]));
  CHECK_THROWS_AS(io::Hdf5RecordVariable(path, "eulerian", "bad", {"time", "y"}, {3, 4}, "", ""), std::runtime_error);
  CHECK_THROWS_AS(io::Hdf5RecordVariable(path, "eulerian", "bad", {"time", "x"}, {3, 5}, "", ""), std::runtime_error);
  CHECK_THROWS_AS(io::Hdf5RecordVariable(path, "eulerian", "partial", {"time", "x"}, {3, 4}, "", ""),
                  std::runtime_error);  // exists already
}

TEST_CASE("hdf5_record_variable: a record holding NaN or Inf is refused, naming the variable, time and place",
          "[io][record]") {
  Scratch s("not_finite");
  const auto path = s.dir / "results.h5";
  io::write_hdf5(coordinates_only(), path);
  io::Hdf5RecordVariable v(path, "eulerian", "concentration", {"time", "z", "x"}, {3, 2, 4}, "kg m-3", "field");
  std::vector<double> record(8, 1.0);
  v.write(0, record.data());
  record[5] = std::numeric_limits<double>::infinity();  // z = 4 m (index 1), x = 1 m (index 1)
  record[7] = std::numeric_limits<double>::infinity();
  try {
    v.write(1, record.data());
    FAIL("a record holding +Inf was written");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()) ==
          "the results hold values that are not finite numbers (the model's state overflowed or became undefined), "
          "so none were written: eulerian/concentration = +Inf at time = 10 s (z = 4 m, x = 1 m); 2 such values in 1 "
          "variable");
  }
  record.assign(8, 2.0);
  record[2] = std::numeric_limits<double>::quiet_NaN();
  try {
    v.write(2, record.data());
    FAIL("a record holding NaN was written");
  } catch (const std::runtime_error& e) {
    CHECK_THAT(e.what(), Catch::Matchers::EndsWith("eulerian/concentration = NaN at time = 20 s (z = 1 m, x = 2 m); "
                                                   "1 such value in 1 variable"));
  }
  v.close();
  // Neither refused record reached the file: records 1 and 2 are the fill value.
  const std::vector<double> all = io::read_double_dataset(path, "/eulerian/concentration");
  REQUIRE(all.size() == 24);
  CHECK(all[0] == 1.0);
  CHECK(std::isnan(all[8 + 5]));
  CHECK(std::isnan(all[16]));
}
