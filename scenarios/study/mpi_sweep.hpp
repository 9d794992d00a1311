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
SweepStats run_sweep_manager(const StudySpec& spec, const StudyDesign& design, const std::vector<std::size_t>& pending,
                             int ranks, Journal& journal, long long failures_so_far);
// Ranks > 0: run what the manager hands out until it says stop.
void run_sweep_worker(const StudySpec& spec, const StudyDesign& design);

}  // namespace twinlab::scenarios
