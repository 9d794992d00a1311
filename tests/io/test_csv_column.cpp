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

namespace {

twinlab::base::InputError csv_error(const std::string& name, const std::string& text, const std::string& column) {
  const auto path = write_csv(name, text);
  try {
    twinlab::io::read_csv_column(path, column);
  } catch (const twinlab::base::InputError& e) {
    return e;
  }
  FAIL("no InputError for:\n" << text);
  throw;  // unreachable
}

}  // namespace

TEST_CASE("a decimal comma is refused with the row, the column and the fix, not read as its integer part") {
  SECTION("unquoted: the row has a cell more than the header") {
    // Before: cells {4, 35, 1}, column time_s = 35, no word.
    const auto e = csv_error("twinlab_csv_comma.csv", "id,time_s\n3,12.5\n4,35,1\n", "time_s");
    CHECK(e.where().line == 3);
    CHECK(e.where().key == "time_s");
    CHECK_THAT(e.what(), Catch::Contains("the row has 3 cells but the header 2"));
    CHECK_THAT(e.what(), Catch::Contains("write numbers with a decimal point: 35.1, not 35,1"));
  }
  SECTION("quoted: the cell holds the comma") {
    // Before: the quote-blind split gave {4, "35, 1"} and the quotes were trimmed: 35.
    const auto e = csv_error("twinlab_csv_quoted_comma.csv", "id,time_s\n3,12.5\n4,\"35,1\"\n", "time_s");
    CHECK(e.where().line == 3);
    CHECK(e.where().column == 2);
    CHECK_THAT(e.what(), Catch::Contains("not a number: '35,1' has a decimal comma; write 35.1"));
  }
  SECTION("a single column") {
    const auto e = csv_error("twinlab_csv_one_column.csv", "time_s\n12\n35,1\n", "");
    CHECK(e.where().line == 3);
    CHECK_THAT(e.what(), Catch::Contains("decimal comma"));
  }
}

TEST_CASE("quoted cells may hold commas, quotes and line breaks in other columns") {
  const auto path = write_csv("twinlab_csv_quotes.csv",
                              "note,time_s\n\"a, b\",1.5\n\"say \"\"hi\"\"\",2\n\"two\nlines\",3\n");
  CHECK(twinlab::io::read_csv_column(path, "time_s") == std::vector<double>{1.5, 2.0, 3.0});
  const auto e = csv_error("twinlab_csv_quotes_bad.csv", "note,time_s\n\"two\nlines\",x\n", "time_s");
  CHECK(e.where().line == 2);  // the row starts on line 2
}

TEST_CASE("a CSV path that is not a regular file is refused without reading it") {
  // Before: /dev/zero was read until memory ran out.
  CHECK_THROWS_WITH(twinlab::io::read_csv_column("/dev/zero", ""), Catch::Contains("is not a regular file"));
  CHECK_THROWS_WITH(twinlab::io::read_csv_column(std::filesystem::temp_directory_path(), ""),
                    Catch::Contains("is a directory"));
}
