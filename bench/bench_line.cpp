// Benchmark of the production-line engine: station services per second on a five-station serial line
// (exponential processing times of mean 1 s, buffers of 5, unlimited raw material, blocking after
// service), single thread. Compared in the same run with a plain discrete-event implementation of the same
// line (std::priority_queue of std::function events, std::mt19937_64 + std::exponential_distribution),
// with the SimPy peer (bench/peers/simpy_line.py, Debian's python3-simpy 2.3: the same line, the same
// station rates), and with the target. Rounds interleave engine, baseline and SimPy; CPU time on every side
// (thread CPU time here, the Python child's process CPU time of the simulation there).
//
//   build/bench/bench_line [services_millions=20] [simpy_horizon_s=100000] [rounds=3]   (about 15 s)
#include <algorithm>
#include <cmath>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <fstream>
#include <functional>
#include <optional>
#include <queue>
#include <random>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "bench_support.hpp"
#include "twins/production_line/compiled_line.hpp"
#include "twins/production_line/run_line.hpp"

namespace pl = twinlab::twins::production_line;

namespace {

constexpr int kStations = 5;
constexpr int kBuffer = 5;
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

// CPU time of one call (thread CPU time: unlike wall time it does not count the time other processes hold
// the core, so repeated runs agree to a few per cent).
template <class F>
double cpu_seconds(F&& f) {
  const double t0 = twinlab_bench::thread_cpu_s();
  f();
  return twinlab_bench::thread_cpu_s() - t0;
}

struct SimPyRound {
  double services = 0.0, parts_out = 0.0, throughput_per_s = 0.0, throughput_stderr = 0.0, cpu_s = 0.0;
};

std::optional<SimPyRound> run_simpy(double horizon_s, std::uint64_t seed) {
  const auto v = twinlab_bench::run_peer("simpy_line.py", {fmt::format("{}", horizon_s), fmt::format("{}", seed)});
  if (!v || v->size() < 5) return std::nullopt;
  return SimPyRound{(*v)[0], (*v)[1], (*v)[2], (*v)[3], (*v)[4]};
}

}  // namespace

int main(int argc, char** argv) {
  const double millions = argc > 1 ? std::atof(argv[1]) : 20.0;
  const double simpy_horizon_s = argc > 2 ? std::atof(argv[2]) : 1e5;
  const int rounds = argc > 3 ? std::max(1, std::atoi(argv[3])) : 3;
  // The horizon is millions * 1e6 / 2.75 s, as it always was; since about 0.79 parts/s leave this line
  // (~3.97 services per simulated second), the default simulates about 29 million services.
  const double horizon_s = millions * 1e6 / 2.75;
  const pl::CompiledLine line = pl::compile_line(bench_config(horizon_s));

  pl::ReplicationResult twin;
  double twin_s = 1e300, base_s = 1e300, simpy_s = 1e300, simpy_rate = 0.0;
  double base_services = 0.0, base_parts = 0.0;
  std::vector<double> ratios;  // engine / SimPy, services per CPU second, per round
  std::vector<SimPyRound> simpy;
  for (int r = 0; r < rounds; ++r) {
    const double t = cpu_seconds([&] { twin = pl::run_replication(line, 12345); });
    twin_s = std::min(twin_s, t);
    base_s = std::min(base_s, cpu_seconds([&] {
      BaselineLine b(12345);
      base_services = b.run(horizon_s);
      base_parts = b.parts_out();
    }));
    if (const auto peer = run_simpy(simpy_horizon_s, 1000 + r)) {
      simpy.push_back(*peer);
      const double rate = peer->services / peer->cpu_s;
      if (peer->cpu_s < simpy_s) simpy_s = peer->cpu_s, simpy_rate = rate;
      ratios.push_back((twin.operations / t) / rate);
    }
  }

  const double twin_rate = twin.operations / twin_s;
  const double base_rate = base_services / base_s;
  fmt::print("bench_line: five-station serial line, exponential(1 s) machines, buffers of 5, one thread\n");
  fmt::print("machine: {}; simulated {:.3g} s, {:.3g} services (SimPy: {:.3g} s per round); best of {} interleaved "
             "rounds, CPU time\n\n", cpu_name(), horizon_s, twin.operations, simpy_horizon_s, rounds);
  fmt::print("{:<44} {:>12} {:>9} {:>14} {:>11} {:>10} {:>10}\n", "implementation", "services/s", "cpu s", "throughput/s",
             "vs baseline", "vs SimPy", "vs target");
  const double simpy_or_nan = simpy.empty() ? std::nan("") : simpy_rate;
  fmt::print("{:<44} {:>12.3e} {:>9.3f} {:>14.4f} {:>11.2f} {:>10.1f} {:>10.2f}\n",
             "twinlab engine (run_replication)", twin_rate, twin_s, twin.throughput_per_s, twin_rate / base_rate,
             twin_rate / simpy_or_nan, twin_rate / kTargetServicesPerS);
  fmt::print("{:<44} {:>12.3e} {:>9.3f} {:>14.4f} {:>11.2f} {:>10.1f} {:>10.2f}\n",
             "baseline (priority_queue + std::function)", base_rate, base_s, base_parts / horizon_s, 1.0,
             base_rate / simpy_or_nan, base_rate / kTargetServicesPerS);
  if (simpy.empty()) {
    fmt::print("SimPy peer did not run (needs {} with python3-simpy): no SimPy figures\n", twinlab_bench::peer_python());
  } else {
    // Throughput of all SimPy rounds pooled; its standard error from each round's 20 batch means.
    double tp = 0.0, var = 0.0;
    for (const SimPyRound& p : simpy) tp += p.throughput_per_s, var += p.throughput_stderr * p.throughput_stderr;
    tp /= static_cast<double>(simpy.size());
    const double se = std::sqrt(var) / static_cast<double>(simpy.size());
    fmt::print("{:<44} {:>12.3e} {:>9.3f} {:>14.4f} {:>11.3f} {:>10.1f} {:>10.2f}\n", "SimPy 2.3 peer (bench/peers/simpy_line.py)",
               simpy_rate, simpy_s, tp, simpy_rate / base_rate, 1.0, simpy_rate / kTargetServicesPerS);
    fmt::print("{:<44} {:>12.3e}\n", "target", kTargetServicesPerS);
    std::vector<double> sorted = ratios;
    std::sort(sorted.begin(), sorted.end());
    fmt::print("\nengine vs SimPy per CPU second, round by round:");
    for (double x : ratios) fmt::print(" {:.0f}x", x);
    fmt::print(" (median {:.0f}x)\n", sorted[sorted.size() / 2]);
    fmt::print("throughput: engine {:.4f}/s, SimPy {:.4f} +/- {:.4f}/s (one standard error): {:.1f} standard errors "
               "apart\n", twin.throughput_per_s, tp, se, std::abs(twin.throughput_per_s - tp) / se);
  }
  fmt::print("\nevents handled: {:.3g} ({:.1f} ns per service)\n", twin.events, 1e9 * twin_s / twin.operations);
  return 0;
}
