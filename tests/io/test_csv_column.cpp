#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "io/csv_column.hpp"
#include "base/error.hpp"

namespace {

std::filesystem::path write_csv(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / name;
  std::ofstream(path) << text;
  return path;
}

}  // namespace

TEST_CASE("a CSV column is read by name or as the first column") {
  const auto path = write_csv("twinlab_csv_ok.csv", "id,time_s\n1, 12.5\n2,13\n\n3,\"14.25\"\n");
  CHECK(twinlab::io::read_csv_column(path, "time_s") == std::vector<double>{12.5, 13.0, 14.25});
  CHECK(twinlab::io::read_csv_column(path, "") == std::vector<double>{1.0, 2.0, 3.0});
}

TEST_CASE("bad CSV content is an InputError with file, line and column") {
  const auto path = write_csv("twinlab_csv_bad.csv", "time_s\n12\nfast\n");
  try {
    twinlab::io::read_csv_column(path, "time_s");
    FAIL("no error");
  } catch (const twinlab::base::InputError& e) {
    CHECK(e.where().line == 3);
    CHECK(e.where().key == "time_s");
    CHECK_THAT(e.what(), Catch::Contains("not a finite number: 'fast'"));
  }
  CHECK_THROWS_AS(twinlab::io::read_csv_column(path, "other"), twinlab::base::InputError);
  CHECK_THROWS_AS(twinlab::io::read_csv_column(path.string() + ".missing", ""), twinlab::base::InputError);
}
