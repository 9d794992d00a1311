#include "twins/production_line/kpis.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <stdexcept>

#include "sim/warmup_detection.hpp"

namespace twinlab::twins::production_line {

namespace {

struct LineKpi {
  const char* name;
  const char* unit;
  const char* description;
  std::function<double(const ReplicationResult&)> get;
};

struct StationKpi {
  const char* name;
  const char* unit;
  const char* description;
  double StationReplication::*field;
};

#define TL_LINE(field, unit, text) LineKpi{#field, unit, text, [](const ReplicationResult& r) { return r.field; }}
const std::vector<LineKpi>& line_kpis() {
  static const std::vector<LineKpi> kpis = {
      TL_LINE(throughput_per_s, "1/s", "good parts to the sink per planned second"),
      TL_LINE(good_parts, "1", "good parts to the sink in the measured window"),
      TL_LINE(scrapped_parts, "1", "parts scrapped in the measured window"),
      TL_LINE(wip_mean, "1", "time-average parts in the line (work in process)"),
      TL_LINE(lead_time_mean_s, "s", "mean lead time, entry to sink, calendar time"),
      TL_LINE(lead_time_p50_s, "s", "median lead time"),
      TL_LINE(lead_time_p90_s, "s", "90th percentile of the lead time"),
      TL_LINE(lead_time_p95_s, "s", "95th percentile of the lead time"),
      TL_LINE(lead_time_p99_s, "s", "99th percentile of the lead time"),
      TL_LINE(availability, "1", "availability of the bottleneck station"),
      TL_LINE(performance, "1", "performance of the bottleneck station"),
      TL_LINE(quality, "1", "good parts / (good + scrapped parts)"),
      TL_LINE(oee, "1", "overall equipment effectiveness of the line (availability x performance x quality)"),
      TL_LINE(energy_J, "J", "electrical energy of the line in the window"),
      TL_LINE(energy_per_good_part_J, "J", "electrical energy per good part"),
      TL_LINE(emissions_kg, "kg", "direct + indirect emissions in the window"),
      TL_LINE(direct_emissions_kg, "kg", "process emissions at the plant"),
      TL_LINE(indirect_emissions_kg, "kg", "emissions of the electricity drawn (grid factor)"),
      TL_LINE(emissions_per_good_part_kg, "kg", "emissions per good part"),
      TL_LINE(failures, "1", "machine failures in the window"),
      TL_LINE(maintenance_actions, "1", "preventive and condition-based maintenance actions in the window"),
      TL_LINE(maintenance_cost, "currency", "repair and maintenance cost in the window"),
      TL_LINE(maintenance_cost_rate_per_s, "currency/s", "repair and maintenance cost per planned second"),
      TL_LINE(arrivals, "1", "parts arrived from the source (arrival process only)"),
      TL_LINE(arrival_loss_fraction, "1", "fraction of arrivals lost to a full buffer (arrival process only)"),
      TL_LINE(fill_rate, "1", "fraction of demands served from stock at once (base-stock control only)"),
      TL_LINE(finished_goods_mean, "1", "time-average finished parts in stock (base-stock control only)"),
      TL_LINE(backorders_mean, "1", "time-average backordered demands (base-stock control only)"),
  };
  return kpis;
}
#undef TL_LINE

#define TL_STATION(field, unit, text) StationKpi{#field, unit, text, &StationReplication::field}
const std::vector<StationKpi>& station_kpis() {
  static const std::vector<StationKpi> kpis = {
      TL_STATION(busy_fraction, "1", "utilisation: fraction of planned machine time processing"),
      TL_STATION(starved_fraction, "1", "fraction of planned machine time starved (idle)"),
      TL_STATION(blocked_fraction, "1", "fraction of planned machine time blocked"),
      TL_STATION(down_fraction, "1", "fraction of planned machine time failed (waiting for or under repair)"),
      TL_STATION(maintenance_fraction, "1", "fraction of planned machine time in maintenance"),
      TL_STATION(availability, "1", "1 - down - maintenance"),
      TL_STATION(performance, "1", "ideal cycle time x operations / available time"),
      TL_STATION(quality, "1", "good operations / operations"),
      TL_STATION(oee, "1", "availability x performance x quality"),
      TL_STATION(buffer_mean, "1", "time-average parts in the input buffer(s)"),
      TL_STATION(throughput_per_s, "1/s", "completed operations per planned second"),
      TL_STATION(operations, "1", "completed operations in the window"),
      TL_STATION(failures, "1", "failures in the window"),
      TL_STATION(maintenance_actions, "1", "maintenance actions in the window"),
      TL_STATION(repair_cost, "currency", "repair cost in the window"),
      TL_STATION(maintenance_cost, "currency", "maintenance cost in the window"),
      TL_STATION(energy_J, "J", "electrical energy of its machines in the window"),
      TL_STATION(direct_emissions_kg, "kg", "process emissions in the window"),
  };
  return kpis;
}
#undef TL_STATION

std::vector<double> mean_series(const std::vector<ReplicationResult>& reps, std::vector<double> TimeSeries::*field) {
  std::vector<double> mean((reps.front().series.*field).size(), 0.0);
  for (const auto& r : reps)
    for (std::size_t k = 0; k < mean.size(); ++k) mean[k] += (r.series.*field)[k];
  for (double& v : mean) v /= static_cast<double>(reps.size());
  return mean;
}

}  // namespace

std::vector<std::string> line_kpi_names() {
  std::vector<std::string> names;
  for (const auto& k : line_kpis()) names.emplace_back(k.name);
  return names;
}

double line_kpi_value(const ReplicationResult& replication, const std::string& name) {
  for (const auto& k : line_kpis())
    if (name == k.name) return k.get(replication);
  throw std::out_of_range("no line KPI called '" + name + "'");
}

void check_warmup(const CompiledLine& line, LineResult& result) {
  const auto& reps = result.per_replication;
  result.warmup.clear();
  const std::pair<const char*, std::vector<double> TimeSeries::*> series[] = {
      {"throughput", &TimeSeries::throughput_per_s}, {"wip", &TimeSeries::wip}, {"power", &TimeSeries::power_W}};
  for (const auto& [name, field] : series) {
    WarmupCheck w;
    w.series = name;
    w.shift_calendar = !line.working.always_working();
    w.given_s = line.run.warmup_s;
    const std::vector<double> mean = mean_series(reps, field);
    const sim::WarmupCut cut = sim::mser(mean, 5);
    w.cut_samples = cut.observations;
    w.reliable = cut.reliable;
    w.detected_s = w.given_s + static_cast<double>(cut.observations) * line.sample_interval_s;
    if (cut.observations > 0 && cut.observations < mean.size()) {
      // Per replication: mean of the cut part minus mean of the rest; independent across replications.
      std::vector<double> differences;
      for (const auto& r : reps) {
        const auto& x = r.series.*field;
        double head = 0.0, tail = 0.0;
        for (std::size_t k = 0; k < x.size(); ++k) (k < cut.observations ? head : tail) += x[k];
        differences.push_back(head / static_cast<double>(cut.observations) -
                              tail / static_cast<double>(x.size() - cut.observations));
      }
      const sim::Estimate d = sim::mean_confidence_interval(differences, result.confidence_level);
      w.difference = d.mean;
      w.difference_half_width = d.half_width;
      w.transient = std::isfinite(d.half_width) && std::abs(d.mean) > d.half_width;
    } else {
      w.difference_half_width = reps.size() > 1 ? 0.0 : std::numeric_limits<double>::quiet_NaN();
    }
    result.warmup.push_back(w);
  }
}

void aggregate_replications(const CompiledLine& line, LineResult& result) {
  const auto& reps = result.per_replication;
  const double level = result.confidence_level;
  std::vector<double> values(reps.size());

  result.kpis.clear();
  for (const auto& k : line_kpis()) {
    const std::string name = k.name;
    if (line.source_kind != SourceKind::Arrivals && name.rfind("arrival", 0) == 0) continue;
    const bool base_stock_kpi = name == "fill_rate" || name == "finished_goods_mean" || name == "backorders_mean";
    if (line.base_stock < 0 && base_stock_kpi) continue;
    for (std::size_t r = 0; r < reps.size(); ++r) values[r] = k.get(reps[r]);
    result.kpis.push_back(KpiRow{k.name, k.unit, k.description, sim::mean_confidence_interval(values, level), values});
  }

  StationTable& table = result.stations;
  const std::size_t n = line.stations.size();
  table = StationTable{};
  table.bottleneck_share.assign(n, 0.0);
  for (const auto& s : line.stations) {
    table.names.push_back(s.name);
    table.machines.push_back(s.machines);
    table.buffer_capacity.push_back(s.raw_supply ? -1 : line.buffers[s.inputs.front()].capacity);
  }
  for (const auto& r : reps) table.bottleneck_share[static_cast<std::size_t>(r.bottleneck_station)] += 1.0 / reps.size();
  for (const auto& k : station_kpis()) {
    StationColumn column{k.name, k.unit, k.description, {}, {}};
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t r = 0; r < reps.size(); ++r) values[r] = reps[r].stations[i].*k.field;
      const sim::Estimate e = sim::mean_confidence_interval(values, level);
      column.mean.push_back(e.mean);
      column.half_width.push_back(e.half_width);
    }
    table.columns.push_back(std::move(column));
  }
  result.bottleneck_station = static_cast<int>(
      std::max_element(table.bottleneck_share.begin(), table.bottleneck_share.end()) - table.bottleneck_share.begin());

  TimeSeries& ts = result.series;
  ts = TimeSeries{};
  ts.interval_s = reps.front().series.interval_s;
  ts.times_s = reps.front().series.times_s;
  ts.throughput_per_s = mean_series(reps, &TimeSeries::throughput_per_s);
  ts.wip = mean_series(reps, &TimeSeries::wip);
  ts.power_W = mean_series(reps, &TimeSeries::power_W);
  ts.emission_rate_kg_s = mean_series(reps, &TimeSeries::emission_rate_kg_s);
  ts.direct_emission_rate_kg_s = mean_series(reps, &TimeSeries::direct_emission_rate_kg_s);
  ts.indirect_emission_rate_kg_s = mean_series(reps, &TimeSeries::indirect_emission_rate_kg_s);
  check_warmup(line, result);
}

}  // namespace twinlab::twins::production_line
