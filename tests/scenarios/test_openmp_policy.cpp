#include <catch2/catch.hpp>

#include "scenarios/openmp_policy.hpp"

using namespace twinlab::scenarios;

TEST_CASE("threads: the usable CPUs less those busy elsewhere, at least one") {
  CHECK(threads_for_load(2, 0) == 2);
  CHECK(threads_for_load(2, 1) == 1);
  CHECK(threads_for_load(2, 9) == 1);   // a crowded machine still runs
  CHECK(threads_for_load(8, 3) == 5);
  CHECK(threads_for_load(1, 0) == 1);
  CHECK(threads_for_load(4, -1) == 4);  // nonsense load reads as none
}

TEST_CASE("with nothing set, twinlab re-executes with passive waiting and picks the threads") {
  const OpenMpDecision d = decide_openmp_policy({}, 2, 1);
  CHECK(d.reexec_with_passive_wait);
  CHECK(d.threads == 1);
}

TEST_CASE("the user's OpenMP variables win") {
  OpenMpEnvironment e;
  e.wait_policy = "active";
  CHECK_FALSE(decide_openmp_policy(e, 2, 0).reexec_with_passive_wait);
  e = {};
  e.spin_count = "1000";
  CHECK_FALSE(decide_openmp_policy(e, 2, 0).reexec_with_passive_wait);
  e.spin_count.reset();
  auto threads_left_alone = [](OpenMpEnvironment env) { return decide_openmp_policy(env, 2, 1).threads == 0; };
  e.num_threads = "2";
  CHECK(threads_left_alone(e));
  e = {};
  e.dynamic = "true";
  CHECK(threads_left_alone(e));
  e = {};
  e.thread_limit = "4";
  CHECK(threads_left_alone(e));
  CHECK(decide_openmp_policy(e, 2, 1).reexec_with_passive_wait);  // a thread variable leaves waiting to twinlab
}

TEST_CASE("the re-executed process never re-executes again") {
  OpenMpEnvironment e;
  e.reexec_marker = "1";
  CHECK_FALSE(decide_openmp_policy(e, 2, 0).reexec_with_passive_wait);
}
