// io/hdf5_writer: round trip, netCDF-4/h5netcdf layout checked by Debian's Python, chunking, atomicity.
#include "io/hdf5_writer.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <random>
#include <set>
#include <stdexcept>
#include <string>

#include "io/hdf5_inspect.hpp"
#include "tests/support/test_files.hpp"

namespace fs = std::filesystem;
namespace io = twinlab::io;
namespace test = twinlab::test;

namespace {

struct Scratch : test::ScratchDir {
  explicit Scratch(const std::string& name) : ScratchDir("h5w", name) {}
};

// Values with a closed form, so the Python check can recompute them: c[t,z,y,x] = 1000t + 100z + 10y + x + 0.25.
constexpr std::size_t nt = 3, nz = 2, ny = 4, nx = 5;
double field_value(std::size_t t, std::size_t z, std::size_t y, std::size_t x) {
  return 1000.0 * t + 100.0 * z + 10.0 * y + x + 0.25;
}
// A smooth 1.5 MiB field (40 x 60 x 80 doubles): large enough to be chunked, split along time, compressed.
constexpr std::size_t bt = 40, by = 60, bx = 80;
double smooth_value(std::size_t t, std::size_t y, std::size_t x) {
  return std::exp(-(std::pow((x - 40.0) / 15.0, 2) + std::pow((y - 30.0) / 10.0, 2))) * (1.0 + 0.01 * t);
}

io::Dataset example_dataset() {
  io::Dataset ds;
  ds.attributes.set("filetype", io::results_filetype);
  ds.attributes.set("format_version", 1);
  ds.attributes.set("seed", std::int64_t{42});
  ds.attributes.set("wind_speed_m_s", 6.5);
  ds.attributes.set("domain_m", std::vector<double>{1000.0, 800.0, 200.0});
  ds.attributes.set("cells", std::vector<std::int64_t>{50, 40, 10});
  ds.attributes.set("empty_list", std::vector<double>{});
  ds.attributes.set("scenario", "twin: dispersion\nname: stack\n# ünïcode comment\n");

  io::Group& e = ds.add_group("eulerian");
  e.attributes.set("model", "finite volume");
  std::vector<double> c;
  for (std::size_t t = 0; t < nt; ++t)
    for (std::size_t z = 0; z < nz; ++z)
      for (std::size_t y = 0; y < ny; ++y)
        for (std::size_t x = 0; x < nx; ++x) c.push_back(field_value(t, z, y, x));
  e.add_coordinate("time", std::vector<double>{0.0, 60.0, 120.0}, "s", "time since start");
  e.add_coordinate("z", std::vector<double>{5.0, 15.0}, "m", "height");
  e.add_coordinate("y", std::vector<double>{-15.0, -5.0, 5.0, 15.0}, "m", "northing");
  e.add_coordinate("x", std::vector<double>{0.0, 10.0, 20.0, 30.0, 40.0}, "m", "easting");
  e.add_coordinate("receptor", std::vector<std::string>{"north gate", "école"}, "", "sensor name");
  io::Variable& conc = e.add_variable("concentration", {"time", "z", "y", "x"}, {nt, nz, ny, nx}, c, "kg m-3",
                                      "cell-mean concentration");
  conc.attributes.set("grid_height_m", 2.0);
  e.add_variable("receptor_concentration", {"time", "receptor"}, {nt, 2},
                 std::vector<double>{1e-9, 2e-9, 3e-9, 4e-9, 5e-9, 6e-9}, "kg m-3", "at the sensor");
  e.add_variable("steps", {"time"}, {nt}, std::vector<std::int64_t>{0, 12, 24}, "1", "solver steps taken");
  e.add_variable("x_bounds", {"x", "nv"}, {nx, 2}, std::vector<double>{-5, 5, 5, 15, 15, 25, 25, 35, 35, 45}, "m",
                 "cell edges");  // "nv": a dimension without coordinate values
  e.add_variable("total_emitted", {}, {}, std::vector<double>{12.5}, "kg", "scalar");

  io::Group& big = ds.add_group("big");
  std::vector<double> b;
  for (std::size_t t = 0; t < bt; ++t)
    for (std::size_t y = 0; y < by; ++y)
      for (std::size_t x = 0; x < bx; ++x) b.push_back(smooth_value(t, y, x));
  big.add_variable("field", {"t", "y", "x"}, {bt, by, bx}, b, "kg m-3", "smooth field");

  io::Group& st = ds.add_group("line/stations");
  st.add_coordinate("station", std::vector<std::string>{"press", "oven", "pack"}, "", "station name");
  st.add_variable("parts", {"station"}, {3}, std::vector<std::int64_t>{120, 118, 117}, "1", "parts made");
  st.add_coordinate("sensor", std::vector<std::string>{}, "", "no sensors on this line");  // a zero-length dim
  return ds;
}

}  // namespace

TEST_CASE("hdf5_writer: values, strings and attributes read back exactly", "[io][hdf5]") {
  Scratch s("roundtrip");
  const fs::path file = s.dir / "results.h5";
  io::write_hdf5(example_dataset(), file);
  REQUIRE(s.entries() == std::set<std::string>{"results.h5"});  // no temporary left beside it

  // Exact equality: HDF5 stores IEEE doubles and int64 losslessly.
  const auto c = io::read_double_dataset(file, "/eulerian/concentration");
  REQUIRE(c.size() == nt * nz * ny * nx);
  CHECK(c[((2 * nz + 1) * ny + 3) * nx + 4] == field_value(2, 1, 3, 4));
  CHECK(io::read_double_dataset(file, "/eulerian/x") == std::vector<double>{0.0, 10.0, 20.0, 30.0, 40.0});
  CHECK(io::read_int64_dataset(file, "/eulerian/steps") == std::vector<std::int64_t>{0, 12, 24});
  CHECK(io::read_string_dataset(file, "/eulerian/receptor") == std::vector<std::string>{"north gate", "école"});
  CHECK(io::read_string_dataset(file, "/line/stations/sensor").empty());
  CHECK(io::read_double_dataset(file, "/eulerian/total_emitted") == std::vector<double>{12.5});

  CHECK(io::read_string_attribute(file, "/", "filetype") == "twinlab-results");
  CHECK(io::read_int64_attribute(file, "/", "seed") == 42);
  CHECK(io::read_double_attribute(file, "/", "wind_speed_m_s") == 6.5);
  CHECK(io::read_string_attribute(file, "/", "scenario") == "twin: dispersion\nname: stack\n# ünïcode comment\n");
  CHECK(io::read_string_attribute(file, "/eulerian", "model") == "finite volume");
  CHECK(io::read_string_attribute(file, "/eulerian/concentration", "units") == "kg m-3");
  CHECK(io::read_string_attribute(file, "/eulerian/concentration", "long_name") == "cell-mean concentration");
  CHECK(io::read_double_attribute(file, "/eulerian/concentration", "grid_height_m") == 2.0);
  CHECK_THROWS_AS(io::read_string_attribute(file, "/eulerian/receptor", "units"), std::runtime_error);  // "" omitted
}

TEST_CASE("hdf5_writer: coordinates are dimension scales attached to every axis that uses them", "[io][hdf5]") {
  Scratch s("scales");
  const fs::path file = s.dir / "results.h5";
  io::write_hdf5(example_dataset(), file);

  const auto conc = io::inspect_variable(file, "/eulerian/concentration");
  CHECK(conc.dims == std::vector<std::string>{"time", "z", "y", "x"});
  CHECK(conc.shape == std::vector<std::size_t>{nt, nz, ny, nx});
  CHECK(conc.dtype == "float64");
  CHECK(conc.units == "kg m-3");
  CHECK_FALSE(conc.is_coordinate);
  // 960 bytes: one chunk (so that Fletcher32 checksums it), not compressed.
  CHECK(conc.chunks == std::vector<std::size_t>{nt, nz, ny, nx});
  CHECK(conc.fletcher32);
  CHECK(conc.deflate_level == -1);

  const auto x = io::inspect_variable(file, "/eulerian/x");
  CHECK(x.is_coordinate);
  CHECK(x.dims == std::vector<std::string>{"x"});
  const auto nv = io::inspect_variable(file, "/eulerian/nv");
  CHECK(nv.is_dimension_only);
  CHECK(nv.shape == std::vector<std::size_t>{2});
  CHECK(io::inspect_variable(file, "/eulerian/x_bounds").dims == std::vector<std::string>{"x", "nv"});
  CHECK(io::inspect_variable(file, "/eulerian/steps").dtype == "int64");
  CHECK(io::inspect_variable(file, "/eulerian/receptor").dtype == "string");
  CHECK(io::inspect_variable(file, "/line/stations/parts").dims == std::vector<std::string>{"station"});
}

TEST_CASE("hdf5_writer: large variables are chunked along the first dimension and compressed", "[io][hdf5]") {
  Scratch s("chunks");
  const fs::path file = s.dir / "results.h5";
  io::write_hdf5(example_dataset(), file);
  const auto big = io::inspect_variable(file, "/big/field");
  // 1 MiB target / (60 * 80 * 8 bytes per time slice) = 27 slices per chunk; whole trailing axes.
  CHECK(big.chunks == std::vector<std::size_t>{27, by, bx});
  CHECK(big.shuffle);
  CHECK(big.deflate_level == 4);
  CHECK(io::read_double_dataset(file, "/big/field")[(17 * by + 31) * bx + 42] == smooth_value(17, 31, 42));
  // The field is a smooth Gaussian: shuffle + gzip must shrink it well below its raw 1.5 MiB. Half is a loose
  // bound (smooth doubles typically compress 3-10x); failing it means the filters are not applied.
  const auto raw_bytes = bt * by * bx * sizeof(double);
  CAPTURE(fs::file_size(file), raw_bytes);
  CHECK(fs::file_size(file) < raw_bytes / 2);
}

TEST_CASE("hdf5_writer: h5py and xarray (h5netcdf) read named dims, coordinates and units", "[io][hdf5][python]") {
  if (!test::system_python_imports("h5py, xarray, h5netcdf")) {
    test::skip("Debian's /usr/bin/python3 lacks h5py, xarray or h5netcdf");
    return;
  }
  Scratch s("python");
  const fs::path file = s.dir / "results.h5";
  io::write_hdf5(example_dataset(), file);
  const auto run = test::run_python_check(s.dir, R"PY(
import sys
import h5py
import numpy as np
import xarray as xr

path = sys.argv[1]
with h5py.File(path, "r") as f:
    assert f.attrs["filetype"] == "twinlab-results", f.attrs["filetype"]
    assert f.attrs["seed"] == 42
    assert list(f.attrs["domain_m"]) == [1000.0, 800.0, 200.0]
    assert f["eulerian/concentration"].shape == (3, 2, 4, 5)
    assert f["eulerian/x"].attrs["units"] == "m"
    assert f["eulerian/concentration"].dims[3][0].name == "/eulerian/x"
    assert [s.decode() for s in f["eulerian/receptor"][...]] == ["north gate", "\u00e9cole"]
    assert f["big/field"].compression == "gzip" and f["big/field"].shuffle

root = xr.open_dataset(path, engine="h5netcdf")
assert root.attrs["filetype"] == "twinlab-results"
assert root.attrs["seed"] == 42 and root.attrs["wind_speed_m_s"] == 6.5
assert root.attrs["scenario"].splitlines()[1] == "name: stack"

e = xr.open_dataset(path, engine="h5netcdf", group="eulerian")
c = e["concentration"]
assert c.dims == ("time", "z", "y", "x"), c.dims
assert c.attrs["units"] == "kg m-3" and c.attrs["long_name"] == "cell-mean concentration"
t, z, y, x = np.meshgrid(range(3), range(2), range(4), range(5), indexing="ij")
np.testing.assert_array_equal(c.values, 1000.0 * t + 100.0 * z + 10.0 * y + x + 0.25)
np.testing.assert_array_equal(e["x"].values, [0.0, 10.0, 20.0, 30.0, 40.0])
np.testing.assert_array_equal(e["time"].values, [0.0, 60.0, 120.0])
assert e["x"].attrs["units"] == "m" and e["time"].attrs["units"] == "s"
assert list(e["receptor"].values) == ["north gate", "\u00e9cole"]
assert e["receptor_concentration"].dims == ("time", "receptor")
assert float(e["receptor_concentration"].sel(receptor="\u00e9cole", time=60.0)) == 4e-9
assert e["steps"].dtype == np.int64
assert e["x_bounds"].dims == ("x", "nv") and e.sizes["nv"] == 2
assert "nv" not in e.variables, "a dimension without coordinate must not appear as a variable"
assert e["total_emitted"].dims == () and float(e["total_emitted"]) == 12.5
assert e.attrs["model"] == "finite volume"

b = xr.open_dataset(path, engine="h5netcdf", group="big")
assert b["field"].dims == ("t", "y", "x")
assert abs(float(b["field"][17, 31, 42]) - np.exp(-(((42 - 40) / 15) ** 2 + ((31 - 30) / 10) ** 2)) * 1.17) < 1e-15

s = xr.open_dataset(path, engine="h5netcdf", group="line/stations")
assert list(s["station"].values) == ["press", "oven", "pack"]
assert s["parts"].sel(station="oven") == 118
assert s.sizes["sensor"] == 0
print("python check ok")
)PY", file);
  INFO(run.output);
  REQUIRE(run.exit_code == 0);
}

TEST_CASE("hdf5_writer: netCDF-C's ncdump reads the layout as netCDF-4 (when netcdf-bin is installed)",
          "[io][hdf5][netcdf]") {
  if (test::run_shell("command -v ncdump >/dev/null 2>&1") != 0) {
    test::skip("ncdump (Debian package netcdf-bin) is not installed");
    return;
  }
  Scratch s("ncdump");
  const fs::path file = s.dir / "results.h5";
  io::write_hdf5(example_dataset(), file);
  const fs::path header = s.dir / "header.txt";
  REQUIRE(test::run_shell("ncdump -h " + file.string() + " >" + header.string() + " 2>&1") == 0);
  const std::string text = test::slurp(header);
  INFO(text);
  CHECK_THAT(text, Catch::Contains("group: eulerian {") && Catch::Contains("time = 3 ;") &&
                       Catch::Contains("nv = 2 ;") && Catch::Contains("double concentration(time, z, y, x) ;") &&
                       Catch::Contains("string receptor(receptor) ;") && Catch::Contains("int64 steps(time) ;") &&
                       Catch::Contains("double x_bounds(x, nv) ;") && Catch::Contains("group: stations {") &&
                       Catch::Contains("sensor = UNLIMITED ; // (0 currently)"));  // netCDF's length 0 is "unlimited"
  CHECK_THAT(text, Catch::Contains("concentration:units = \"kg m-3\" ;") && Catch::Contains(":seed = 42LL ;"));
  CHECK_THAT(text, !Catch::Contains("double nv(nv)"));  // a dimension without coordinate is not a variable
}

TEST_CASE("hdf5_writer: an invalid dataset throws invalid_argument and writes nothing", "[io][hdf5]") {
  Scratch s("invalid");
  io::Dataset ds = example_dataset();
  ds.groups[0].variables[0].shape[0] = 4;  // disagrees with the time coordinate
  REQUIRE_THROWS_AS(io::write_hdf5(ds, s.dir / "results.h5"), std::invalid_argument);
  CHECK(s.entries().empty());
}

TEST_CASE("hdf5_writer: a failed write leaves the previous file intact and no temporary", "[io][hdf5]") {
  Scratch s("atomic");
  const fs::path file = s.dir / "results.h5";
  io::Dataset previous;
  previous.attributes.set("filetype", io::results_filetype);
  previous.attributes.set("run", "previous");
  io::write_hdf5(previous, file);
  const auto previous_size = fs::file_size(file);

  SECTION("the disk fills up in the middle of the write") {
    // 2 MiB of random doubles (incompressible) against a 256 KiB file-size limit: write(2) fails with EFBIG
    // after the temporary file exists and holds part of the data. SIGXFSZ is ignored so the failure is an
    // error code. The process must also exit cleanly afterwards (HDF5 keeps no half-closed file).
    io::Dataset big;
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    std::vector<double> noise(256 * 1024);
    for (auto& v : noise) v = u(rng);
    big.add_group("noise").add_variable("v", {"i"}, {noise.size()}, noise, "1", "random");
    std::string message;
    {
      const test::FileSizeLimit limit(256 * 1024);
      try {
        io::write_hdf5(big, file);
      } catch (const std::runtime_error& e) {
        message = e.what();
      }
    }
    CAPTURE(message);
    CHECK_THAT(message,
               Catch::Contains("cannot write") && Catch::Contains(file.string()) && Catch::Contains("File too large"));
  }
  SECTION("the target directory does not exist") {
    CHECK_THROWS_WITH(io::write_hdf5(previous, s.dir / "no-such-dir" / "results.h5"),
                      Catch::Contains("no-such-dir") && Catch::Contains("does not exist"));
  }
  CHECK(s.entries() == std::set<std::string>{"results.h5"});
  CHECK(fs::file_size(file) == previous_size);
  CHECK(io::read_string_attribute(file, "/", "run") == "previous");
}

TEST_CASE("hdf5_writer: a failed final rename removes the complete temporary", "[io][hdf5]") {
  Scratch s("rename");
  const fs::path target = s.dir / "results.h5";
  fs::create_directories(target / "inside");  // rename(2) of a file onto a non-empty directory fails
  io::Dataset ds;
  ds.attributes.set("run", "x");
  CHECK_THROWS_WITH(io::write_hdf5(ds, target), Catch::Contains(target.string()) && Catch::Contains("rename"));
  CHECK(s.entries() == std::set<std::string>{"results.h5"});
  CHECK(fs::is_directory(target / "inside"));
}

TEST_CASE("hdf5_writer: a successful write replaces the previous file", "[io][hdf5]") {
  Scratch s("replace");
  const fs::path file = s.dir / "results.h5";
  io::Dataset ds;
  ds.attributes.set("run", "first");
  io::write_hdf5(ds, file);
  ds.attributes.set("run", "second");
  io::write_hdf5(ds, file);
  CHECK(io::read_string_attribute(file, "/", "run") == "second");
  CHECK(s.entries() == std::set<std::string>{"results.h5"});
}

TEST_CASE("hdf5_writer: a long scenario text attribute (beyond HDF5's 64 KiB header limit) is stored whole",
          "[io][hdf5]") {
  Scratch s("longtext");
  const fs::path file = s.dir / "results.h5";
  std::string text;
  for (int i = 0; i < 8000; ++i) text += "key_" + std::to_string(i) + ": value " + std::to_string(i * i) + "\n";
  REQUIRE(text.size() > 128 * 1024);
  io::Dataset ds;
  ds.attributes.set("filetype", io::results_filetype);
  ds.attributes.set("scenario", text);
  io::write_hdf5(ds, file);
  CHECK(io::read_root_text_attribute(file, "scenario") == text);
}
