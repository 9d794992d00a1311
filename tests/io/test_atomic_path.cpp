// io/atomic_path: temporary siblings, atomic text files and staging directories.
#include "io/atomic_path.hpp"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <set>
#include <stdexcept>
#include <string>

#include "tests/support/test_files.hpp"

namespace fs = std::filesystem;
namespace io = twinlab::io;
namespace test = twinlab::test;

namespace {

struct Scratch : test::ScratchDir {
  explicit Scratch(const std::string& name) : ScratchDir("atomic", name) {}
};

}  // namespace

TEST_CASE("atomic_path: temporary siblings are hidden, beside the target, unique and unused", "[io][atomic]") {
  Scratch s("sibling");
  const fs::path target = s.dir / "results.h5";
  std::set<fs::path> seen;
  for (int i = 0; i < 50; ++i) {
    const fs::path t = io::temporary_sibling(target);
    CHECK(t.parent_path() == s.dir);
    CHECK(t.filename().string().rfind(".results.h5.tmp-" + std::to_string(::getpid()) + "-", 0) == 0);
    CHECK_FALSE(fs::exists(t));
    CHECK(seen.insert(t).second);
  }
  // A name already taken on disk is skipped.
  const fs::path taken = io::temporary_sibling(target);
  test::put(taken, "x");
  CHECK(io::temporary_sibling(target) != taken);
  CHECK_THROWS_AS(io::temporary_sibling(s.dir / ""), std::invalid_argument);
}

TEST_CASE("atomic_path: write_text_atomic creates, replaces and leaves no temporary", "[io][atomic]") {
  Scratch s("text");
  const fs::path target = s.dir / "summary.json";
  io::write_text_atomic(target, "{\"a\": 1}\n");
  CHECK(test::slurp(target) == "{\"a\": 1}\n");
  const std::string big(300000, 'z');  // larger than one write() may take in one go on a pipe-like fs
  io::write_text_atomic(target, big);
  CHECK(test::slurp(target) == big);
  io::write_text_atomic(target, "");
  CHECK(fs::file_size(target) == 0);
  CHECK(s.entries() == std::set<std::string>{"summary.json"});
}

TEST_CASE("atomic_path: a failed text write names the file and leaves nothing behind", "[io][atomic]") {
  Scratch s("textfail");
  const fs::path target = s.dir / "missing-dir" / "a.txt";
  REQUIRE_THROWS_AS(io::write_text_atomic(target, "x"), std::runtime_error);
  REQUIRE_THROWS_WITH(io::write_text_atomic(target, "x"), Catch::Contains(target.string()));
  CHECK(s.entries().empty());

  // Renaming onto an existing directory fails at the last step: the temporary must still be removed.
  fs::create_directory(s.dir / "occupied");
  test::put(s.dir / "occupied" / "keep", "kept");
  REQUIRE_THROWS_WITH(io::write_text_atomic(s.dir / "occupied", "x"), Catch::Contains("rename"));
  CHECK(s.entries() == std::set<std::string>{"occupied"});
  CHECK(test::slurp(s.dir / "occupied" / "keep") == "kept");
}

TEST_CASE("atomic_path: a committed staging directory appears whole under its final name", "[io][atomic]") {
  Scratch s("commit");
  const fs::path final_dir = s.dir / "out" / "run1";  // "out" does not exist yet: parents are created
  {
    io::StagingDirectory staging(final_dir);
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
  CHECK(s.entries(s.dir / "out") == std::set<std::string>{"run1"});
}

TEST_CASE("atomic_path: an existing directory is replaced only at commit time", "[io][atomic]") {
  Scratch s("replace");
  const fs::path final_dir = s.dir / "run";
  fs::create_directory(final_dir);
  test::put(final_dir / "old.txt", "previous run");
  {
    io::StagingDirectory staging(final_dir);
    test::put(staging.path() / "new.txt", "this run");
    CHECK(test::slurp(final_dir / "old.txt") == "previous run");  // untouched while the new run is written
    staging.commit();
  }
  CHECK(s.entries(final_dir) == std::set<std::string>{"new.txt"});
  CHECK(test::slurp(final_dir / "new.txt") == "this run");
  CHECK(s.entries() == std::set<std::string>{"run"});  // the old directory was removed, no hidden leftovers
}

TEST_CASE("atomic_path: an abandoned staging directory is removed and the previous results survive", "[io][atomic]") {
  Scratch s("abandon");
  const fs::path final_dir = s.dir / "run";
  fs::create_directory(final_dir);
  test::put(final_dir / "old.txt", "previous run");
  try {
    io::StagingDirectory staging(final_dir);
    test::put(staging.path() / "half.txt", "half written");
    throw std::runtime_error("simulation failed");  // an interrupted run: commit() is never reached
  } catch (const std::runtime_error&) {
  }
  CHECK(s.entries() == std::set<std::string>{"run"});
  CHECK(s.entries(final_dir) == std::set<std::string>{"old.txt"});

  // Moving a staging directory transfers ownership: only the new owner removes it.
  fs::path staged;
  {
    io::StagingDirectory first(s.dir / "moved");
    io::StagingDirectory second(std::move(first));
    staged = second.path();
    REQUIRE(fs::is_directory(staged));
  }
  CHECK_FALSE(fs::exists(staged));
  CHECK(s.entries() == std::set<std::string>{"run"});
}

TEST_CASE("atomic_path: a staging directory never replaces a file of the final name", "[io][atomic]") {
  Scratch s("notdir");
  const fs::path final_path = s.dir / "run";
  test::put(final_path, "a file, not a directory");
  {
    io::StagingDirectory staging(final_path);
    REQUIRE_THROWS_AS(staging.commit(), std::runtime_error);
    CHECK_FALSE(staging.committed());
  }
  CHECK(test::slurp(final_path) == "a file, not a directory");
  CHECK(s.entries() == std::set<std::string>{"run"});
}
