#include "scenarios/study/sweep_runner.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <exception>
#include <mutex>
#include <thread>

#include <spdlog/spdlog.h>

#include "base/error.hpp"
#include "base/progress.hpp"
#include "io/scenario_schema.hpp"
#include "scenarios/scenario.hpp"
#include "scenarios/twin.hpp"

namespace twinlab::scenarios {

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

bool wanted(const std::vector<std::string>& selection, const std::string& name) {
  if (selection.empty()) return true;
  for (const auto& s : selection)
    if (s == name) return true;
  return false;
}

}  // namespace

RunRecord run_study_point(const StudySpec& spec, const StudyDesign& design, const io::ScenarioDocument& base,
                          std::size_t run, JournalOutputs* outputs_seen) {
  const auto start = std::chrono::steady_clock::now();
  RunRecord r;
  r.run = run;
  r.seed = spec.seed;  // every run shares the seed: common random numbers across the design
  r.parameters = design.values(run);
  try {
    const Scenario scenario = load_scenario(base, design.overrides(run), spec.seed);
    const std::unique_ptr<Twin> twin = build_twin(scenario, false);  // a run that cannot fit fails alone
    const std::unique_ptr<TwinRun> result = twin->run(RunSettings{spec.seed, 1, false});
    JournalOutputs outputs;
    const std::vector<Kpi> kpis = result->kpis();
    for (const std::string& name : spec.kpis) {  // a KPI the study asks for but the twin does not report
      std::vector<std::string> known;
      for (const Kpi& k : kpis) known.push_back(k.name);
      if (std::find(known.begin(), known.end(), name) == known.end()) {
        const std::string near = io::nearest_key(name, known);
        throw base::InputError({spec.file.string(), 0, 0, "kpis"},
                               "the twin reports no KPI '" + name + "'" +
                                   (near.empty() ? "" : "; did you mean '" + near + "'?"));
      }
    }
    for (const Kpi& k : kpis) {
      if (!wanted(spec.kpis, k.name)) continue;
      outputs.kpi_names.push_back(k.name);
      outputs.kpi_units.push_back(k.unit);
      r.kpis.push_back(k.value);
      if (!std::isfinite(k.value) && r.status.empty()) {
        r.status = "failed";
        r.message = "KPI " + k.name + " is not finite";
      }
    }
    for (const std::string& name : spec.fields) {
      Field f = result->field(name);
      outputs.fields.push_back({f.name, f.unit, f.dims, f.shape});
      r.fields.push_back(std::move(f.values));
    }
    if (r.status.empty()) r.status = "ok";
    if (outputs_seen) *outputs_seen = std::move(outputs);
  } catch (const std::exception& e) {
    r.status = "failed";
    r.message = e.what();
    r.kpis.clear();
    r.fields.clear();
  }
  r.wall_time_s = seconds_since(start);
  return r;
}

SweepStats run_sweep(const StudySpec& spec, const StudyDesign& design, const std::vector<std::size_t>& pending,
                     int workers, Journal& journal, long long failures_so_far) {
  const auto start = std::chrono::steady_clock::now();
  std::atomic<std::size_t> next{0}, done{0}, ok{0}, failed{0};
  std::atomic<long long> failures{failures_so_far};
  std::atomic<bool> stop{false};
  std::atomic<double> run_time{0.0};
  base::ProgressLine bar("sweep");
  bar.count(static_cast<double>(pending.size()), "runs");
  std::atomic<int> last_decile{0};
  const bool terminal = base::progress_enabled();

  std::mutex error_mutex;
  std::exception_ptr error;  // the first failure outside a run (the journal cannot be written): rethrown below
  auto work = [&] {
    const io::ScenarioDocument base = read_scenario_document(spec.scenario);  // once per worker thread
    for (;;) {
      if (stop.load()) return;
      const std::size_t i = next.fetch_add(1);
      if (i >= pending.size()) return;
      JournalOutputs outputs;
      RunRecord record = run_study_point(spec, design, base, pending[i], &outputs);
      if (record.status == "ok" && !journal.outputs().known()) journal.set_outputs(outputs);
      if (record.status == "ok" && record.kpis.size() != journal.outputs().kpi_names.size()) {
        record.status = "failed";
        record.message = "the run reported other KPIs than the first run";
      }
      journal.append(record);
      for (double expected = run_time.load(); !run_time.compare_exchange_weak(expected, expected + record.wall_time_s);) {
      }
      (record.status == "ok" ? ok : failed).fetch_add(1);
      if (record.status != "ok" && spec.max_failures >= 0 && failures.fetch_add(1) + 1 > spec.max_failures)
        stop.store(true);
      const double fraction = static_cast<double>(done.fetch_add(1) + 1) / static_cast<double>(pending.size());
      bar.update(fraction);
      // Off a terminal: a plain line every 10 % (CI logs and batch jobs).
      const int decile = static_cast<int>(fraction * 10.0);
      if (!terminal && decile > last_decile.exchange(std::max(decile, last_decile.load())))
        spdlog::info("sweep: {} of {} runs done ({} failed), {:.0f} s", done.load(), pending.size(), failed.load(),
                     seconds_since(start));
    }
  };
  // An exception must not leave a worker thread (std::terminate): the first one stops the sweep and is
  // rethrown on the calling thread once every worker has returned.
  auto worker = [&] {
    try {
      work();
    } catch (...) {
      stop.store(true);
      std::lock_guard lock(error_mutex);
      if (!error) error = std::current_exception();
    }
  };
  std::vector<std::thread> threads;
  const int n = std::max(1, std::min<int>(workers, static_cast<int>(std::max<std::size_t>(1, pending.size()))));
  for (int t = 1; t < n; ++t) threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();
  bar.finish();
  if (error) std::rethrow_exception(error);
  SweepStats stats;
  stats.ok = ok.load();
  stats.failed = failed.load();
  stats.skipped = pending.size() - stats.ok - stats.failed;
  stats.wall_time_s = seconds_since(start);
  stats.run_time_s = run_time.load();
  return stats;
}

}  // namespace twinlab::scenarios
