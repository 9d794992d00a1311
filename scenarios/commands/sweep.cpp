// `twinlab sweep STUDY.yaml [-o DIR] [-j N] [--resume] [--shard i/N] [--design-only]`: many runs of one base
// scenario with parameters from a design, journaled as they finish (a killed sweep resumes without loss),
// summarised in DIR/study.h5 and DIR/study.csv. Same study and seed: the same table, whatever -j or the shards.
// With --surrogate MODEL_DIR [--verify K] [--best KPI[:min|max]]: the design through a surrogate instead, K samples
// re-run with the twin (scenarios/study/surrogate_sweep).
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <limits>
#include <optional>
#include <set>
#include <thread>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "base/atomic_file.hpp"
#include "base/interrupt.hpp"
#include "base/output_directory.hpp"
#include "io/hdf5_writer.hpp"
#include "scenarios/commands/command.hpp"
#include "scenarios/scenario.hpp"
#include "scenarios/study/mpi_sweep.hpp"
#include "scenarios/study/study_checks.hpp"
#include "scenarios/study/study_file.hpp"
#include "scenarios/study/study_table.hpp"
#include "scenarios/study/surrogate_sweep.hpp"
#include "scenarios/study/sweep_runner.hpp"
#include "scenarios/twin.hpp"

namespace twinlab::scenarios {
namespace {

namespace fs = std::filesystem;

class SweepCommand final : public Command {
 public:
  void define(CLI::App& command) override {
    command.add_option("study", study_file_, "Study file (YAML)")->required();
    command.add_option("-o,--output", output_dir_, "Output directory (default: out/<study name>)");
    command.add_option("-j,--jobs", jobs_, "Runs at once (default: all cores)")->check(CLI::Range(1, 4096));
    command.add_flag("--resume", resume_, "Complete an interrupted sweep in DIR: only the missing runs");
    command.add_option("--shard", shard_, "Run share i of N of the design (job arrays): i/N, 1 <= i <= N");
    command.add_flag("--design-only", design_only_, "Write DIR/design.csv (run, parameters) and stop");
    command.add_flag("--overwrite", overwrite_, "Write into an existing directory twinlab did not write");
    max_failures_option_ = command.add_option("--max-failures", max_failures_,
                                              "Stop once more runs than this failed (replaces the study's max_failures)")
                               ->check(CLI::NonNegativeNumber);
    command.add_option("--surrogate", surrogate_.model_dir,
                       "Evaluate the samples with this surrogate (MODEL_DIR of `twinlab train`) instead of the twin");
    command.add_option("--verify", surrogate_.verify,
                       "With --surrogate: re-run K samples with the physics twin (the best and the most uncertain)")
        ->check(CLI::Range(0, 100000));
    command.add_option("--best", surrogate_.best, "With --verify: the KPI whose best samples are verified, "
                                                  "KPI[:max|min] (default: the model's first output, max)");
  }

  int execute() override {
    if (launched_by_mpirun()) return execute_mpi();
    const StudySpec spec = study();
    const StudyDesign design(spec);
    const auto [shard_index, shard_count] = parse_shard();
    for (const auto& w : design.warnings())
      spdlog::warn("{}", base::format_input_error(spec.sampler_where, w));
    check_study_against_scenario(spec, design);  // every parameter at its design extremes validates
    if (!surrogate_.model_dir.empty()) return surrogate_sweep(spec);
    if (surrogate_.verify > 0 || !surrogate_.best.empty())
      throw base::InputError({"--verify", 0, 0, ""}, "needs --surrogate MODEL_DIR");
    const fs::path dir = output_dir_.empty() ? fs::path("out") / spec.name : fs::path(output_dir_);

    if (design_only_) return write_design(spec, design, dir);

    Journal journal = open_journal(spec, dir, shard_index, shard_count);
    const auto [pending, done, failures] = remaining_runs(journal, design, shard_index, shard_count);
    const int workers = jobs_ > 0 ? jobs_ : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    spdlog::info("study '{}': {} runs of {} ({} already done), {} worker(s)", spec.name, pending.size() + done,
                 design.count(), done, workers);

    set_interrupt_context(spec, dir);
    const SweepStats stats = run_sweep(spec, design, pending, workers, journal, failures);
    return finish(spec, dir, journal, stats, failures, workers);
  }

 private:
  // --surrogate: the surrogate evaluates every sample, the twin re-runs --verify K of them (study/surrogate_sweep).
  int surrogate_sweep(const StudySpec& spec) {
    if (resume_ || !shard_.empty() || design_only_)
      throw base::InputError({"--surrogate", 0, 0, ""}, "cannot be combined with --resume, --shard or --design-only");
    surrogate_.workers = jobs_ > 0 ? jobs_ : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    surrogate_.overwrite = overwrite_;
    const fs::path dir = output_dir_.empty() ? fs::path("out") / (spec.name + "_surrogate") : fs::path(output_dir_);
    return run_surrogate_sweep(spec, dir, surrogate_);
  }

  void set_interrupt_context(const StudySpec& spec, const fs::path& dir) const {
    base::set_interrupt_context("the sweep of study '" + spec.name + "' in " + dir.string() +
                                " (its journal keeps every finished run: complete it with `twinlab sweep " +
                                study_file_ + " -o " + dir.string() + " --resume`)");
  }

  // Under mpirun: every rank reads and checks the study (the same errors everywhere; only rank 0 speaks),
  // rank 0 manages and journals, the others run what it hands out.
  int execute_mpi() {
    const MpiWorld world = mpi_start();
    struct Finalize {
      ~Finalize() { mpi_stop(); }
    } finalize;
    if (world.rank != 0) {  // quiet: rank 0 reports for all
      std::freopen("/dev/null", "w", stdout);
      std::freopen("/dev/null", "w", stderr);
    }
    const StudySpec spec = study();
    const StudyDesign design(spec);
    const auto [shard_index, shard_count] = parse_shard();
    if (design_only_) throw base::InputError({"--design-only", 0, 0, ""}, "needs no mpirun: run it in one process");
    if (world.rank != 0) {
      run_sweep_worker(spec, design);
      return 0;
    }
    const fs::path dir = output_dir_.empty() ? fs::path("out") / spec.name : fs::path(output_dir_);
    std::optional<Journal> opened;
    try {  // the workers wait for rank 0: a failure here must tell them to stop (H6, issue #20)
      check_study_against_scenario(spec, design);
      opened.emplace(open_journal(spec, dir, shard_index, shard_count));
    } catch (...) {
      release_sweep_workers(world.size);
      throw;
    }
    Journal& journal = *opened;
    const auto [pending, done, failures] = remaining_runs(journal, design, shard_index, shard_count);
    spdlog::info("study '{}': {} runs on {} MPI ranks ({} already done)", spec.name, pending.size(), world.size,
                 done);
    set_interrupt_context(spec, dir);
    const SweepStats stats = run_sweep_manager(spec, design, pending, world.size, journal, failures);
    return finish(spec, dir, journal, stats, failures, world.size);
  }

  int finish(const StudySpec& spec, const fs::path& dir, const Journal& journal, const SweepStats& stats,
             long long failures, int workers) const {
    const StudyTable table = study_table(journal.header(), journal.outputs(), journal.records());
    io::write_hdf5(study_dataset(table), dir / "study.h5");
    base::write_text_atomic(dir / "study.csv", study_csv(table));
    std::cout << fmt::format("study {}: {} ok, {} failed, {} not run; {:.2f} s ({:.3g} s per run on {} worker(s))\n",
                             spec.name, stats.ok, stats.failed, stats.skipped, stats.wall_time_s,
                             stats.ok + stats.failed > 0 ? stats.run_time_s / double(stats.ok + stats.failed) : 0.0,
                             workers);
    std::cout << fmt::format("table: {} (xarray: group \"study\"), {}\n", (dir / "study.h5").string(),
                             (dir / "study.csv").string());
    if (stats.skipped > 0) {
      std::cerr << fmt::format("twinlab: failed: stopped after {} failed runs (max_failures {}); the journal keeps "
                               "every finished run: fix the cause and rerun with --resume\n",
                               stats.failed + static_cast<std::size_t>(failures), spec.max_failures);
      return 1;
    }
    return 0;
  }

  struct Remaining {
    std::vector<std::size_t> pending;  // this shard's runs the journal does not hold yet
    std::size_t done = 0;
    long long failures = 0;            // failed runs already journaled
  };
  static Remaining remaining_runs(const Journal& journal, const StudyDesign& design, int shard_index,
                                  int shard_count) {
    Remaining r;
    std::set<std::size_t> done;
    for (const auto& record : journal.records()) {
      done.insert(record.run);
      r.failures += record.status == "ok" ? 0 : 1;
    }
    r.done = done.size();
    for (std::size_t run = static_cast<std::size_t>(shard_index - 1); run < design.count();
         run += static_cast<std::size_t>(shard_count))
      if (!done.count(run)) r.pending.push_back(run);
    return r;
  }

  StudySpec study() const {
    StudySpec spec = load_study(study_file_);
    if (*max_failures_option_) spec.max_failures = max_failures_;
    return spec;
  }

  std::pair<int, int> parse_shard() const {
    if (shard_.empty()) return {1, 1};
    int i = 0, n = 0;
    char slash = 0, extra = 0;
    if (std::sscanf(shard_.c_str(), "%d%c%d%c", &i, &slash, &n, &extra) != 3 || slash != '/' || n < 1 || i < 1 ||
        i > n)
      throw base::InputError({"--shard", 0, 0, shard_}, "must be i/N with 1 <= i <= N (e.g. 3/8)");
    return {i, n};
  }

  int write_design(const StudySpec& spec, const StudyDesign& design, const fs::path& dir) const {
    const std::string problem = base::output_target_problem(dir, true);
    if (!problem.empty()) throw base::InputError({"-o", 0, 0, dir.string()}, problem);
    fs::create_directories(dir);
    std::string csv = "run";
    for (const auto& p : spec.parameters) csv += "," + p.key;
    csv += "\n";
    for (std::size_t run = 0; run < design.count(); ++run) {
      csv += std::to_string(run);
      for (const double v : design.values(run)) csv += fmt::format(",{:.17g}", v);
      csv += "\n";
    }
    base::write_text_atomic(dir / "design.csv", csv);
    std::cout << fmt::format("design: {} runs of {} parameters in {}\n", design.count(), spec.parameters.size(),
                             (dir / "design.csv").string());
    return 0;
  }

  Journal open_journal(const StudySpec& spec, const fs::path& dir, int shard_index, int shard_count) const {
    const fs::path path = dir / "journal.jsonl";
    if (resume_) {
      if (!fs::exists(path))
        throw base::InputError({"--resume", 0, 0, dir.string()}, "holds no sweep journal; run without --resume");
      Journal journal = Journal::open(path);
      const JournalHeader& h = journal.header();
      if (h.study_hash != spec.hash)
        throw base::InputError({study_file_, 0, 0, ""},
                               "the study file or its base scenario changed since the sweep in " + dir.string() +
                                   " began; resume it with the original files, or start a new sweep elsewhere");
      if (h.shard_index != shard_index || h.shard_count != shard_count)
        throw base::InputError({"--shard", 0, 0, shard_},
                               fmt::format("the sweep in {} is shard {}/{}", dir.string(), h.shard_index, h.shard_count));
      return journal;
    }
    if (fs::exists(path))
      throw base::InputError({"-o", 0, 0, dir.string()},
                             "holds a sweep already: add --resume to complete it, or choose another -o");
    const std::string problem = base::output_target_problem(dir, overwrite_);
    if (!problem.empty()) throw base::InputError({"-o", 0, 0, dir.string()}, problem);
    // A sweep's directory is written in place (the journal must outlive a killed process), and marked as
    // twinlab's so that a later sweep into it is recognised.
    fs::create_directories(dir);
    if (!fs::exists(dir / base::output_marker_name) && fs::is_empty(dir))
      base::write_text_atomic(dir / base::output_marker_name, "A twinlab sweep directory.\n");
    JournalHeader h;
    h.study_name = spec.name;
    h.study_hash = spec.hash;
    h.study_text = spec.text;
    h.scenario_text = spec.scenario_text;
    h.sampler = spec.sampler;
    h.twin = load_scenario(spec.scenario, {}).twin->name;
    h.seed = spec.seed;
    h.count = StudyDesign(spec).count();
    h.shard_index = shard_index;
    h.shard_count = shard_count;
    for (const auto& p : spec.parameters) {
      h.parameter_names.push_back(p.key);
      h.parameter_units.push_back(p.unit);
    }
    return Journal::create(path, h);
  }

  std::string study_file_, output_dir_, shard_;
  SurrogateSweepOptions surrogate_;
  int jobs_ = 0;
  long long max_failures_ = -1;
  CLI::Option* max_failures_option_ = nullptr;
  bool resume_ = false, design_only_ = false, overwrite_ = false;
};

}  // namespace

std::unique_ptr<Command> make_sweep_command() { return std::make_unique<SweepCommand>(); }

}  // namespace twinlab::scenarios
