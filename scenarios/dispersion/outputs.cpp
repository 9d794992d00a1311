#include <fstream>

#include "base/atomic_file.hpp"
#include "io/hdf5_writer.hpp"
#include "scenarios/dispersion/dataset.hpp"
#include "scenarios/dispersion/job.hpp"
#include "scenarios/dispersion/summary.hpp"
#include "scenarios/dispersion/vtk.hpp"

namespace twinlab::scenarios {

void write_dispersion_outputs(const Scenario& scenario, const twins::dispersion::Config& config,
                              const DispersionOutcome& outcome, const std::filesystem::path& dir) {
  io::write_hdf5(dispersion_dataset(scenario, config, outcome), dir / "results.h5");
  base::write_text_atomic(dir / "summary.json", dispersion_summary(scenario, config, outcome).dump(2) + "\n");
  write_dispersion_vtk(config, outcome, dir / "vtk");
}

}  // namespace twinlab::scenarios
