#pragma once
// Scoring a model's predictions of the Prairie Grass arcs (tests/support/prairie_grass.hpp) with the
// model-evaluation statistics (FAC2, FB, MG, VG, NMSE), per group of arcs: "all", "x50".."x800" (arc distance),
// "A".."F" (Golder class of the run), "A-D" and "E-F". Shared by the plume and the Eulerian Prairie Grass tests.
#include <cmath>
#include <iomanip>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "sim/model_evaluation.hpp"
#include "tests/support/prairie_grass.hpp"

namespace twinlab::test {

struct PrairieGrassEvaluation {
  std::map<std::string, sim::EvaluationStatistics> arc_max, crosswind;
  const sim::EvaluationStatistics& operator[](const std::string& group) const { return arc_max.at(group); }
};

// Observed and predicted values per group, filled arc by arc, then evaluated.
class PrairieGrassScores {
 public:
  // predicted_crosswind is used only where the arc has a measured crosswind integral.
  void add(const PrairieGrassArc& arc, double predicted_arc_max, double predicted_crosswind) {
    for (const std::string& g : {std::string("all"), "x" + std::to_string(static_cast<int>(arc.distance_m)),
                                 std::string(1, arc.pasquill_class),
                                 std::string(arc.pasquill_class >= 'E' ? "E-F" : "A-D")}) {
      arc_max_[g].observed.push_back(arc.arc_max_over_q_s_m3);
      arc_max_[g].predicted.push_back(predicted_arc_max);
      if (std::isfinite(arc.crosswind_integral_over_q_s_m2) && arc.crosswind_integral_over_q_s_m2 > 0.0) {
        crosswind_[g].observed.push_back(arc.crosswind_integral_over_q_s_m2);
        crosswind_[g].predicted.push_back(predicted_crosswind);
      }
    }
  }

  PrairieGrassEvaluation evaluate() const {
    PrairieGrassEvaluation e;
    for (const auto& [g, p] : arc_max_) e.arc_max[g] = sim::evaluate_predictions(p.observed, p.predicted);
    for (const auto& [g, p] : crosswind_) e.crosswind[g] = sim::evaluate_predictions(p.observed, p.predicted);
    return e;
  }

 private:
  struct Pairs {
    std::vector<double> observed, predicted;
  };
  std::map<std::string, Pairs> arc_max_, crosswind_;
};

inline std::string describe(const std::string& label, const sim::EvaluationStatistics& s) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(3) << label << ": n=" << s.n << " FAC2=" << s.fac2
      << " FB=" << s.fractional_bias << " MG=" << s.geometric_mean_bias << " VG=" << s.geometric_variance
      << " NMSE=" << s.normalized_mse;
  return out.str();
}

inline std::string describe_all(const PrairieGrassEvaluation& e) {
  std::string out;
  for (const auto& [g, s] : e.arc_max) out += describe("arc max " + g, s) + "\n";
  for (const auto& [g, s] : e.crosswind) out += describe("crosswind " + g, s) + "\n";
  return out;
}

}  // namespace twinlab::test
