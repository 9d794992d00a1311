#include "scenarios/study/point_runner.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

#include "scenarios/scenario.hpp"
#include "scenarios/study/sweep_runner.hpp"

namespace twinlab::scenarios {

PointRuns run_study_points(const StudySpec& spec, const StudyDesign& design, const std::vector<std::size_t>& runs,
                           int workers) {
  PointRuns out;
  out.records.resize(runs.size());
  std::atomic<std::size_t> next{0};
  std::mutex mutex;
  std::exception_ptr error;
  auto work = [&] {
    try {
      const io::ScenarioDocument base = read_scenario_document(spec.scenario);  // once per worker thread
      for (std::size_t i = next.fetch_add(1); i < runs.size(); i = next.fetch_add(1)) {
        JournalOutputs seen;
        out.records[i] = run_study_point(spec, design, base, runs[i], &seen);
        std::lock_guard lock(mutex);
        if (out.records[i].status == "ok" && !out.outputs.known()) out.outputs = std::move(seen);
      }
    } catch (...) {  // never let an exception leave a thread: rethrown on the caller's
      std::lock_guard lock(mutex);
      if (!error) error = std::current_exception();
    }
  };
  std::vector<std::thread> threads;
  const int n = std::max(1, std::min<int>(workers, static_cast<int>(std::max<std::size_t>(1, runs.size()))));
  for (int t = 1; t < n; ++t) threads.emplace_back(work);
  work();
  for (auto& t : threads) t.join();
  if (error) std::rethrow_exception(error);
  return out;
}

}  // namespace twinlab::scenarios
