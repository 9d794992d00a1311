// `twinlab calibrate LINE.yaml --events events.csv [-o DIR]`: fit a production line's processing, life and
// repair distributions to a machine-state log (io/event_log.hpp), write calibration.json and the calibrated
// scenario (calibrated.yaml), print the fits, then run the calibrated scenario and compare its throughput
// and availabilities with the log's own. Method: docs/calibrate.md.
#include <cmath>
#include <cstdio>
#include <iostream>

#include <spdlog/spdlog.h>

#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "base/input_file.hpp"
#include "base/interrupt.hpp"
#include "base/output_directory.hpp"
#include "io/event_log.hpp"
#include "scenarios/commands/command.hpp"
#include "scenarios/production_line/calibration.hpp"
#include "scenarios/production_line/config.hpp"
#include "scenarios/scenario.hpp"
#include "scenarios/twin.hpp"

namespace twinlab::scenarios {
namespace {

std::string num(double x, int digits = 4) {
  char text[48];
  std::snprintf(text, sizeof text, "%.*g", digits, x);
  return text;
}

const Kpi* find(const std::vector<Kpi>& kpis, const std::string& name) {
  for (const auto& k : kpis)
    if (k.name == name) return &k;
  return nullptr;
}

class CalibrateCommand final : public Command {
 public:
  void define(CLI::App& command) override {
    command.add_option("scenario", scenario_, "Base scenario of the line (YAML, twin: production_line)")->required();
    command.add_option("--events", events_, "Machine-state log (CSV: station,machine,state,start_s,end_s)")->required();
    command.add_option("-o,--output", output_dir_, "Output directory (default: out/<scenario name>_calibration)");
    command.add_flag("--overwrite", overwrite_,
                     "Write into an existing directory that twinlab did not write (its other files are kept)");
    command.add_option("--level", level_, "Confidence level of the intervals")->check(CLI::Range(0.5, 0.999));
    command.add_option("--bootstrap", bootstrap_, "Resamples of the bootstrap KS test (0 = no p-value)")
        ->check(CLI::Range(0, 100000));
    command.add_flag("--no-check", no_check_, "Do not run the calibrated scenario to compare its KPIs with the log");
    seed_option_ = command.add_option("--seed", seed_, "Seed of the bootstrap and of the check run")->transform(seed_check());
  }

  int execute() override {
    const std::filesystem::path file(scenario_);
    const Scenario scenario = load_scenario(file, {}, std::nullopt);
    if (std::string(scenario.twin->name) != "production_line")
      throw base::InputError(scenario.document.locate("twin"),
                             "calibrate fits a production line's log; give a scenario with twin: production_line");
    (void)build_twin(scenario, false);  // every check of the base
    const auto config = line_config(scenario.document.root().at("line"), scenario.directory());
    std::vector<std::pair<std::string, int>> stations;
    for (const auto& s : config.stations) stations.emplace_back(s.name, s.machines);
    const io::EventLog log = io::read_event_log(events_, stations);
    const std::filesystem::path out_dir = output_dir_.empty()
                                              ? std::filesystem::path("out") / (scenario.name + "_calibration")
                                              : std::filesystem::path(output_dir_);
    if (const std::string problem = base::output_target_problem(out_dir, overwrite_); !problem.empty())
      throw base::InputError({"-o", 0, 0, out_dir.string()}, problem);
    const std::uint64_t seed = *seed_option_ ? seed_ : scenario.seed;

    const LineCalibration c = calibrate_line(config, log, {level_, bootstrap_, seed});
    std::cout << calibration_table(c);
    nlohmann::json json = calibration_json(c);
    json["scenario"] = scenario.document.file();
    const std::string base_text = base::read_input_file(file, "scenario file", "name a .yaml file");
    const std::string yaml = calibrated_scenario_yaml(base_text, scenario.document.file(), c);

    base::set_interrupt_context("the calibration of '" + scenario.name + "' (output " + out_dir.string() +
                                ", left as it was)");
    base::StagingDirectory staging(out_dir, overwrite_);
    base::write_text_atomic(staging.path() / "calibrated.yaml", yaml);
    // The calibrated scenario must load as it is (`twinlab run` takes it): a failure here is twinlab's bug.
    const Scenario calibrated = [&] {
      try {
        return load_scenario(staging.path() / "calibrated.yaml", {}, std::nullopt);
      } catch (const base::InputError& e) {
        throw std::runtime_error(std::string("the calibrated scenario does not validate (a bug): ") + e.what());
      }
    }();
    if (!no_check_) json["consistency"] = consistency(calibrated, c, seed);
    base::write_text_atomic(staging.path() / "calibration.json", json.dump(2) + "\n");
    staging.commit();
    spdlog::info("calibration in {}", out_dir.string());
    return 0;
  }

 private:
  // Runs the calibrated scenario and sets its KPIs beside the log's: throughput and each availability.
  nlohmann::json consistency(const Scenario& calibrated, const LineCalibration& c, std::uint64_t seed) const {
    const auto twin = build_twin(calibrated, false);
    const auto kpis = twin->run(RunSettings{seed, 0, false})->kpis();
    nlohmann::json rows = nlohmann::json::array();
    std::string table = "\nConsistency: the calibrated twin (" + num(100.0 * c.level, 3) +
                        " % CI over replications) against the log\n";
    char line[256];
    std::snprintf(line, sizeof line, "%-34s %12s %12s %10s %8s\n", "KPI", "log", "twin", "+-", "twin/log");
    table += line;
    const auto add = [&](const std::string& name, double from_log, const Kpi* k, double scale) {
      if (k == nullptr) return;
      const double twin_value = k->value * scale, hw = k->half_width * scale;
      rows.push_back({{"kpi", name},
                      {"log", from_log},
                      {"twin", twin_value},
                      {"twin_half_width", std::isfinite(hw) ? nlohmann::json(hw) : nlohmann::json(nullptr)},
                      {"ratio", twin_value / from_log}});
      std::snprintf(line, sizeof line, "%-34s %12s %12s %10s %8s\n", name.c_str(), num(from_log).c_str(),
                    num(twin_value).c_str(), num(hw, 2).c_str(), num(twin_value / from_log, 3).c_str());
      table += line;
    };
    add("throughput_per_h", 3600.0 * c.throughput_per_s, find(kpis, "throughput_per_s"), 3600.0);
    for (const auto& s : c.stations)
      add("station." + s.name + ".availability", s.availability(), find(kpis, "station." + s.name + ".availability"), 1.0);
    std::cout << table;
    return rows;
  }

  std::string scenario_, events_, output_dir_;
  bool overwrite_ = false, no_check_ = false;
  double level_ = 0.95;
  int bootstrap_ = 99;
  std::uint64_t seed_ = 0;
  CLI::Option* seed_option_ = nullptr;
};

}  // namespace

std::unique_ptr<Command> make_calibrate_command() { return std::make_unique<CalibrateCommand>(); }

}  // namespace twinlab::scenarios
