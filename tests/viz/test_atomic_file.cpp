// viz/atomic_file: files appear whole under their final name or not at all.
#include "viz/atomic_file.hpp"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>

namespace fs = std::filesystem;
namespace viz = twinlab::viz;

namespace {

struct Scratch {
  fs::path dir;
  explicit Scratch(const std::string& name)
      : dir(fs::path(TWINLAB_BINARY_DIR) / "test-scratch" / ("vizatomic-" + name + "-" + std::to_string(::getpid()))) {
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  std::set<std::string> entries() const {
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
    return names;
  }
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

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
  CHECK(slurp(target) == "whole");
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
  CHECK(slurp(target) == "previous");
  CHECK(s.entries() == std::set<std::string>{"a.vtp"});
  CHECK_THROWS_WITH(viz::write_atomically(s.dir / "no" / "b.vtp", [](const fs::path&) {}),
                    Catch::Contains("does not exist"));
}
