// Statistics of one replication: warm-up reset, time-series samples, the event log and the final figures.
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "twins/production_line/simulation.hpp"

namespace twinlab::twins::production_line {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}  // namespace

void LineSimulation::record(EventKind kind, std::uint32_t m) {
  EventRecord r;
  r.time_s = line_.working.to_calendar(now_);
  r.kind = kind;
  if (m != kFromSource) {
    const std::uint32_t st = machines_[m].station;
    r.station = static_cast<int>(st);
    r.machine = static_cast<int>(m - line_.stations[st].first_machine);
  }
  log_.push_back(r);
  if (log_.size() >= log_max_) logging_ = false;
}

void LineSimulation::on_warmup_end() {
  for (std::uint32_t m = 0; m < machines_.size(); ++m) {
    set_state(m, machines_[m].state);
    Machine& x = machines_[m];
    for (double& t : x.state_time_s) t = 0.0;
    x.operations = x.defective_operations = x.failures = x.pm_actions = x.repair_cost = x.pm_cost = 0.0;
  }
  for (Buffer& b : buffers_) b.level.reset(now_);
  wip_.reset(now_);
  stock_level_.reset(now_);
  backorder_level_.reset(now_);
  demands_ = demands_filled_ = 0.0;
  lead_times_.clear();
  good_parts_ = scrapped_ = arrivals_ = arrivals_lost_ = 0.0;
  departures_ = sojourn_sum_s_ = before_window_s_ = 0.0;
}

LineSimulation::Sample LineSimulation::sample_now() const {
  Sample s{good_parts_, 0.0, 0.0, wip_.area(now_), wip_.value()};
  for (const Machine& x : machines_) {
    const CompiledStation& st = line_.stations[x.station];
    for (int k = 0; k < kMachineStates; ++k) {
      const double t = x.state_time_s[k] + (static_cast<int>(x.state) == k ? now_ - x.since_s : 0.0);
      s.energy_J += t * st.power_W[k];
    }
    s.direct_kg += x.operations * st.emission_kg_per_operation;
  }
  return s;
}

void LineSimulation::on_bookkeeping(EventType type) {
  if (type == EventType::WarmupEnd) on_warmup_end();
  if (type == EventType::Sample) {
    samples_.push_back(sample_now());
    if (progress_) progress_(now_ / line_.end_working_s);
  }
  if (++next_bookkeeping_ < bookkeeping_.size()) {
    const Bookkeeping& next = bookkeeping_[next_bookkeeping_];
    calendar_.schedule(bookkeeping_slot_, next.time_s, static_cast<std::uint8_t>(next.type));
  }
}

ReplicationResult LineSimulation::collect() {
  for (std::uint32_t m = 0; m < machines_.size(); ++m) set_state(m, machines_[m].state);
  const double H = line_.planned_time_s;
  const double W = line_.warmup_working_s;
  const double off_s = line_.run.horizon_s - H;  // calendar seconds off shift in the window
  ReplicationResult r;
  r.planned_time_s = H;
  r.events = events_;

  // Stations.
  r.stations.resize(line_.stations.size());
  double repair_cost = 0.0, pm_cost = 0.0, most_active = -1.0;
  for (std::size_t i = 0; i < line_.stations.size(); ++i) {
    const CompiledStation& s = line_.stations[i];
    StationReplication& out = r.stations[i];
    double t[kMachineStates] = {};
    for (int k = 0; k < s.machines; ++k) {
      const Machine& x = machines_[s.first_machine + static_cast<std::uint32_t>(k)];
      for (int j = 0; j < kMachineStates; ++j) {
        t[j] += x.state_time_s[j];
        out.energy_J += x.state_time_s[j] * s.power_W[j];
      }
      out.operations += x.operations;
      out.good_operations += x.operations - x.defective_operations;  // integers below 2^53: exact
      out.failures += x.failures;
      out.maintenance_actions += x.pm_actions;
      out.repair_cost += x.repair_cost;
      out.maintenance_cost += x.pm_cost;
    }
    const double planned = H * s.machines;
    out.starved_fraction = t[static_cast<int>(MachineState::Starved)] / planned;
    out.busy_fraction = t[static_cast<int>(MachineState::Busy)] / planned;
    out.blocked_fraction = t[static_cast<int>(MachineState::Blocked)] / planned;
    out.down_fraction = t[static_cast<int>(MachineState::Down)] / planned;
    out.maintenance_fraction = t[static_cast<int>(MachineState::Maintenance)] / planned;
    out.availability = 1.0 - out.down_fraction - out.maintenance_fraction;
    out.performance = out.availability > 0.0 ? s.ideal_cycle_time_s * out.operations / (out.availability * planned) : 0.0;
    out.quality = out.operations > 0.0 ? out.good_operations / out.operations : 1.0;
    out.oee = out.availability * out.performance * out.quality;
    for (const std::uint32_t b : s.inputs) out.buffer_mean += buffers_[b].level.mean(now_);
    out.throughput_per_s = out.operations / H;
    out.energy_J += off_s * s.machines * s.off_W;
    out.direct_emissions_kg = out.operations * s.emission_kg_per_operation;
    r.operations += out.operations;
    r.failures += out.failures;
    r.maintenance_actions += out.maintenance_actions;
    r.energy_J += out.energy_J;
    r.direct_emissions_kg += out.direct_emissions_kg;
    repair_cost += out.repair_cost;
    pm_cost += out.maintenance_cost;
    const double active = out.busy_fraction + out.down_fraction + out.maintenance_fraction;
    if (active > most_active) {
      most_active = active;
      r.bottleneck_station = static_cast<int>(i);
    }
  }

  // Line.
  r.good_parts = good_parts_;
  r.scrapped_parts = scrapped_;
  r.throughput_per_s = good_parts_ / H;
  r.wip_mean = wip_.mean(now_);
  r.lead_time_mean_s = lead_times_.count() ? lead_times_.mean() : kNaN;
  r.lead_time_p50_s = lead_times_.quantile(0.50);
  r.lead_time_p90_s = lead_times_.quantile(0.90);
  r.lead_time_p95_s = lead_times_.quantile(0.95);
  r.lead_time_p99_s = lead_times_.quantile(0.99);
  const StationReplication& bottleneck = r.stations[static_cast<std::size_t>(r.bottleneck_station)];
  r.availability = bottleneck.availability;
  r.performance = bottleneck.performance;
  r.quality = good_parts_ + scrapped_ > 0.0 ? good_parts_ / (good_parts_ + scrapped_) : 1.0;
  r.oee = r.availability * r.performance * r.quality;
  r.energy_per_good_part_J = good_parts_ > 0.0 ? r.energy_J / good_parts_ : kNaN;
  r.indirect_emissions_kg = r.energy_J * line_.grid_kg_per_J;
  r.emissions_kg = r.direct_emissions_kg + r.indirect_emissions_kg;
  r.emissions_per_good_part_kg = good_parts_ > 0.0 ? r.emissions_kg / good_parts_ : kNaN;
  r.maintenance_cost = repair_cost + pm_cost;
  r.maintenance_cost_rate_per_s = r.maintenance_cost / H;
  r.arrivals = arrivals_;
  r.arrivals_lost = arrivals_lost_;
  r.arrival_loss_fraction = arrivals_ > 0.0 ? arrivals_lost_ / arrivals_ : 0.0;
  if (line_.base_stock >= 0) {
    r.fill_rate = demands_ > 0.0 ? demands_filled_ / demands_ : 1.0;
    r.finished_goods_mean = stock_level_.mean(now_);
    r.backorders_mean = backorder_level_.mean(now_);
  }

  // Little's law with the exact boundary terms: jobs still in the line at the end contribute their time
  // since max(entry, W); departed jobs that entered before W contributed before_window_s_ too much.
  double residual_s = 0.0, present = 0.0;
  auto add_job = [&](double entry_s) {
    residual_s += now_ - (entry_s > W ? entry_s : W);
    present += 1.0;
  };
  for (const Buffer& b : buffers_)
    for (std::size_t k = 0; k < b.parts.size(); ++k) add_job(b.parts[k]);
  for (const Machine& x : machines_)
    if (x.holding) add_job(x.part_entry_s);
  if (std::abs(present - wip_.value()) > 0.5)
    throw std::logic_error("production line: " + std::to_string(present) + " parts found in the line but the WIP count is " +
                           std::to_string(wip_.value()));
  r.little_departure_rate_per_s = departures_ / H;
  r.little_sojourn_mean_s = departures_ > 0.0 ? sojourn_sum_s_ / departures_ : 0.0;
  r.little_boundary_correction = (residual_s - before_window_s_) / H;

  // Time series: interval k lies between samples k and k + 1.
  TimeSeries& ts = r.series;
  ts.interval_s = line_.sample_interval_s;
  double off_power_W = 0.0;
  for (const CompiledStation& s : line_.stations) off_power_W += s.machines * s.off_W;
  for (std::size_t k = 0; k + 1 < samples_.size(); ++k) {
    const Sample& a = samples_[k];
    const Sample& b = samples_[k + 1];
    const double c0 = line_.sample_calendar_s[k], c1 = line_.sample_calendar_s[k + 1];
    const double dc = c1 - c0;
    const double dw = line_.sample_working_s[k + 1] - line_.sample_working_s[k];
    const double energy = b.energy_J - a.energy_J + line_.working.off_time(c0, c1) * off_power_W;
    ts.times_s.push_back(c0 - line_.run.warmup_s);
    ts.throughput_per_s.push_back((b.good_parts - a.good_parts) / dc);
    ts.wip.push_back(dw > 0.0 ? (b.wip_area - a.wip_area) / dw : a.wip);
    ts.power_W.push_back(energy / dc);
    ts.direct_emission_rate_kg_s.push_back((b.direct_kg - a.direct_kg) / dc);
    ts.indirect_emission_rate_kg_s.push_back(energy / dc * line_.grid_kg_per_J);
    ts.emission_rate_kg_s.push_back(ts.direct_emission_rate_kg_s.back() + ts.indirect_emission_rate_kg_s.back());
  }
  return r;
}

}  // namespace twinlab::twins::production_line
