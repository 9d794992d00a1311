#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>

#include "base/error.hpp"
#include "io/hdf5_writer.hpp"
#include "io/study_read.hpp"
#include "tests/support/test_files.hpp"

namespace {

using twinlab::base::InputError;
namespace io = twinlab::io;

std::filesystem::path write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

}  // namespace

TEST_CASE("read_study_h5 reads the scalar columns of a study table with their roles, units and status") {
  twinlab::test::ScratchDir scratch("io", "study_read");
  io::Dataset d;
  d.attributes.set("filetype", "twinlab-study");
  d.attributes.set("sampler", "saltelli");
  d.attributes.set("seed", 7);
  d.attributes.set("design_count", 3);
  d.attributes.set("shard", "1/1");
  d.attributes.set("study", "study: s\n");
  io::Group& g = d.add_group("study");
  g.add_coordinate("run", std::vector<std::int64_t>{0, 1, 2}, "1", "run");
  g.add_variable("wind_m_s", {"run"}, {3}, std::vector<double>{1.5, 2.5, 3.5}, "m/s", "")
      .attributes.set("role", "parameter");
  g.add_variable("peak", {"run"}, {3}, std::vector<double>{0.1, std::nan(""), 0.3}, "kg/m^3", "")
      .attributes.set("role", "kpi");
  g.add_variable("status", {"run"}, {3}, std::vector<std::string>{"ok", "failed", "ok"}, "", "")
      .attributes.set("role", "status");
  g.add_variable("map", {"run", "map_x"}, {3, 2}, std::vector<double>(6, 1.0), "1", "")
      .attributes.set("role", "field");
  io::write_hdf5(d, scratch.dir / "study.h5");

  const io::RunTable t = io::read_study_h5(scratch.dir / "study.h5");
  CHECK(t.sampler == "saltelli");
  CHECK(t.seed == 7);
  CHECK(t.design_count == 3);
  CHECK(t.shard == "1/1");
  CHECK(t.study_text == "study: s\n");
  CHECK(t.runs == std::vector<std::int64_t>{0, 1, 2});
  CHECK(t.status == std::vector<std::string>{"ok", "failed", "ok"});
  REQUIRE(t.columns.size() == 2);  // the field and the status are not scalar columns
  CHECK(t.columns[0].name == "wind_m_s");
  CHECK(t.columns[0].role == "parameter");
  CHECK(t.columns[0].units == "m/s");
  CHECK(t.columns[0].values == std::vector<double>{1.5, 2.5, 3.5});
  REQUIRE(t.find("peak") != nullptr);
  CHECK(t.find("peak")->role == "kpi");
  CHECK(std::isnan(t.find("peak")->values[1]));
  CHECK(t.find("map") == nullptr);
}

TEST_CASE("read_study_h5 refuses an HDF5 file that is not a study table") {
  twinlab::test::ScratchDir scratch("io", "study_read_other");
  io::Dataset d;
  d.attributes.set("filetype", "twinlab-results");
  d.add_group("plume");
  io::write_hdf5(d, scratch.dir / "results.h5");
  try {
    io::read_study_h5(scratch.dir / "results.h5");
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(e.where().key == "filetype");
    CHECK_THAT(e.what(), Catch::Contains("not a study table"));
  }
  CHECK_THROWS_AS(io::read_study_h5(scratch.dir / "missing.h5"), InputError);
}

TEST_CASE("read_run_csv reads quoted cells, a status column and notes the first cell that is not a number") {
  twinlab::test::ScratchDir scratch("io", "run_csv");
  const auto path = write_text(scratch.dir / "t.csv",
                               "run,x,y,status,message\n"
                               "0,1.5,2,ok,\n"
                               "\n"
                               "1,2.5,,failed,\"diverged, \"\"badly\"\"\"\n"
                               "2,3.5,abc,ok,\"two\nlines\"\n"
                               "3,4.5,7,ok,\n");
  const io::RunTable t = io::read_run_csv(path);
  CHECK(t.rows() == 4);
  CHECK(t.runs == std::vector<std::int64_t>{0, 1, 2, 3});
  CHECK(t.status == std::vector<std::string>{"ok", "failed", "ok", "ok"});
  CHECK(t.find("x")->values == std::vector<double>{1.5, 2.5, 3.5, 4.5});
  const io::RunColumn& y = *t.find("y");
  CHECK(y.values[0] == 2.0);
  CHECK(std::isnan(y.values[1]));
  CHECK(y.values[3] == 7.0);
  CHECK(y.bad_line == 4);  // the empty cell, in file line 4 (after the blank line)
  CHECK(y.bad_column == 3);
  CHECK(t.find("x")->bad_line == 0);
}

TEST_CASE("read_run_csv: a row with the wrong number of cells is an InputError at its line") {
  twinlab::test::ScratchDir scratch("io", "run_csv_bad");
  const auto path = write_text(scratch.dir / "bad.csv", "a,b\n1,2\n3\n");
  try {
    io::read_run_csv(path);
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(e.where().line == 3);
    CHECK_THAT(e.what(), Catch::Contains("1 cells but the header 2"));
  }
  CHECK_THROWS_AS(io::read_run_csv(write_text(scratch.dir / "dup.csv", "a,a\n1,2\n")), InputError);
  CHECK_THROWS_AS(io::read_run_csv(write_text(scratch.dir / "header.csv", "a,b\n")), InputError);
}
