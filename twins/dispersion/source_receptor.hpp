#pragma once
// The source-receptor coupling of the dispersion twin: both models are linear in the emission rates (plume
// rise depends on the exit gas, never on the rate; the Eulerian solver is linear in its sources), so the
// concentration at a receptor is background + sum_k coupling_k x rate_k. Each column is one run of the model
// with that source alone at 1 kg/s (its schedule replaced by the constant unit rate); the background is one
// run with the sources that are not estimated, at their own rates (zero when every source is estimated).
//  * plume: a value per meteorology period (the period's steady solution), so a rate can be estimated per
//    period; calm and missing periods give 0 (the model skips them) and are flagged in `valid`;
//  * Eulerian: a value per output time of the run (0, every output_interval_s, the end), linear in time
//    between them; the field carries earlier hours, so one rate per source over the whole run.
// The unit runs are independent and run in parallel (OpenMP, one source per thread).
#include <cstddef>
#include <vector>

#include "twins/dispersion/config.hpp"

namespace twinlab::twins::dispersion {

enum class CouplingModel { Plume, Eulerian };

struct SourceReceptorCoupling {
  CouplingModel model = CouplingModel::Plume;
  std::vector<double> times_s;          // plume: period starts; Eulerian: output times
  std::vector<double> durations_s;      // plume: period durations (plume_model.hpp rule); Eulerian: empty
  std::vector<char> valid;              // plume: 1 for a valid period, 0 for calm or missing; Eulerian: all 1
  std::size_t receptors = 0;
  std::vector<std::vector<double>> unit;  // [estimated source][time][receptor], (kg/m^3) / (kg/s) = s/m^3
  std::vector<double> background;         // [time][receptor], kg/m^3

  double unit_at(std::size_t source, std::size_t time, std::size_t receptor) const {
    return unit[source][time * receptors + receptor];
  }
  double background_at(std::size_t time, std::size_t receptor) const { return background[time * receptors + receptor]; }
};

// `estimated`: indices into config.sources. Throws base::InputError when the configuration cannot run.
SourceReceptorCoupling source_receptor_coupling(const Config& config, const std::vector<std::size_t>& estimated,
                                                CouplingModel model);

// Start and end of the modelled time (s): plume: 0 to the end of the last period; Eulerian: 0 to duration_s.
double coupling_run_end_s(const Config& config, CouplingModel model);

}  // namespace twinlab::twins::dispersion
