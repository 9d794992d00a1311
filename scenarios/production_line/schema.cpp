#include "scenarios/production_line/schema.hpp"

namespace twinlab::scenarios {

using io::KeySpec;

KeySpec distribution_schema(const std::string& name, const std::string& unit, const std::string& doc,
                            const std::string& default_yaml) {
  KeySpec spec = KeySpec::object(name, doc + " (a distribution: the keys its kind takes, see below)", {
      KeySpec::choice("distribution",
                      {"deterministic", "exponential", "normal", "lognormal", "weibull", "uniform", "empirical",
                       "geometric"},
                      "Kind; normal is truncated at 0. A key marked (required) is required by the kinds it names"),
      KeySpec::number("value", unit, "deterministic (required): the value").at_least(0).optional(),
      KeySpec::number("mean", unit, "exponential, normal, lognormal (required): the mean").above(0).optional(),
      KeySpec::number("std_dev", unit, "normal, lognormal (required): the standard deviation").at_least(0).optional(),
      KeySpec::number("shape", "", "weibull (required): shape k (> 1: wear-out)").above(0).optional(),
      KeySpec::number("scale", unit, "weibull (required): scale").above(0).optional(),
      KeySpec::number("min", unit, "uniform (required): lower bound").at_least(0).optional(),
      KeySpec::number("max", unit, "uniform (required): upper bound").at_least(0).optional(),
      KeySpec::number("probability", "", "geometric (required): success probability per step").above(0).at_most(1).optional(),
      KeySpec::number("step", unit, "geometric (required): duration of one step (a draw is a whole number of steps)").above(0).optional(),
      KeySpec::number_list("values", unit, "empirical (this or csv): the observed values, sampled uniformly").optional(),
      KeySpec::string("csv", "empirical (this or values): CSV file with the values (relative to the scenario file)").optional(),
      KeySpec::string("column", "empirical: CSV column name (default: the first column)").optional(),
      KeySpec::string("values_from", "empirical, with values: where the values were read from (written by twinlab "
                      "when it stores a scenario that read them from a CSV file: the file and its SHA-256); "
                      "information only").optional(),
  });
  spec.unit = unit;
  if (!default_yaml.empty()) return std::move(spec).defaults(default_yaml);
  return spec;
}

namespace {

KeySpec successors(const std::string& name, const std::string& doc) {
  return KeySpec::list(name, doc, {
      KeySpec::string("station", "Name of the station"),
      KeySpec::number("probability", "", "Routing probability (those of one list sum to 1)").above(0).at_most(1)
          .defaults(1.0),
  }).defaults("[]");
}

KeySpec station_schema() {
  return KeySpec::list("stations", "The stations, a directed acyclic graph through their `next` lists", {
      KeySpec::string("name", "Unique station name"),
      KeySpec::integer("machines", "Identical parallel machines sharing the input buffer").at_least(1).at_most(1000)
          .also_called({"servers", "parallel_machines", "count"})
          .defaults(1.0),
      distribution_schema("processing_time", "s", "Processing time per part per machine",
                          "{distribution: deterministic, value: 60}"),
      KeySpec::number("ideal_cycle_time_s", "s", "Ideal cycle time for OEE performance; 0 = mean processing time")
          .at_least(0).defaults(0.0),
      KeySpec::integer("buffer_capacity", "Parts the input buffer holds (0 allowed: no buffer)").at_least(0)
          .also_called({"capacity", "buffer", "buffer_size", "queue_capacity"})
          .at_most(1000000).defaults(10.0),
      KeySpec::boolean("buffer_unlimited", "An infinite input buffer (buffer_capacity is then ignored)")
          .defaults(false),
      KeySpec::boolean("assembly", "Takes one part from each predecessor per operation (merge otherwise)")
          .defaults(false),
      successors("next", "Where finished parts go, chosen by probability; empty = the sink"),
      KeySpec::object("failure", "Breakdowns", {
          KeySpec::choice("basis", {"none", "time", "operation", "wear"},
                          "What the life counts: up time, busy time, or the tool's wear").defaults("none"),
          distribution_schema("life", "s", "Time (s) or wear (dimensionless, basis wear) to failure",
                              "{distribution: exponential, mean: 3600}")
              .also_called({"mtbf", "mttf", "time_to_failure", "time_between_failures", "failure_time"}),
          distribution_schema("time_to_repair", "s", "Repair duration once a crew has arrived",
                              "{distribution: exponential, mean: 300}")
              .also_called({"mttr", "repair_time", "repair_duration", "downtime"}),
          KeySpec::number("repair_cost", "currency", "Cost per repair").at_least(0).defaults(0.0),
      }),
      KeySpec::object("wear", "Tool wear w (0 new, 1 nominal end of life): dw/dt = rate (1 + acceleration w) while busy", {
          KeySpec::number("rate_1_s", "1/s", "Wear growth per busy second at w = 0; 0 = no wear").at_least(0)
              .at_most(1).because("at 1 /s a new tool is worn out after one busy second, shorter than any tool "
                                  "life; check the unit (per second, not per hour or per part)")
              .defaults(0.0),
          KeySpec::number("acceleration", "", "How wear speeds itself up: at w = 1 it grows (1 + acceleration) "
                          "times faster than new").at_least(0).at_most(1000)
              .because("a worn tool wearing more than 1000 times faster than a new one describes no machine")
              .defaults(0.0),
      }),
      KeySpec::object("maintenance", "Maintenance policy (a repair or maintenance renews the machine)", {
          KeySpec::choice("policy", {"run_to_failure", "preventive", "condition_based"}, "Policy")
              .defaults("run_to_failure"),
          KeySpec::number("interval_s", "s", "preventive: busy time between renewals").above(0).defaults(28800.0),
          KeySpec::number("wear_threshold", "", "condition_based: wear that triggers maintenance").above(0)
              .at_most(1).defaults(0.8),
          distribution_schema("duration", "s", "Maintenance duration once a crew has arrived",
                              "{distribution: deterministic, value: 1800}"),
          KeySpec::number("cost", "currency", "Cost per maintenance action").at_least(0).defaults(0.0),
      }),
      KeySpec::object("quality", "Defects: p = defect_probability + defect_probability_per_wear * w", {
          KeySpec::number("defect_probability", "", "Defect probability of a new tool").at_least(0).at_most(1)
              .defaults(0.0),
          KeySpec::number("defect_probability_per_wear", "", "Increase per unit of wear").at_least(0).defaults(0.0),
          KeySpec::choice("handling", {"scrap", "rework"}, "What happens to a defective part").defaults("scrap"),
          KeySpec::number("rework_time_factor", "", "Rework time / processing time").above(0).defaults(1.0),
      }),
      KeySpec::object("power", "Electrical power of one machine per state", {
          KeySpec::number("off_W", "W", "Outside shifts").at_least(0).defaults(0.0),
          KeySpec::number("idle_W", "W", "Starved, waiting for a part").at_least(0).defaults(0.0),
          KeySpec::number("busy_W", "W", "Processing").at_least(0).defaults(0.0),
          KeySpec::number("down_W", "W", "Failed or under maintenance").at_least(0).defaults(0.0),
          KeySpec::number("blocked_W", "W", "Holding a part its destination cannot take").at_least(0).defaults(0.0),
      }),
      KeySpec::number("emission_kg_per_operation", "kg", "Direct process emission per operation").at_least(0)
          .defaults(0.0),
  }).items(1, 500);
}

}  // namespace

KeySpec line_section_schema() {
  return KeySpec::object("line", "The production-line twin", {
      station_schema(),
      KeySpec::object("source", "Raw material", {
          KeySpec::choice("kind", {"unlimited", "arrivals"},
                          "unlimited: fed stations never starve; arrivals: parts arrive one by one (lost when "
                          "the buffer is full)").defaults("unlimited"),
          distribution_schema("interarrival_time", "s", "arrivals: time between arrivals",
                              "{distribution: exponential, mean: 60}"),
          successors("feeds", "Stations the source feeds; empty = the first station"),
      }),
      KeySpec::object("pull", "Production control: push (a machine starts whenever it has a part) or pull "
                      "(cards authorise starts); see docs/production_line.md", {
          KeySpec::choice("policy", {"push", "kanban", "conwip", "base_stock"},
                          "push; kanban: card loops between stations; conwip: one card count over the whole "
                          "line; base_stock: each demand (arrival) releases a part, served from a stock")
              .defaults("push"),
          KeySpec::list("kanban", "kanban: the loops; a part takes a card when it starts at `from` and gives it "
                        "back when it starts at the station after `to` (or leaves the line from `to`)", {
              KeySpec::string("from", "First station of the loop"),
              KeySpec::string("to", "Last station of the loop (a serial chain from `from`; may equal `from`)"),
              KeySpec::integer("cards", "Cards of the loop: the most parts in it (its stations and the input "
                               "buffer after `to`)").at_least(1).at_most(1000000),
          }).defaults("[]"),
          KeySpec::integer("conwip_cards", "conwip: cards over the line, the most parts in it")
              .at_least(1).at_most(1000000).defaults(1.0),
          KeySpec::integer("base_stock", "base_stock: finished parts in stock at the start (the target stock)")
              .at_least(0).at_most(1000000).defaults(0.0),
      }),
      KeySpec::integer("repair_crews", "Crews shared by repairs and maintenance; 0 = unlimited").at_least(0)
          .defaults(0.0),
      KeySpec::object("shifts", "Planned production time, a pattern repeated every period_s", {
          KeySpec::number("period_s", "s", "Length of the repeating pattern").above(0).defaults(86400.0),
          KeySpec::list("windows", "Working windows within the period; none = always working", {
              KeySpec::number("start_s", "s", "Start from the beginning of the period").at_least(0),
              KeySpec::number("end_s", "s", "End (> start_s, <= period_s)").above(0),
          }).defaults("[]"),
      }),
      KeySpec::object("emissions", "Indirect emissions", {
          KeySpec::number("grid_kg_per_kwh", "kg/kWh", "Emission factor of the electricity drawn").at_least(0)
              .defaults(0.0),
      }),
      KeySpec::object("run", "Run length and replications", {
          KeySpec::number("warmup_s", "s", "Discarded start of every replication").at_least(0).defaults(0.0),
          KeySpec::number("horizon_s", "s", "Measured time after the warm-up").above(0).at_most(3.2e9)
              .defaults(86400.0),
          KeySpec::integer("replications", "Independent replications (confidence intervals need >= 2); auto: "
                           "added until the KPIs of `precision` are as precise as asked (see precision)")
              .at_least(1).at_most(100000).or_word("auto").defaults(10.0),
          KeySpec::object("precision", "replications: auto: the sequential procedure (Law & Kelton): after each "
                          "replication from min_replications on, stop when every KPI named has a confidence "
                          "half-width <= relative_half_width / (1 + relative_half_width) x |mean|", {
              KeySpec::scalar_list("kpis", "Line KPI names (as in summary.json), e.g. [throughput_per_s, wip_mean]")
                  .defaults("[throughput_per_s]"),
              KeySpec::number("relative_half_width", "", "Target relative half-width gamma (0.05 = 5 %)")
                  .above(0).at_most(0.5).defaults(0.05),
              KeySpec::integer("min_replications", "Replications before the first check").at_least(2)
                  .at_most(100000).defaults(5.0),
              KeySpec::integer("max_replications", "The cap (a warning says when it is reached first)")
                  .at_least(2).at_most(100000).defaults(200.0),
          }),
          KeySpec::number("confidence_level", "", "Of the Student-t confidence intervals").above(0).at_most(0.999)
              .defaults(0.95),
          KeySpec::number("time_series_interval_s", "s", "Sampling interval of the time series; 0 = horizon/200")
              .at_least(0).defaults(0.0),
          KeySpec::integer("event_log_max", "Events of replication 0 written to results.h5; 0 = none")
              .at_least(0).at_most(10000000).defaults(0.0),
      }),
  });
}

}  // namespace twinlab::scenarios
