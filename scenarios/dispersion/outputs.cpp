#include <fstream>
#include <vector>

#include "base/atomic_file.hpp"
#include "io/hdf5_record_variable.hpp"
#include "io/hdf5_writer.hpp"
#include "scenarios/dispersion/dataset.hpp"
#include "scenarios/dispersion/job.hpp"
#include "scenarios/dispersion/summary.hpp"
#include "scenarios/dispersion/vtk.hpp"

namespace twinlab::scenarios {

void write_eulerian_fields(const twins::dispersion::Config& config, const DispersionOutcome& outcome,
                           const std::filesystem::path& results_file, const std::string& group) {
  if (!outcome.eulerian || !outcome.eulerian_fields) return;  // the streamed fields, one output time at a time
  const auto& e = *outcome.eulerian;
  const FieldSpool& spool = *outcome.eulerian_fields;
  io::Hdf5RecordVariable c(results_file, group, "concentration", {"time", "z", "y", "x"},
                           {spool.records(), e.z_m.size(), e.y_m.size(), e.x_m.size()}, "kg m-3",
                           "cell-mean concentration");
  if (!config.crs.empty()) c.set_text_attribute("grid_mapping", "crs");  // as add_map_coordinates does
  std::vector<double> record;
  for (std::size_t t = 0; t < spool.records(); ++t) {
    spool.read(t, record);
    c.write(t, record.data());
  }
  c.close();
}

void write_dispersion_outputs(const Scenario& scenario, const twins::dispersion::Config& config,
                              const DispersionOutcome& outcome, const std::filesystem::path& dir) {
  io::write_hdf5(dispersion_dataset(scenario, config, outcome), dir / "results.h5");
  write_eulerian_fields(config, outcome, dir / "results.h5", "eulerian");
  base::write_text_atomic(dir / "summary.json", dispersion_summary(scenario, config, outcome).dump(2) + "\n");
  write_dispersion_vtk(config, outcome, dir / "vtk");
}

}  // namespace twinlab::scenarios
