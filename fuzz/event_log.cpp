// Fuzz target: a machine-state log as `twinlab calibrate --events` reads it (io/event_log), for a line of the
// stations press (1 machine), pack (1) and cut (3) (those of scenarios/examples/press_line.yaml plus one with
// parallel machines); what it accepts is then fitted: each state's interval lengths as right-censored
// durations (the last interval of each machine censored), by every family with profile intervals and a small
// bootstrap KS test (sim/lifetime_fit), as calibrate does with the operations, lives and repairs it reads.
#include <cstddef>
#include <cstdint>
#include <map>
#include <vector>

#include "fuzz/fuzz_support.hpp"
#include "io/event_log.hpp"
#include "sim/lifetime_fit.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace twinlab;
  const std::filesystem::path file = fuzz::scratch_dir() / "events.csv";
  fuzz::write_file(file, data, size);
  fuzz::expect_input_errors([&] {
    const io::EventLog log = io::read_event_log(file, {{"press", 1}, {"pack", 1}, {"cut", 3}});
    std::map<io::MachineState, std::vector<sim::LifetimeObservation>> durations;
    const auto& v = log.intervals;
    for (std::size_t i = 0; i < v.size(); ++i) {
      const bool last = i + 1 == v.size() || v[i + 1].station != v[i].station || v[i + 1].machine != v[i].machine;
      if (v[i].end_s > v[i].start_s) durations[v[i].state].push_back({v[i].end_s - v[i].start_s, !last});
    }
    sim::RandomStream stream(1);
    for (auto& [state, d] : durations) {
      if (d.size() > 2000) d.resize(2000);  // the fits are O(n) per step: keep one input's work bounded
      for (const auto family : {sim::LifetimeFamily::Exponential, sim::LifetimeFamily::Weibull,
                                sim::LifetimeFamily::Lognormal}) {
        auto fit = sim::fit_lifetime(family, d);
        if (fit) sim::ks_bootstrap(*fit, d, 3, stream);
      }
    }
  });
  return 0;
}
