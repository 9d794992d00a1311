#include "twins/dispersion/validity.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace twinlab::twins::dispersion {
namespace {

double horizontal_distance_m(const Receptor& r, const Source& s) { return std::hypot(r.x_m - s.x_m, r.y_m - s.y_m); }

const char* model_name(Model m) { return m == Model::Plume ? "plume" : "eulerian"; }

// A number as %g would print it ("2000", "333.333").
std::string g(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::string metres(double v) { return std::isfinite(v) ? std::to_string(static_cast<long long>(std::lround(v))) : "inf"; }

double near_cells_m(const Config& c) {
  const double dx = (c.domain.x_max_m - c.domain.x_min_m) / std::max(1, c.eulerian.nx);
  const double dy = (c.domain.y_max_m - c.domain.y_min_m) / std::max(1, c.eulerian.ny);
  return kMinCellsFromSource * std::max(dx, dy);
}

}  // namespace

TrustedRange trusted_range(const Config& c, Model model) {
  TrustedRange range;
  if (model == Model::Plume) {
    range.min_distance_m = kPlumeMinDistance_m;
    range.max_distance_m = kPlumeMaxDistance_m;
    range.reason = "the distances the Briggs sigmas were fitted to";
    return range;
  }
  const double cells_m = near_cells_m(c);
  if (c.eulerian.diffusivity == DiffusivityMode::Stability) {
    const double x_ref = c.eulerian.reference_distance_m;
    range.min_distance_m = std::max(x_ref / kReferenceDistanceFactor, cells_m);
    range.max_distance_m = x_ref * kReferenceDistanceFactor;
    range.reason = "within a factor " + g(kReferenceDistanceFactor) + " of eulerian.reference_distance_m " + g(x_ref) +
                   " m, and at least " + g(kMinCellsFromSource) + " cells (" + g(cells_m) + " m) from a source";
  } else {
    range.min_distance_m = cells_m;
    range.reason = "at least " + g(kMinCellsFromSource) + " cells (" + g(cells_m) + " m) from a source";
  }
  return range;
}

std::vector<RangeIssue> trusted_range_issues(const Config& c) {
  std::vector<RangeIssue> out;
  for (const Model model : {Model::Plume, Model::Eulerian}) {
    if (model == Model::Plume ? !c.plume.enabled : !c.eulerian.enabled) continue;
    const TrustedRange range = trusted_range(c, model);
    for (std::size_t r = 0; r < c.receptors.size(); ++r) {
      for (std::size_t s = 0; s < c.sources.size(); ++s) {
        const double d = horizontal_distance_m(c.receptors[r], c.sources[s]);
        if (d >= range.min_distance_m && d <= range.max_distance_m) continue;
        const bool too_few_cells = model == Model::Eulerian && d < near_cells_m(c);
        const bool off_reference = model == Model::Eulerian && c.eulerian.diffusivity == DiffusivityMode::Stability &&
                                   (d * kReferenceDistanceFactor < c.eulerian.reference_distance_m ||
                                    d > kReferenceDistanceFactor * c.eulerian.reference_distance_m);
        std::string advice;
        if (model == Model::Plume) advice = "the plume's figure there extrapolates the Briggs sigmas; move the sensor";
        else if (too_few_cells && off_reference)
          advice = "move the sensor, or set eulerian.reference_distance_m near its distance and refine the Eulerian grid";
        else if (too_few_cells) advice = "refine the Eulerian grid or move the sensor";
        else advice = "set eulerian.reference_distance_m near the sensor's distance, or move the sensor";
        RangeIssue issue{r, s, model, d, ""};
        issue.message = "sensor '" + c.receptors[r].name + "' is " + metres(d) + " m from source '" +
                        c.sources[s].name + "', outside the " + model_name(model) + " model's trusted range " +
                        metres(range.min_distance_m) + "-" + metres(range.max_distance_m) + " m (" + range.reason +
                        "); " + advice;
        out.push_back(std::move(issue));
      }
    }
  }
  return out;
}

bool point_trusted(const Config& c, double x_m, double y_m, Model model) {
  const TrustedRange range = trusted_range(c, model);
  return std::all_of(c.sources.begin(), c.sources.end(), [&](const Source& s) {
    const double d = std::hypot(x_m - s.x_m, y_m - s.y_m);
    return d >= range.min_distance_m && d <= range.max_distance_m;
  });
}

bool receptor_trusted(const Config& c, std::size_t index, Model model) {
  const Receptor& r = c.receptors.at(index);
  return point_trusted(c, r.x_m, r.y_m, model);
}

}  // namespace twinlab::twins::dispersion
