// base/output_directory: staging directories, the twinlab marker, and never losing files twinlab did not write.
#include "base/output_directory.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>
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

namespace {

std::string read_text(const fs::path& file) {
  std::ifstream in(file);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// A PID that is certainly not running: a child that has exited and been reaped.
long dead_pid() {
  const pid_t pid = ::fork();
  if (pid == 0) ::_exit(0);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return pid;
}

fs::path fake_staging(const fs::path& dir, const std::string& suffix, const std::string& marker_text) {
  const fs::path path = dir / (".run1.partial-" + suffix);
  fs::create_directories(path / "vtk");
  test::put(path / "results.h5", "half written");
  if (!marker_text.empty()) test::put(path / base::staging_marker_name, marker_text);
  return path;
}

std::string replace_field(std::string text, const std::string& field, const std::string& value) {
  const auto start = text.find(field + "=") + field.size() + 1;
  const auto end = text.find_first_of(" \n", start);
  return text.replace(start, end - start, value);
}

}  // namespace

TEST_CASE("output_directory: staging directories of killed runs are removed, those of live ones kept",
          "[base][outdir]") {
  Scratch s("stale");
  const fs::path final_dir = s.dir / "run1";
  // The marker a live staging directory of this process carries (pid, start time, boot id).
  base::StagingDirectory live(s.dir / "other");
  const std::string mine = read_text(live.path() / base::staging_marker_name);
  REQUIRE(mine.rfind("pid=" + std::to_string(::getpid()) + " start=", 0) == 0);

  const fs::path dead = fake_staging(s.dir, "1-0", replace_field(mine, "pid", std::to_string(dead_pid())));
  const fs::path reused = fake_staging(s.dir, "2-0", replace_field(mine, "start", "1"));  // same PID, other start
  const fs::path old_boot = fake_staging(s.dir, "3-0", replace_field(mine, "boot", "another-boot"));
  const fs::path running = fake_staging(s.dir, "4-0", mine);
  const fs::path foreign = fake_staging(s.dir, "5-0", "");        // no marker: not twinlab's, never touched
  const fs::path unreadable = fake_staging(s.dir, "6-0", "garbage\n");  // unclear owner: kept
  const fs::path other_name = s.dir / ".run2.partial-7-0";          // another output's staging: not ours
  fs::create_directories(other_name);
  test::put(other_name / base::staging_marker_name, replace_field(mine, "pid", std::to_string(dead_pid())));

  {
    base::StagingDirectory staging(final_dir);  // the next run into run1 cleans up
    CHECK_FALSE(fs::exists(dead));
    CHECK_FALSE(fs::exists(reused));
    CHECK_FALSE(fs::exists(old_boot));
    CHECK(fs::exists(running / "results.h5"));
    CHECK(fs::exists(foreign / "results.h5"));
    CHECK(fs::exists(unreadable / "results.h5"));
    CHECK(fs::exists(other_name));
    staging.commit();
  }
  // The staging marker never reaches the committed output.
  CHECK(fs::exists(final_dir / base::output_marker_name));
  CHECK_FALSE(fs::exists(final_dir / base::staging_marker_name));
  CHECK(base::remove_stale_staging(final_dir).empty());  // nothing left to remove
}
