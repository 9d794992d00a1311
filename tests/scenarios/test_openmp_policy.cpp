#include <catch2/catch.hpp>

#include "scenarios/openmp_policy.hpp"

using namespace twinlab::scenarios;

TEST_CASE("with no waiting policy set, twinlab re-executes itself with passive waiting") {
  CHECK(needs_passive_reexec({}));
}

TEST_CASE("the user's waiting policy or spin count wins") {
  OpenMpEnvironment e;
  e.wait_policy = true;
  CHECK_FALSE(needs_passive_reexec(e));
  e = {};
  e.spin_count = true;
  CHECK_FALSE(needs_passive_reexec(e));
}

TEST_CASE("the re-executed process never re-executes again") {
  OpenMpEnvironment e;
  e.reexec_marker = true;
  CHECK_FALSE(needs_passive_reexec(e));
}
