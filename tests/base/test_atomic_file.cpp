// io/atomic_path: temporary siblings, atomic text files and staging directories.
#include "base/atomic_file.hpp"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <set>
#include <stdexcept>
#include <fstream>
#include <string>

#include "tests/support/test_files.hpp"

namespace fs = std::filesystem;
namespace base = twinlab::base;
namespace test = twinlab::test;

namespace {

struct Scratch : test::ScratchDir {
  explicit Scratch(const std::string& name) : ScratchDir("atomic", name) {}
};

}  // namespace

TEST_CASE("atomic_file: temporary siblings are hidden, beside the target, unique and unused", "[base][atomic]") {
  Scratch s("sibling");
  const fs::path target = s.dir / "results.h5";
  std::set<fs::path> seen;
  for (int i = 0; i < 50; ++i) {
    const fs::path t = base::temporary_sibling(target);
    CHECK(t.parent_path() == s.dir);
    CHECK(t.filename().string().rfind(".results.h5.tmp-" + std::to_string(::getpid()) + "-", 0) == 0);
    CHECK_FALSE(fs::exists(t));
    CHECK(seen.insert(t).second);
  }
  // A name already taken on disk is skipped.
  const fs::path taken = base::temporary_sibling(target);
  test::put(taken, "x");
  CHECK(base::temporary_sibling(target) != taken);
  CHECK_THROWS_AS(base::temporary_sibling(s.dir / ""), std::invalid_argument);
}

TEST_CASE("atomic_file: write_text_atomic creates, replaces and leaves no temporary", "[base][atomic]") {
  Scratch s("text");
  const fs::path target = s.dir / "summary.json";
  base::write_text_atomic(target, "{\"a\": 1}\n");
  CHECK(test::slurp(target) == "{\"a\": 1}\n");
  const std::string big(300000, 'z');  // larger than one write() may take in one go on a pipe-like fs
  base::write_text_atomic(target, big);
  CHECK(test::slurp(target) == big);
  base::write_text_atomic(target, "");
  CHECK(fs::file_size(target) == 0);
  CHECK(s.entries() == std::set<std::string>{"summary.json"});
}

TEST_CASE("atomic_file: a failed text write names the file and leaves nothing behind", "[base][atomic]") {
  Scratch s("textfail");
  const fs::path target = s.dir / "missing-dir" / "a.txt";
  REQUIRE_THROWS_AS(base::write_text_atomic(target, "x"), std::runtime_error);
  REQUIRE_THROWS_WITH(base::write_text_atomic(target, "x"), Catch::Contains(target.string()));
  CHECK(s.entries().empty());

  // Renaming onto an existing directory fails at the last step: the temporary must still be removed.
  fs::create_directory(s.dir / "occupied");
  test::put(s.dir / "occupied" / "keep", "kept");
  REQUIRE_THROWS_WITH(base::write_text_atomic(s.dir / "occupied", "x"), Catch::Contains("rename"));
  CHECK(s.entries() == std::set<std::string>{"occupied"});
  CHECK(test::slurp(s.dir / "occupied" / "keep") == "kept");
}

TEST_CASE("atomic_file: the producer writes a hidden sibling that is renamed into place", "[base][atomic]") {
  Scratch s("produce");
  const fs::path target = s.dir / "a.vtp";
  fs::path seen;
  base::write_file_atomically(target, [&](const fs::path& temporary) {
    seen = temporary;
    CHECK(temporary.parent_path() == s.dir);
    CHECK(temporary.filename().string().rfind(".a.vtp.tmp-", 0) == 0);
    CHECK_FALSE(fs::exists(target));  // nothing under the final name while writing
    std::ofstream(temporary) << "whole";
  });
  CHECK(test::slurp(target) == "whole");
  CHECK_FALSE(fs::exists(seen));
  CHECK(s.entries() == std::set<std::string>{"a.vtp"});
}

TEST_CASE("atomic_file: a failing producer leaves the previous file and no temporary", "[base][atomic]") {
  Scratch s("producefail");
  const fs::path target = s.dir / "a.vtp";
  test::put(target, "previous");
  try {
    base::write_file_atomically(target, [](const fs::path& temporary) {
      std::ofstream(temporary) << "half";
      throw std::runtime_error("disk full");
    });
    FAIL("no exception");
  } catch (const std::runtime_error& e) {
    CHECK_THAT(e.what(), Catch::Contains(target.string()) && Catch::Contains("disk full"));
  }
  CHECK(test::slurp(target) == "previous");
  CHECK(s.entries() == std::set<std::string>{"a.vtp"});
  CHECK_THROWS_WITH(base::write_file_atomically(s.dir / "no" / "b.vtp", [](const fs::path&) {}),
                    Catch::Contains("does not exist"));
}
