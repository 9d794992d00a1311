// base/output_directory: staging directories, the twinlab marker, and never losing files twinlab did not write.
#include "base/output_directory.hpp"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <set>
#include <stdexcept>
#include <string>

#include "tests/support/test_files.hpp"

namespace fs = std::filesystem;
namespace base = twinlab::base;
namespace test = twinlab::test;

namespace {

struct Scratch : test::ScratchDir {
  explicit Scratch(const std::string& name) : ScratchDir("outdir", name) {}
};

const std::string marker = base::output_marker_name;

}  // namespace

TEST_CASE("output_directory: a committed staging directory appears whole under its final name", "[base][outdir]") {
  Scratch s("commit");
  const fs::path final_dir = s.dir / "out" / "run1";  // "out" does not exist yet: parents are created
  {
    base::StagingDirectory staging(final_dir);
    CHECK(staging.path().parent_path() == final_dir.parent_path());
    CHECK(staging.path().filename().string().rfind(".run1.partial-" + std::to_string(::getpid()), 0) == 0);
    REQUIRE(fs::is_directory(staging.path()));
    test::put(staging.path() / "results.h5", "data");
    CHECK_FALSE(fs::exists(final_dir));  // nothing looks finished before commit
    staging.commit();
    CHECK(staging.committed());
    CHECK_THROWS_AS(staging.commit(), std::logic_error);
  }
  CHECK(test::slurp(final_dir / "results.h5") == "data");
  CHECK(fs::exists(final_dir / marker));  // the next run may replace it
  CHECK(s.entries(s.dir / "out") == std::set<std::string>{"run1"});
}

TEST_CASE("output_directory: an existing directory is replaced only at commit time", "[base][outdir]") {
  Scratch s("replace");
  const fs::path final_dir = s.dir / "run";
  fs::create_directory(final_dir);
  test::put(final_dir / "old.txt", "previous run");
  test::put(final_dir / marker, "");  // an earlier twinlab run's directory
  {
    base::StagingDirectory staging(final_dir);
    test::put(staging.path() / "new.txt", "this run");
    CHECK(test::slurp(final_dir / "old.txt") == "previous run");  // untouched while the new run is written
    staging.commit();
  }
  CHECK(s.entries(final_dir) == std::set<std::string>{"new.txt", marker});
  CHECK(test::slurp(final_dir / "new.txt") == "this run");
  CHECK(s.entries() == std::set<std::string>{"run"});  // the old directory was removed, no hidden leftovers
}

TEST_CASE("output_directory: an abandoned staging directory is removed and the previous results survive", "[base][outdir]") {
  Scratch s("abandon");
  const fs::path final_dir = s.dir / "run";
  fs::create_directory(final_dir);
  test::put(final_dir / "old.txt", "previous run");
  try {
    base::StagingDirectory staging(final_dir);
    test::put(staging.path() / "half.txt", "half written");
    throw std::runtime_error("simulation failed");  // an interrupted run: commit() is never reached
  } catch (const std::runtime_error&) {
  }
  CHECK(s.entries() == std::set<std::string>{"run"});
  CHECK(s.entries(final_dir) == std::set<std::string>{"old.txt"});

  // Moving a staging directory transfers ownership: only the new owner removes it.
  fs::path staged;
  {
    base::StagingDirectory first(s.dir / "moved");
    base::StagingDirectory second(std::move(first));
    staged = second.path();
    REQUIRE(fs::is_directory(staged));
  }
  CHECK_FALSE(fs::exists(staged));
  CHECK(s.entries() == std::set<std::string>{"run"});
}

TEST_CASE("output_directory: a staging directory never replaces a file of the final name", "[base][outdir]") {
  Scratch s("notdir");
  const fs::path final_path = s.dir / "run";
  test::put(final_path, "a file, not a directory");
  {
    base::StagingDirectory staging(final_path);
    REQUIRE_THROWS_AS(staging.commit(), std::runtime_error);
    CHECK_FALSE(staging.committed());
  }
  CHECK(test::slurp(final_path) == "a file, not a directory");
  CHECK(s.entries() == std::set<std::string>{"run"});
}

TEST_CASE("output_directory: a directory twinlab did not write is refused, its files kept", "[base][outdir]") {
  Scratch s("foreign");
  const fs::path mine = s.dir / "mydata";
  fs::create_directories(mine / "sub");
  test::put(mine / "keep.txt", "precious");
  test::put(mine / "sub" / "photo.txt", "also precious");
  const std::string problem = base::output_target_problem(mine, false);
  CHECK_THAT(problem, Catch::Contains("did not write") && Catch::Contains("--overwrite"));
  {
    base::StagingDirectory staging(mine);
    test::put(staging.path() / "results.h5", "data");
    CHECK_THROWS_WITH(staging.commit(), Catch::Contains("did not write"));  // checked again at commit
  }
  CHECK(s.entries(mine) == std::set<std::string>{"keep.txt", "sub"});
  CHECK(test::slurp(mine / "sub" / "photo.txt") == "also precious");
  CHECK(s.entries() == std::set<std::string>{"mydata"});  // no staging leftovers

  // Absent and empty directories are fine.
  CHECK(base::output_target_problem(s.dir / "absent", false).empty());
  fs::create_directory(s.dir / "empty");
  CHECK(base::output_target_problem(s.dir / "empty", false).empty());
}

TEST_CASE("output_directory: --overwrite writes twinlab's entries into a foreign directory and keeps the rest",
          "[base][outdir]") {
  Scratch s("overwrite");
  const fs::path mine = s.dir / "mydata";
  fs::create_directories(mine / "vtk");
  test::put(mine / "keep.txt", "precious");
  test::put(mine / "results.h5", "old results");
  test::put(mine / "vtk" / "old.vti", "old field");
  CHECK(base::output_target_problem(mine, true).empty());
  {
    base::StagingDirectory staging(mine, true);
    test::put(staging.path() / "results.h5", "new results");
    fs::create_directory(staging.path() / "vtk");
    test::put(staging.path() / "vtk" / "new.vti", "new field");
    staging.commit();
  }
  CHECK(test::slurp(mine / "keep.txt") == "precious");
  CHECK(test::slurp(mine / "results.h5") == "new results");
  CHECK(s.entries(mine / "vtk") == std::set<std::string>{"new.vti"});  // twinlab's vtk/ replaced whole
  CHECK_FALSE(fs::exists(mine / marker));  // still not twinlab's: a later run without --overwrite refuses it
  CHECK(s.entries(mine) == std::set<std::string>{"keep.txt", "results.h5", "vtk"});
  CHECK(s.entries() == std::set<std::string>{"mydata"});
}
