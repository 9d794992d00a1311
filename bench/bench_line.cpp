// Benchmark of the production-line engine: station services per second on a five-station serial line
// (exponential processing times of mean 1 s, buffers of 5, unlimited raw material, blocking after
// service), single thread. Compared with a plain discrete-event implementation of the same line measured
// in the same run (std::priority_queue of std::function events, std::mt19937_64 +
// std::exponential_distribution), with SimPy's ~3.4e5 services/s on this machine, and with the target.
//
//   build-line/bench/bench_line [services_millions=20]
#include <algorithm>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <fstream>
#include <functional>
#include <queue>
#include <random>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "twins/production_line/compiled_line.hpp"
#include "twins/production_line/run_line.hpp"

namespace pl = twinlab::twins::production_line;

namespace {

constexpr int kStations = 5;
constexpr int kBuffer = 5;
constexpr double kSimPyServicesPerS = 3.4e5;
constexpr double kTargetServicesPerS = 3.4e7;

// ---- the plain baseline: a textbook event-scheduling DES of the same line ----------------------------
class BaselineLine {
 public:
  explicit BaselineLine(std::uint64_t seed) : rng_(seed), exp_(1.0), stations_(kStations) {}

  // Runs until `horizon_s`; returns completed services.
  double run(double horizon_s) {
    start(0);
    for (int i = 1; i < kStations; ++i) stations_[i].idle = true;
    while (!events_.empty()) {
      Item item = events_.top();
      events_.pop();
      if (item.time > horizon_s) break;
      now_ = item.time;
      item.action();
    }
    return services_;
  }
  double parts_out() const { return parts_out_; }

 private:
  struct Item {
    double time;
    std::uint64_t seq;
    std::function<void()> action;
  };
  struct Later {
    bool operator()(const Item& a, const Item& b) const { return a.time > b.time || (a.time == b.time && a.seq > b.seq); }
  };
  struct Station {
    std::deque<int> buffer;  // parts waiting in front of the station
    bool idle = false, blocked = false;
  };

  void schedule(double t, std::function<void()> f) { events_.push(Item{t, seq_++, std::move(f)}); }

  void start(int i) {
    stations_[i].idle = false;
    schedule(now_ + exp_(rng_), [this, i] { finish(i); });
  }
  void finish(int i) {
    ++services_;
    if (i == kStations - 1) {
      ++parts_out_;
      next(i);
      return;
    }
    Station& down = stations_[i + 1];
    if (down.idle) {
      start(i + 1);
    } else if (static_cast<int>(down.buffer.size()) < kBuffer) {
      down.buffer.push_back(1);
    } else {
      stations_[i].blocked = true;
      return;
    }
    next(i);
  }
  // Station i is free: take a part (station 0 always has raw material) or wait.
  void next(int i) {
    Station& s = stations_[i];
    if (i == 0) {
      start(0);
      return;
    }
    if (!s.buffer.empty()) {
      s.buffer.pop_front();
      start(i);
      if (stations_[i - 1].blocked) {  // the blocked upstream machine moves its part in
        stations_[i - 1].blocked = false;
        s.buffer.push_back(1);
        next(i - 1);
      }
    } else if (stations_[i - 1].blocked) {
      stations_[i - 1].blocked = false;
      start(i);
      next(i - 1);
    } else {
      s.idle = true;
    }
  }

  std::mt19937_64 rng_;
  std::exponential_distribution<double> exp_;
  std::priority_queue<Item, std::vector<Item>, Later> events_;
  std::vector<Station> stations_;
  double now_ = 0.0, services_ = 0.0, parts_out_ = 0.0;
  std::uint64_t seq_ = 0;
};

pl::LineConfig bench_config(double horizon_s) {
  pl::LineConfig c;
  for (int i = 0; i < kStations; ++i) {
    pl::StationConfig s;
    s.name = fmt::format("S{}", i + 1);
    s.processing_time = pl::DistributionSpec::exponential(1.0);
    s.buffer_capacity = kBuffer;
    if (i + 1 < kStations) s.next = {{fmt::format("S{}", i + 2), 1.0}};
    c.stations.push_back(s);
  }
  c.source.feeds = {{"S1", 1.0}};
  c.run.warmup_s = 0.0;
  c.run.horizon_s = horizon_s;
  c.run.replications = 1;
  c.run.time_series_interval_s = horizon_s / 10.0;
  return c;
}

std::string cpu_name() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
  return "unknown CPU";
}

// CPU time of this thread: unlike wall time it does not count the time other processes hold the core
// (the machine is shared), so repeated runs agree to a few per cent.
double thread_cpu_s() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

template <class F>
double best_of(int repeats, F&& f) {
  double best = 1e300;
  for (int i = 0; i < repeats; ++i) {
    const double t0 = thread_cpu_s();
    f();
    best = std::min(best, thread_cpu_s() - t0);
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  const double millions = argc > 1 ? std::atof(argv[1]) : 20.0;
  // About 0.55 parts/s leave this line (five exponential stations, buffers of 5), i.e. ~2.8 services/s.
  const double horizon_s = millions * 1e6 / 2.75;
  const pl::CompiledLine line = pl::compile_line(bench_config(horizon_s));

  pl::ReplicationResult twin;
  const double twin_s = best_of(3, [&] { twin = pl::run_replication(line, 12345); });
  double base_services = 0.0, base_parts = 0.0;
  const double base_s = best_of(3, [&] {
    BaselineLine b(12345);
    base_services = b.run(horizon_s);
    base_parts = b.parts_out();
  });

  const double twin_rate = twin.operations / twin_s;
  const double base_rate = base_services / base_s;
  fmt::print("bench_line: five-station serial line, exponential(1 s) machines, buffers of 5, one thread\n");
  fmt::print("machine: {}; simulated {:.3g} s, {:.3g} services\n\n", cpu_name(), horizon_s, twin.operations);
  fmt::print("{:<44} {:>12} {:>9} {:>14} {:>11} {:>10} {:>10}\n", "implementation", "services/s", "cpu s", "throughput/s",
             "vs baseline", "vs SimPy", "vs target");
  fmt::print("{:<44} {:>12.3e} {:>9.3f} {:>14.4f} {:>11.2f} {:>10.1f} {:>10.2f}\n",
             "twinlab engine (run_replication)", twin_rate, twin_s, twin.throughput_per_s, twin_rate / base_rate,
             twin_rate / kSimPyServicesPerS, twin_rate / kTargetServicesPerS);
  fmt::print("{:<44} {:>12.3e} {:>9.3f} {:>14.4f} {:>11.2f} {:>10.1f} {:>10.2f}\n",
             "baseline (priority_queue + std::function)", base_rate, base_s, base_parts / horizon_s, 1.0,
             base_rate / kSimPyServicesPerS, base_rate / kTargetServicesPerS);
  fmt::print("{:<44} {:>12.3e} {:>9} {:>14} {:>11.3f} {:>10.1f} {:>10.2f}\n", "SimPy (reference, this machine)",
             kSimPyServicesPerS, "-", "-", kSimPyServicesPerS / base_rate, 1.0, kSimPyServicesPerS / kTargetServicesPerS);
  fmt::print("{:<44} {:>12.3e}\n", "target", kTargetServicesPerS);
  fmt::print("\nevents handled: {:.3g} ({:.1f} ns per service)\n", twin.events, 1e9 * twin_s / twin.operations);
  return 0;
}
