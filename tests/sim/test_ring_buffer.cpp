// Tests sim/ring_buffer.hpp: first-in first-out through growth and wrap-around.
#include <catch2/catch.hpp>

#include <deque>
#include <random>

#include "sim/ring_buffer.hpp"

TEST_CASE("RingBuffer behaves as a FIFO queue through growth and wrap-around", "[ring_buffer]") {
  twinlab::sim::RingBuffer<int> ring(2);
  std::deque<int> ref;
  std::mt19937 rng(3);
  for (int i = 0; i < 10000; ++i) {
    if (ref.empty() || rng() % 3 != 0) {
      ring.push_back(i);
      ref.push_back(i);
    } else {
      REQUIRE(ring.front() == ref.front());
      REQUIRE(ring.pop_front() == ref.front());
      ref.pop_front();
    }
    REQUIRE(ring.size() == ref.size());
    if (!ref.empty()) REQUIRE(ring[ref.size() - 1] == ref.back());
  }
  CHECK(ring.capacity() >= ring.size());
  CHECK((ring.capacity() & (ring.capacity() - 1)) == 0);  // a power of two
}
