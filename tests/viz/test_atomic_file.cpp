// viz/atomic_file: files appear whole under their final name or not at all.
#include "viz/atomic_file.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <set>
#include <stdexcept>
#include <string>

#include "tests/support/test_files.hpp"

namespace fs = std::filesystem;
namespace viz = twinlab::viz;
namespace test = twinlab::test;

namespace {

struct Scratch : test::ScratchDir {
  explicit Scratch(const std::string& name) : ScratchDir("vizatomic", name) {}
};

}  // namespace

TEST_CASE("viz atomic_file: the producer writes a hidden sibling that is renamed into place", "[viz][atomic]") {
  Scratch s("ok");
  const fs::path target = s.dir / "a.vtp";
  fs::path seen;
  viz::write_atomically(target, [&](const fs::path& temporary) {
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

TEST_CASE("viz atomic_file: a failing producer leaves the previous file and no temporary", "[viz][atomic]") {
  Scratch s("fail");
  const fs::path target = s.dir / "a.vtp";
  std::ofstream(target) << "previous";
  try {
    viz::write_atomically(target, [](const fs::path& temporary) {
      std::ofstream(temporary) << "half";
      throw std::runtime_error("disk full");
    });
    FAIL("no exception");
  } catch (const std::runtime_error& e) {
    CHECK_THAT(e.what(), Catch::Contains(target.string()) && Catch::Contains("disk full"));
  }
  CHECK(test::slurp(target) == "previous");
  CHECK(s.entries() == std::set<std::string>{"a.vtp"});
  CHECK_THROWS_WITH(viz::write_atomically(s.dir / "no" / "b.vtp", [](const fs::path&) {}),
                    Catch::Contains("does not exist"));
}
