#include "scenarios/study/mpi_sweep.hpp"

#include <mpi.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <thread>

#include "base/progress.hpp"
#include "scenarios/scenario.hpp"

namespace twinlab::scenarios {

namespace {

constexpr int tag_result = 1;  // worker -> manager: "" (first request) or outputs + "\n" + record
constexpr int tag_index = 2;   // manager -> worker: a run index, or -1 = stop
constexpr long long stop_index = -1;

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

bool launched_by_mpirun() {
  const char* size = std::getenv("OMPI_COMM_WORLD_SIZE");
  return size != nullptr && std::atoi(size) > 1;
}

MpiWorld mpi_start() {
  int provided = 0;
  // Only the main thread calls MPI (rank 0's own worker thread never does).
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
  MpiWorld w;
  MPI_Comm_rank(MPI_COMM_WORLD, &w.rank);
  MPI_Comm_size(MPI_COMM_WORLD, &w.size);
  return w;
}

void mpi_stop() { MPI_Finalize(); }

SweepStats run_sweep_manager(const StudySpec& spec, const StudyDesign& design, const std::vector<std::size_t>& pending,
                             int ranks, Journal& journal, long long failures_so_far) {
  const auto start = std::chrono::steady_clock::now();
  std::mutex mutex;  // guards next, counters, stop
  std::size_t next = 0, ok = 0, failed = 0;
  long long failures = failures_so_far;
  bool stop = false;
  double run_time = 0.0;
  base::ProgressLine bar("sweep");
  bar.count(static_cast<double>(pending.size()), "runs");
  auto take = [&]() -> long long {
    std::lock_guard lock(mutex);
    if (stop || next >= pending.size()) return stop_index;
    return static_cast<long long>(pending[next++]);
  };
  auto record_done = [&](const RunRecord& r, const JournalOutputs& outputs) {
    if (r.status == "ok" && !journal.outputs().known()) journal.set_outputs(outputs);
    journal.append(r);
    std::lock_guard lock(mutex);
    (r.status == "ok" ? ok : failed) += 1;
    run_time += r.wall_time_s;
    if (r.status != "ok" && spec.max_failures >= 0 && ++failures > spec.max_failures) stop = true;
    bar.update(static_cast<double>(ok + failed) / static_cast<double>(std::max<std::size_t>(1, pending.size())));
  };

  // Rank 0's own worker.
  std::thread local([&] {
    const io::ScenarioDocument base = read_scenario_document(spec.scenario);
    for (long long i; (i = take()) != stop_index;) {
      JournalOutputs outputs;
      const RunRecord r = run_study_point(spec, design, base, static_cast<std::size_t>(i), &outputs);
      record_done(r, outputs);
    }
  });
  // The other ranks: answer each message with the next index, until every worker has been told to stop.
  int active = ranks - 1;
  while (active > 0) {
    int arrived = 0;
    MPI_Status status;
    MPI_Iprobe(MPI_ANY_SOURCE, tag_result, MPI_COMM_WORLD, &arrived, &status);
    if (!arrived) {  // polling with a pause: a blocking receive would spin and steal rank 0's worker's core
      std::this_thread::sleep_for(std::chrono::microseconds(200));
      continue;
    }
    int length = 0;
    MPI_Get_count(&status, MPI_CHAR, &length);
    std::string message(static_cast<std::size_t>(length), '\0');
    MPI_Recv(message.data(), length, MPI_CHAR, status.MPI_SOURCE, tag_result, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    if (!message.empty()) {
      const std::size_t cut = message.find('\n');
      record_done(parse_record_text(message.substr(cut + 1)), parse_outputs_text(message.substr(0, cut)));
    }
    long long index = take();
    MPI_Send(&index, 1, MPI_LONG_LONG, status.MPI_SOURCE, tag_index, MPI_COMM_WORLD);
    if (index == stop_index) --active;
  }
  local.join();
  bar.finish();
  SweepStats stats;
  stats.ok = ok;
  stats.failed = failed;
  stats.skipped = pending.size() - ok - failed;
  stats.wall_time_s = seconds_since(start);
  stats.run_time_s = run_time;
  return stats;
}

void run_sweep_worker(const StudySpec& spec, const StudyDesign& design) {
  const io::ScenarioDocument base = read_scenario_document(spec.scenario);
  std::string message;  // the first request carries no result
  for (;;) {
    MPI_Send(message.data(), static_cast<int>(message.size()), MPI_CHAR, 0, tag_result, MPI_COMM_WORLD);
    long long index = stop_index;
    MPI_Recv(&index, 1, MPI_LONG_LONG, 0, tag_index, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    if (index == stop_index) return;
    JournalOutputs outputs;
    const RunRecord r = run_study_point(spec, design, base, static_cast<std::size_t>(index), &outputs);
    message = outputs_text(outputs) + "\n" + record_text(r);
  }
}

}  // namespace twinlab::scenarios
