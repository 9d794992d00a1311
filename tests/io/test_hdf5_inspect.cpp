// io/hdf5_inspect: the `twinlab info` text, filetype checks and their errors (the typed readers: test_hdf5_read).
#include "io/hdf5_inspect.hpp"

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
  explicit Scratch(const std::string& name) : ScratchDir("h5i", name) {}
};

std::string scenario_text() {
  std::string text = "# Industrial stack over flat terrain\ntwin: dispersion\n";
  for (int i = 0; i < 40; ++i) text += "line_" + std::to_string(i) + ": the rest of the scenario\n";
  return text;
}

io::Dataset results(const std::string& filetype = io::results_filetype) {
  io::Dataset ds;
  ds.attributes.set("filetype", filetype);
  ds.attributes.set("format_version", 1);
  ds.attributes.set("seed", std::int64_t{1234});
  ds.attributes.set("scenario", scenario_text());
  io::Group& e = ds.add_group("eulerian");
  e.attributes.set("time_step_s", 2.5);
  e.add_coordinate("time", std::vector<double>{0, 1, 2}, "s", "time since start");
  e.add_coordinate("y", std::vector<double>{0, 1}, "m", "northing");
  e.add_coordinate("x", std::vector<double>{0, 1, 2, 3}, "m", "easting");
  e.add_variable("concentration", {"time", "y", "x"}, {3, 2, 4}, std::vector<double>(24, 1.0), "kg m-3",
                 "cell-mean concentration");
  e.add_variable("corners", {"x", "corner"}, {4, 2}, std::vector<double>(8, 0.0), "m", "");
  io::Group& s = ds.add_group("line/stations");
  s.add_coordinate("station", std::vector<std::string>{"press", "oven"}, "", "station name");
  s.add_variable("parts", {"station"}, {2}, std::vector<std::int64_t>{5, 6}, "1", "parts made");
  return ds;
}

}  // namespace

TEST_CASE("hdf5_inspect: the summary lists attributes, groups, dims, shapes, dtypes and units", "[io][inspect]") {
  Scratch s("describe");
  const fs::path file = s.dir / "results.h5";
  io::write_hdf5(results(), file);
  const std::string text = io::describe_hdf5(file);
  INFO(text);
  CHECK_THAT(text, Catch::Contains("filetype       = \"twinlab-results\""));
  CHECK_THAT(text, Catch::Contains("seed           = 1234"));
  // The long scenario is summarised by size and first line, never dumped whole.
  CHECK_THAT(text, Catch::Contains("scenario       = <text: 42 lines") &&
                       Catch::Contains("\"# Industrial stack over flat terrain\""));
  CHECK_THAT(text, !Catch::Contains("line_39"));
  CHECK_THAT(text, Catch::Contains("group /eulerian"));
  CHECK_THAT(text, Catch::Contains("time_step_s = 2.5"));
  CHECK_THAT(text, Catch::Contains("dimensions: time = 3, y = 2, x = 4, corner = 2 (no coordinate)"));
  CHECK_THAT(text,
             Catch::Matches(
                 R"([\s\S]*concentration +\(time, y, x\) +3x2x4 +float64 +kg m-3 +cell-mean concentration\n[\s\S]*)"));
  CHECK_THAT(text, Catch::Matches(R"([\s\S]*corners +\(x, corner\) +4x2 +float64 +m\n[\s\S]*)"));
  CHECK_THAT(text, Catch::Contains("group /line/stations"));
  CHECK_THAT(text, Catch::Matches(R"([\s\S]*station +\(station\) +2 +string +- +station name\n[\s\S]*)"));
  CHECK_THAT(text, Catch::Matches(R"([\s\S]*parts +\(station\) +2 +int64 +1 +parts made\n[\s\S]*)"));
  CHECK_THAT(text, !Catch::Contains("_Netcdf4Dimid") && !Catch::Contains("DIMENSION_LIST") &&
                       !Catch::Contains("_NCProperties"));
  // Creation order is kept: coordinates before the variables that use them.
  CHECK(text.find("  time ") < text.find("  concentration "));
}

TEST_CASE("hdf5_inspect: the scenario text is available in full", "[io][inspect]") {
  Scratch s("scenario");
  const fs::path file = s.dir / "results.h5";
  io::write_hdf5(results(), file);
  CHECK(io::read_root_text_attribute(file, "scenario") == scenario_text());
  CHECK_THROWS_WITH(io::read_root_text_attribute(file, "nothing"), Catch::Contains("no attribute 'nothing'"));
  CHECK_THROWS_WITH(io::read_root_text_attribute(file, "seed"), Catch::Contains("not text"));
}

TEST_CASE("hdf5_inspect: a missing or non-HDF5 file is the user's input error", "[io][inspect]") {
  Scratch s("input");
  const fs::path missing = s.dir / "missing.h5";
  REQUIRE_THROWS_AS(io::describe_hdf5(missing), twinlab::base::InputError);
  CHECK_THROWS_WITH(io::describe_hdf5(missing), Catch::Contains("missing.h5") && Catch::Contains("no such file"));

  const fs::path text = s.dir / "notes.txt";
  std::ofstream(text) << "this is not HDF5\n";
  REQUIRE_THROWS_AS(io::describe_hdf5(text), twinlab::base::InputError);
  CHECK_THROWS_WITH(io::describe_hdf5(text), Catch::Contains("not an HDF5 file"));
  CHECK_THROWS_AS(io::read_double_dataset(text, "/x"), twinlab::base::InputError);
  CHECK_THROWS_AS(io::describe_hdf5(s.dir), twinlab::base::InputError);
}

TEST_CASE("hdf5_inspect: an HDF5 file that is not a twinlab results file is an input error", "[io][inspect]") {
  Scratch s("filetype");
  const fs::path other = s.dir / "other.h5";
  io::write_hdf5(results("someone-else"), other);
  try {
    io::describe_hdf5(other);
    FAIL("describe_hdf5 accepted a foreign file");
  } catch (const twinlab::base::InputError& e) {  // the user named the wrong file: exit 2
    CHECK_THAT(e.what(), Catch::Contains("not a twinlab results file") && Catch::Contains("someone-else"));
  }
  io::Dataset bare;
  bare.add_group("g").add_variable("v", {}, {}, std::vector<double>{1.0}, "", "");
  io::write_hdf5(bare, other);
  CHECK_THROWS_WITH(io::describe_hdf5(other), Catch::Contains("filetype is missing"));
  CHECK_THROWS_WITH(io::read_root_text_attribute(other, "scenario"), Catch::Contains("not a twinlab results file"));
  // The raw readers do not care about the filetype.
  CHECK(io::read_double_dataset(other, "/g/v") == std::vector<double>{1.0});
}
