#include "scenarios/study/mpi_sweep.hpp"

#include <mpi.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>

#include "base/progress.hpp"
#include "scenarios/scenario.hpp"

namespace twinlab::scenarios {

namespace {

constexpr int tag_result = 1;  // worker -> manager: "" (first request) or outputs + "\n" + record
constexpr int tag_index = 2;   // manager -> worker: a run index, or -1 = stop
constexpr int tag_failure = 3; // worker -> manager: why it cannot go on (outside a run); answered with stop
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
  std::mutex mutex;  // guards next, counters, stop, error
  std::exception_ptr error;  // the first failure outside a run (the journal cannot be written): rethrown below
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
  // An exception must neither leave rank 0's worker thread (std::terminate: the whole MPI job aborts) nor leave
  // the manager loop while workers wait for an index: the first one stops the sweep, every worker is told to
  // stop, and it is rethrown once all have (exit 1 with the reason; the journal keeps what finished).
  auto fail = [&](std::exception_ptr e) {
    std::lock_guard lock(mutex);
    if (!error) error = e;
    stop = true;
  };

  // Rank 0's own worker.
  std::thread local([&] {
    try {
      const io::ScenarioDocument base = read_scenario_document(spec.scenario);
      for (long long i; (i = take()) != stop_index;) {
        JournalOutputs outputs;
        const RunRecord r = run_study_point(spec, design, base, static_cast<std::size_t>(i), &outputs);
        record_done(r, outputs);
      }
    } catch (...) {
      fail(std::current_exception());
    }
  });
  // The other ranks: answer each message with the next index, until every worker has been told to stop.
  int active = ranks - 1;
  while (active > 0) {
    int arrived = 0;
    MPI_Status status;
    MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &arrived, &status);
    if (!arrived) {  // polling with a pause: a blocking receive would spin and steal rank 0's worker's core
      std::this_thread::sleep_for(std::chrono::microseconds(200));
      continue;
    }
    int length = 0;
    MPI_Get_count(&status, MPI_CHAR, &length);
    std::string message(static_cast<std::size_t>(length), '\0');
    MPI_Recv(message.data(), length, MPI_CHAR, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    try {
      if (status.MPI_TAG == tag_failure)
        throw std::runtime_error("MPI rank " + std::to_string(status.MPI_SOURCE) + ": " + message);
      if (!message.empty()) {
        const std::size_t cut = message.find('\n');
        record_done(parse_record_text(message.substr(cut + 1)), parse_outputs_text(message.substr(0, cut)));
      }
    } catch (...) {
      fail(std::current_exception());
    }
    long long index = take();
    MPI_Send(&index, 1, MPI_LONG_LONG, status.MPI_SOURCE, tag_index, MPI_COMM_WORLD);
    if (index == stop_index) --active;
  }
  local.join();
  bar.finish();
  if (error) std::rethrow_exception(error);
  SweepStats stats;
  stats.ok = ok;
  stats.failed = failed;
  stats.skipped = pending.size() - ok - failed;
  stats.wall_time_s = seconds_since(start);
  stats.run_time_s = run_time;
  return stats;
}

void release_sweep_workers(int ranks) {
  for (int released = 0; released < ranks - 1; ++released) {
    MPI_Status status;
    MPI_Probe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &status);
    int length = 0;
    MPI_Get_count(&status, MPI_CHAR, &length);
    std::string message(static_cast<std::size_t>(length), '\0');
    MPI_Recv(message.data(), length, MPI_CHAR, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    const long long index = stop_index;
    MPI_Send(&index, 1, MPI_LONG_LONG, status.MPI_SOURCE, tag_index, MPI_COMM_WORLD);
  }
}

void run_sweep_worker(const StudySpec& spec, const StudyDesign& design) {
  std::string message;  // the first request carries no result
  int tag = tag_result;
  std::optional<io::ScenarioDocument> base;
  for (;;) {
    MPI_Send(message.data(), static_cast<int>(message.size()), MPI_CHAR, 0, tag, MPI_COMM_WORLD);
    long long index = stop_index;
    MPI_Recv(&index, 1, MPI_LONG_LONG, 0, tag_index, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    if (index == stop_index) return;
    // A failure outside a run (a run's own is journaled as failed) goes to the manager, which stops the sweep
    // and reports it: an exception leaving this rank would leave the manager waiting for it for ever.
    try {
      if (!base) base.emplace(read_scenario_document(spec.scenario));
      JournalOutputs outputs;
      const RunRecord r = run_study_point(spec, design, *base, static_cast<std::size_t>(index), &outputs);
      message = outputs_text(outputs) + "\n" + record_text(r);
    } catch (const std::exception& e) {
      message = e.what();
      tag = tag_failure;
    }
  }
}

}  // namespace twinlab::scenarios
