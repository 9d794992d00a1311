#pragma once
// A sweep shared among MPI ranks (`mpirun -np N twinlab sweep STUDY.yaml`) with dynamic load balancing: rank 0
// is the manager (it hands out run indices one at a time as workers ask, journals each result, and runs one
// worker thread of its own), every other rank a worker. The journal and study.h5 are rank 0's alone, so the
// output is the same as one process's. Debian's OpenMPI; MPI is initialised only when the program was
// started by mpirun (a plain `twinlab sweep` never touches it).
#include <vector>

#include "scenarios/study/journal.hpp"
#include "scenarios/study/study_file.hpp"
#include "scenarios/study/sweep_runner.hpp"

namespace twinlab::scenarios {

// True when started by mpirun with more than one rank (OpenMPI's environment says so).
bool launched_by_mpirun();

struct MpiWorld {
  int rank = 0, size = 1;
};
MpiWorld mpi_start();  // MPI_Init_thread
void mpi_stop();       // MPI_Finalize

// Rank 0: hands out `pending`, journals the results. Returns when every run is done (or max_failures hit).
// A failure outside a run (the journal cannot be written, a worker rank cannot go on) stops the sweep: every
// worker is told to stop, then the first such exception is rethrown here (the CLI: exit 1 with the reason).
SweepStats run_sweep_manager(const StudySpec& spec, const StudyDesign& design, const std::vector<std::size_t>& pending,
                             int ranks, Journal& journal, long long failures_so_far);
// Rank 0, when it fails before run_sweep_manager (a check of its own, the journal): answers each worker's first
// request with stop, so that no rank waits for ever (every worker is in run_sweep_worker by then: the checks
// before it are the same on every rank).
void release_sweep_workers(int ranks);
// Ranks > 0: run what the manager hands out until it says stop. A failure outside a run is sent to the manager
// (which stops the sweep and reports it), never thrown.
void run_sweep_worker(const StudySpec& spec, const StudyDesign& design);

}  // namespace twinlab::scenarios
