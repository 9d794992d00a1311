#include "scenarios/production_line/dataset.hpp"

#include <cstdint>

#include "scenarios/production_line/stored_scenario.hpp"
#include "scenarios/provenance.hpp"

namespace twinlab::scenarios {

namespace pl = twins::production_line;

std::string cf_units(const std::string& unit) {
  if (unit == "1/s") return "s-1";
  if (unit == "currency/s") return "currency s-1";
  return unit;
}

namespace {

void add_kpis(io::Dataset& ds, const pl::LineResult& r) {
  io::Group& g = ds.add_group("kpis");
  g.attributes.set("confidence_level", r.confidence_level);
  g.attributes.set("replications", static_cast<std::int64_t>(r.replications));
  std::vector<std::string> names, units, descriptions;
  std::vector<double> mean, half, sd;
  for (const auto& k : r.kpis) {
    names.push_back(k.name);
    units.push_back(cf_units(k.unit));
    descriptions.push_back(k.description);
    mean.push_back(k.value.mean);
    half.push_back(k.value.half_width);
    sd.push_back(k.value.std_dev);
  }
  const std::size_t n = names.size();
  g.add_coordinate("kpi", names, "", "key performance indicator");
  g.add_variable("mean", {"kpi"}, {n}, mean, "", "mean over replications (unit: see `unit`)");
  g.add_variable("half_width", {"kpi"}, {n}, half, "", "half-width of the Student-t confidence interval");
  g.add_variable("std_dev", {"kpi"}, {n}, sd, "", "standard deviation between replications");
  g.add_variable("unit", {"kpi"}, {n}, units, "", "unit of the KPI");
  g.add_variable("description", {"kpi"}, {n}, descriptions, "", "what the KPI is");
}

void add_stations(io::Dataset& ds, const pl::LineResult& r) {
  io::Group& g = ds.add_group("stations");
  const auto& t = r.stations;
  const std::size_t n = t.names.size();
  g.add_coordinate("station", t.names, "", "station name");
  g.add_variable("machines", {"station"}, {n}, std::vector<std::int64_t>(t.machines.begin(), t.machines.end()), "1",
                 "parallel machines");
  g.add_variable("buffer_capacity", {"station"}, {n},
                 std::vector<std::int64_t>(t.buffer_capacity.begin(), t.buffer_capacity.end()), "1",
                 "input buffer capacity (2147483647 = unlimited, -1 = fed by an unlimited source)");
  g.add_variable("bottleneck_share", {"station"}, {n}, t.bottleneck_share, "1",
                 "fraction of replications in which the station was the bottleneck");
  for (const auto& c : t.columns) {
    g.add_variable(c.name, {"station"}, {n}, c.mean, cf_units(c.unit), c.description);
    g.add_variable(c.name + "_half_width", {"station"}, {n}, c.half_width, cf_units(c.unit),
                   "confidence-interval half-width of " + c.name);
  }
}

void add_series(io::Dataset& ds, const pl::TimeSeries& s) {
  io::Group& g = ds.add_group("series");
  g.attributes.set("interval_s", s.interval_s);
  const std::size_t n = s.times_s.size();
  g.add_coordinate("time", s.times_s, "s", "start of the interval, from the end of the warm-up");
  g.add_variable("throughput", {"time"}, {n}, s.throughput_per_s, "s-1", "good parts to the sink per second");
  g.add_variable("wip", {"time"}, {n}, s.wip, "1", "time-average parts in the line");
  g.add_variable("power", {"time"}, {n}, s.power_W, "W", "mean electrical power of the line");
  g.add_variable("emission_rate", {"time"}, {n}, s.emission_rate_kg_s, "kg s-1", "direct + indirect emission rate");
  g.add_variable("direct_emission_rate", {"time"}, {n}, s.direct_emission_rate_kg_s, "kg s-1",
                 "process emission rate at the plant (a dispersion source's input)");
  g.add_variable("indirect_emission_rate", {"time"}, {n}, s.indirect_emission_rate_kg_s, "kg s-1",
                 "emission rate of the electricity drawn");
}

void add_replications(io::Dataset& ds, const pl::LineResult& r) {
  io::Group& g = ds.add_group("replications");
  const std::size_t n = r.per_replication.size();
  std::vector<std::int64_t> index, seeds, bottleneck;
  std::vector<double> throughput, wip, lead, oee, energy, little_lw, little_correction;
  for (std::size_t i = 0; i < n; ++i) {
    const auto& rep = r.per_replication[i];
    index.push_back(static_cast<std::int64_t>(i));
    seeds.push_back(static_cast<std::int64_t>(rep.seed));
    bottleneck.push_back(rep.bottleneck_station);
    throughput.push_back(rep.throughput_per_s);
    wip.push_back(rep.wip_mean);
    lead.push_back(rep.lead_time_mean_s);
    oee.push_back(rep.oee);
    energy.push_back(rep.energy_per_good_part_J);
    little_lw.push_back(rep.little_departure_rate_per_s * rep.little_sojourn_mean_s);
    little_correction.push_back(rep.little_boundary_correction);
  }
  g.add_coordinate("replication", index, "1", "replication number");
  g.add_variable("seed", {"replication"}, {n}, seeds, "1", "master seed of the replication");
  g.add_variable("throughput", {"replication"}, {n}, throughput, "s-1", "good parts per planned second");
  g.add_variable("wip_mean", {"replication"}, {n}, wip, "1", "time-average work in process");
  g.add_variable("lead_time_mean", {"replication"}, {n}, lead, "s", "mean lead time");
  g.add_variable("oee", {"replication"}, {n}, oee, "1", "line OEE");
  g.add_variable("energy_per_good_part", {"replication"}, {n}, energy, "J", "energy per good part");
  g.add_variable("little_lambda_w", {"replication"}, {n}, little_lw, "1",
                 "departure rate x mean sojourn (Little's law: wip_mean = this + little_correction)");
  g.add_variable("little_correction", {"replication"}, {n}, little_correction, "1",
                 "parts present at the window's ends (the exact sample-path correction to L = lambda W)");
  g.add_variable("bottleneck_station", {"replication"}, {n}, bottleneck, "1", "index of the bottleneck station");
}

void add_events(io::Dataset& ds, const pl::LineResult& r) {
  if (r.event_log.empty()) return;
  io::Group& g = ds.add_group("events");
  const std::size_t n = r.event_log.size();
  std::vector<double> time;
  std::vector<std::string> kind;
  std::vector<std::int64_t> station, machine;
  for (const auto& e : r.event_log) {
    time.push_back(e.time_s);
    kind.emplace_back(pl::event_kind_name(e.kind));
    station.push_back(e.station);
    machine.push_back(e.machine);
  }
  g.attributes.set("replication", static_cast<std::int64_t>(0));
  g.add_variable("time", {"event"}, {n}, time, "s", "calendar time from the start of the replication");
  g.add_variable("kind", {"event"}, {n}, kind, "", "what happened");
  g.add_variable("station", {"event"}, {n}, station, "1", "station index (-1: the source)");
  g.add_variable("machine", {"event"}, {n}, machine, "1", "machine index within the station (-1: none)");
}

}  // namespace

io::Dataset line_dataset(const Scenario& scenario, const pl::LineConfig& config, const LineOutcome& outcome) {
  io::Dataset ds;
  add_provenance(ds, scenario, "production_line");
  ds.attributes.set("scenario", stored_line_scenario(scenario, config));  // CSV data inline: re-runs anywhere
  const auto& r = outcome.result;
  add_kpis(ds, r);
  add_stations(ds, r);
  add_series(ds, r.series);
  add_replications(ds, r);
  add_events(ds, r);
  return ds;
}

}  // namespace twinlab::scenarios
