// `twinlab compare BASE.yaml [VARIANT.yaml ...] [--variant NAME --set k=v ...] [-o DIR]`: what-if runs.
// The base and every variant run with the base's seed, so a stochastic twin shares its random numbers
// station by station (common random numbers) and the differences are paired. A `--set` before the first
// `--variant` changes the base and every variant alike; each later one belongs to the `--variant` before it.
#include <iostream>
#include <map>
#include <optional>

#include <spdlog/spdlog.h>

#include "base/atomic_file.hpp"
#include "base/output_directory.hpp"
#include "io/hdf5_writer.hpp"
#include "scenarios/commands/command.hpp"
#include "scenarios/compare/comparison.hpp"
#include "scenarios/scenario.hpp"
#include "scenarios/twin.hpp"

namespace twinlab::scenarios {
namespace {

struct VariantSpec {
  std::string name;
  std::filesystem::path file;
  std::vector<std::string> overrides;
};

class CompareCommand final : public Command {
 public:
  void define(CLI::App& command) override {
    command_ = &command;
    command.add_option("scenarios", files_, "The base scenario, then variant scenarios (YAML)")->required();
    variant_option_ =
        command.add_option("--variant", variant_names_, "Start a named variant of the base (repeatable)")
            ->allow_extra_args(false);
    set_option_ = command.add_option("--set", sets_, "Override a key of the variant before it (dotted.key=value)")
                      ->allow_extra_args(false);
    command.add_option("-o,--output", output_dir_, "Output directory (default: out/compare_<base name>)");
    command.add_flag("--overwrite", overwrite_, "Write into an existing directory twinlab did not write");
    seed_option_ = command.add_option("--seed", seed_, "Master seed of every run (replaces the base's seed:)")
                       ->transform(seed_check());
  }

  int execute() override {
    std::vector<std::string> common;
    const std::vector<VariantSpec> specs = variant_specs(common);
    const std::optional<std::uint64_t> seed = *seed_option_ ? std::optional<std::uint64_t>(seed_) : std::nullopt;

    // Everything is loaded and checked before anything runs.
    std::vector<Scenario> scenarios;
    scenarios.reserve(specs.size());
    for (const auto& spec : specs) {
      std::vector<std::string> overrides = common;
      overrides.insert(overrides.end(), spec.overrides.begin(), spec.overrides.end());
      scenarios.push_back(load_scenario(spec.file, overrides, seed));
      if (scenarios.back().twin != scenarios.front().twin)
        throw base::InputError({spec.file.string(), 0, 0, "twin"},
                               std::string("is ") + scenarios.back().twin->name + " but the base is " +
                                   scenarios.front().twin->name + "; compare variants of one twin");
    }
    std::vector<std::unique_ptr<Twin>> twins;
    for (const auto& s : scenarios) twins.push_back(build_twin(s));
    const std::filesystem::path out_dir = output_dir_.empty()
                                              ? std::filesystem::path("out") / ("compare_" + scenarios.front().name)
                                              : std::filesystem::path(output_dir_);
    const std::string problem = base::output_target_problem(out_dir, overwrite_);
    if (!problem.empty()) throw base::InputError({"-o", 0, 0, out_dir.string()}, problem);

    // Common random numbers: every run uses the base's seed.
    const std::uint64_t common_seed = scenarios.front().seed;
    std::vector<std::vector<Kpi>> kpis;
    for (std::size_t i = 0; i < twins.size(); ++i) {
      spdlog::info("{} '{}': running", i == 0 ? "base" : "variant", specs[i].name);
      kpis.push_back(twins[i]->run(RunSettings{common_seed, 0, true})->kpis());
    }
    std::vector<std::string> names;
    for (const auto& s : specs) names.push_back(s.name);
    const Comparison comparison = compare_kpis(names, kpis);

    base::StagingDirectory staging(out_dir, overwrite_);
    io::write_hdf5(comparison_dataset(comparison, scenarios.front(), common_seed), staging.path() / "compare.h5");
    base::write_text_atomic(staging.path() / "compare.json", comparison_json(comparison).dump(2) + "\n");
    staging.commit();
    std::cout << comparison_table(comparison);
    spdlog::info("comparison in {}", out_dir.string());
    return 0;
  }

 private:
  // The base, the variant files, then the --variant groups in command-line order (CLI11's parse order).
  std::vector<VariantSpec> variant_specs(std::vector<std::string>& common) const {
    std::vector<VariantSpec> specs;
    specs.push_back({"base", files_.front(), {}});
    std::map<std::string, int> used{{"base", 1}};
    auto unique = [&](std::string name) {
      if (used[name]++ > 0) name += "_" + std::to_string(used[name]);
      return name;
    };
    for (std::size_t i = 1; i < files_.size(); ++i)
      specs.push_back({unique(std::filesystem::path(files_[i]).stem().string()), files_[i], {}});
    std::size_t next_variant = 0, next_set = 0;
    bool in_variant = false;
    for (const CLI::Option* option : command_->parse_order()) {
      if (option == variant_option_) {
        const std::string& name = variant_names_.at(next_variant++);
        if (!io::is_plain_name(name))
          throw base::InputError({"--variant", 0, 0, name}, std::string("must be ") + io::plain_name_rule);
        specs.push_back({unique(name), files_.front(), {}});
        in_variant = true;
      } else if (option == set_option_) {
        const std::string& assignment = sets_.at(next_set++);
        (in_variant ? specs.back().overrides : common).push_back(assignment);
      }
    }
    if (specs.size() < 2)
      throw base::InputError({"compare", 0, 0, ""},
                             "nothing to compare: give variant scenario files or --variant NAME --set key=value");
    return specs;
  }

  CLI::App* command_ = nullptr;
  CLI::Option *variant_option_ = nullptr, *set_option_ = nullptr, *seed_option_ = nullptr;
  std::vector<std::string> files_, variant_names_, sets_;
  std::string output_dir_;
  bool overwrite_ = false;
  std::uint64_t seed_ = 0;
};

}  // namespace

std::unique_ptr<Command> make_compare_command() { return std::make_unique<CompareCommand>(); }

}  // namespace twinlab::scenarios
