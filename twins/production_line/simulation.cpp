#include "twins/production_line/simulation.hpp"

#include <algorithm>
#include <string>

namespace twinlab::twins::production_line {

LineSimulation::LineSimulation(const CompiledLine& line, std::uint64_t seed, std::size_t event_log_max)
    : line_(line), log_max_(event_log_max) {
  // One stream per station and purpose (per machine for failures and repairs), named so that the same
  // station in another scenario run with the same seed draws the same numbers (common random numbers).
  stations_.resize(line.stations.size());
  machines_.resize(line.machines);
  std::uint32_t life_slots = 0;
  for (std::size_t i = 0; i < line.stations.size(); ++i) {
    const CompiledStation& s = line.stations[i];
    const std::string prefix = "station/" + s.name + "/";
    Station& st = stations_[i];
    st.processing = sim::RandomStream(seed, prefix + "processing");
    st.quality = sim::RandomStream(seed, prefix + "quality");
    st.routing = sim::RandomStream(seed, prefix + "routing");
    st.maintenance = sim::RandomStream(seed, prefix + "maintenance");
    st.idle.reserve(static_cast<std::size_t>(s.machines));
    for (int k = 0; k < s.machines; ++k) {
      const std::uint32_t m = s.first_machine + static_cast<std::uint32_t>(k);
      Machine& x = machines_[m];
      x.station = static_cast<std::uint32_t>(i);
      x.cs = &s;
      x.st = &st;
      x.failure_stream = sim::RandomStream(seed, prefix + "failure", static_cast<std::uint64_t>(k));
      x.repair_stream = sim::RandomStream(seed, prefix + "repair", static_cast<std::uint64_t>(k));
      if (s.basis == FailureBasis::Time) {
        x.life_slot = line.machines + life_slots++;
        life_machine_.push_back(m);
      }
    }
  }
  first_life_slot_ = line.machines;
  arrival_slot_ = line.machines + life_slots;
  bookkeeping_slot_ = arrival_slot_ + 1;
  calendar_.reset(bookkeeping_slot_ + 1);

  buffers_.resize(line.buffers.size());
  for (std::size_t b = 0; b < buffers_.size(); ++b) {
    buffers_[b].capacity = static_cast<std::size_t>(line.buffers[b].capacity);
    buffers_[b].station = line.buffers[b].station;
    buffers_[b].st = &stations_[line.buffers[b].station];
    buffers_[b].assembly = line.stations[line.buffers[b].station].assembly;
  }
  for (Machine& x : machines_) {
    if (!x.cs->raw_supply && !x.cs->assembly) x.input = &buffers_[x.cs->inputs.front()];
    if (x.cs->route != kSink && x.cs->route != kSplit) x.output = &buffers_[x.cs->route];
  }
  arrival_stream_ = sim::RandomStream(seed, "source/arrivals");
  source_routing_stream_ = sim::RandomStream(seed, "source/routing");
  free_crews_ = line.repair_crews;

  bookkeeping_.push_back({line.warmup_working_s, EventType::WarmupEnd});
  for (const double t : line.sample_working_s) bookkeeping_.push_back({t, EventType::Sample});
  bookkeeping_.push_back({line.end_working_s, EventType::End});
  std::stable_sort(bookkeeping_.begin(), bookkeeping_.end(), [](const Bookkeeping& a, const Bookkeeping& b) {
    return a.time_s < b.time_s || (a.time_s == b.time_s && a.type < b.type);
  });
  samples_.reserve(line.sample_working_s.size());
  pull_ = !line.loops.empty() || line.base_stock >= 0;
  free_cards_.assign(line.loops.size(), 0);
  plain_ = is_plain(line);
  logging_ = log_max_ > 0;
  if (logging_) log_.reserve(std::min<std::size_t>(log_max_, 1 << 20));
}

bool LineSimulation::is_plain(const CompiledLine& line) {
  if (!line.working.always_working() || !line.loops.empty() || line.base_stock >= 0) return false;
  for (const CompiledStation& s : line.stations) {
    const bool failures = s.basis != FailureBasis::None || s.policy != MaintenancePolicy::RunToFailure;
    const bool checks = s.busy_clocks || s.has_wear || s.has_quality || s.completion_checks;
    if (failures || checks || s.assembly || s.route == kSplit) return false;
  }
  return true;
}

}  // namespace twinlab::twins::production_line
