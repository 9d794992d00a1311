#include "twins/dispersion/receptor_network.hpp"

#include <cmath>
#include <cstdio>
#include <numbers>

#include "base/error.hpp"

namespace twinlab::twins::dispersion {

namespace {

void require(bool ok, int network, const std::string& field, const std::string& rule, double value) {
  if (!ok) {
    throw base::InputError({"", 0, 0, "receptor_networks[" + std::to_string(network) + "]." + field},
                           rule + " (got " + std::to_string(value) + ")");
  }
}

std::string format_g(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::string bearing_label(double bearing_deg) {
  char buf[64];
  const double whole = std::round(bearing_deg);
  if (std::abs(bearing_deg - whole) < 1e-9) std::snprintf(buf, sizeof buf, "%03.0f", whole);
  else std::snprintf(buf, sizeof buf, "%05.1f", bearing_deg);
  return buf;
}

void validate(const ReceptorNetwork& n, int index) {
  const bool height_ok = std::isfinite(n.z_m) && n.z_m >= 0.0;
  switch (n.kind) {
    case ReceptorNetworkKind::Cartesian:
      require(height_ok, index, "z_m", "must be finite and >= 0", n.z_m);
      require(std::isfinite(n.origin_x_m) && std::isfinite(n.origin_y_m), index, "origin_x_m", "must be finite",
              n.origin_x_m);
      require(n.nx >= 1, index, "nx", "must be >= 1", n.nx);
      require(n.ny >= 1, index, "ny", "must be >= 1", n.ny);
      require(std::isfinite(n.dx_m) && n.dx_m > 0.0, index, "dx_m", "must be finite and > 0", n.dx_m);
      require(std::isfinite(n.dy_m) && n.dy_m > 0.0, index, "dy_m", "must be finite and > 0", n.dy_m);
      break;
    case ReceptorNetworkKind::Polar:
      require(height_ok, index, "z_m", "must be finite and >= 0", n.z_m);
      require(std::isfinite(n.origin_x_m) && std::isfinite(n.origin_y_m), index, "centre_x_m", "must be finite",
              n.origin_x_m);
      require(n.directions >= 1, index, "directions", "must be >= 1", n.directions);
      require(std::isfinite(n.first_direction_deg), index, "first_direction_deg", "must be finite",
              n.first_direction_deg);
      require(!n.radii_m.empty(), index, "radii_m", "must hold at least one radius", 0.0);
      for (std::size_t j = 0; j < n.radii_m.size(); ++j) {
        const double r = n.radii_m[j];
        require(std::isfinite(r) && r > 0.0 && (j == 0 || r > n.radii_m[j - 1]), index,
                "radii_m[" + std::to_string(j) + "]", "must be finite, > 0 and increasing", r);
      }
      break;
    case ReceptorNetworkKind::Points:
      require(!n.points.empty(), index, "points", "must hold at least one point", 0.0);
      for (std::size_t k = 0; k < n.points.size(); ++k) {
        const ReceptorPoint& p = n.points[k];
        const std::string key = "points[" + std::to_string(k) + "].";
        require(std::isfinite(p.x_m) && std::isfinite(p.y_m), index, key + "x_m", "must be finite", p.x_m);
        require(std::isfinite(p.z_m) && p.z_m >= 0.0, index, key + "z_m", "must be finite and >= 0", p.z_m);
      }
      break;
  }
}

}  // namespace

std::size_t receptor_count(const ReceptorNetwork& n) {
  std::size_t count = 1;
  for (std::size_t extent : receptor_network_shape(n)) count *= extent;
  return count;
}

std::vector<std::size_t> receptor_network_shape(const ReceptorNetwork& n) {
  switch (n.kind) {
    case ReceptorNetworkKind::Cartesian:
      return {static_cast<std::size_t>(std::max(n.ny, 0)), static_cast<std::size_t>(std::max(n.nx, 0))};
    case ReceptorNetworkKind::Polar:
      return {n.radii_m.size(), static_cast<std::size_t>(std::max(n.directions, 0))};
    case ReceptorNetworkKind::Points:
      return {n.points.size()};
  }
  return {};
}

double polar_bearing_deg(const ReceptorNetwork& n, int k) {
  const double b = std::fmod(n.first_direction_deg + 360.0 * k / n.directions, 360.0);
  return b < 0.0 ? b + 360.0 : b;
}

std::vector<Receptor> expand_receptor_network(const ReceptorNetwork& n, int index) {
  validate(n, index);
  std::vector<Receptor> out;
  out.reserve(receptor_count(n));
  switch (n.kind) {
    case ReceptorNetworkKind::Cartesian:
      for (int j = 0; j < n.ny; ++j) {
        for (int i = 0; i < n.nx; ++i) {
          out.push_back({n.name + "[" + std::to_string(i) + "," + std::to_string(j) + "]", n.origin_x_m + i * n.dx_m,
                         n.origin_y_m + j * n.dy_m, n.z_m, index, i, j});
        }
      }
      break;
    case ReceptorNetworkKind::Polar:
      for (std::size_t j = 0; j < n.radii_m.size(); ++j) {
        const double r = n.radii_m[j];
        for (int k = 0; k < n.directions; ++k) {
          const double bearing = polar_bearing_deg(n, k);
          const double rad = bearing * std::numbers::pi / 180.0;
          out.push_back({n.name + format_g(r) + "m[" + bearing_label(bearing) + "]",
                         n.origin_x_m + r * std::sin(rad), n.origin_y_m + r * std::cos(rad), n.z_m, index, k,
                         static_cast<int>(j)});
        }
      }
      break;
    case ReceptorNetworkKind::Points:
      for (std::size_t k = 0; k < n.points.size(); ++k) {
        const ReceptorPoint& p = n.points[k];
        out.push_back({n.name + "[" + std::to_string(k) + "]", p.x_m, p.y_m, p.z_m, index, static_cast<int>(k), 0});
      }
      break;
  }
  return out;
}

void expand_receptor_networks(Config& config) {
  for (std::size_t n = 0; n < config.receptor_networks.size(); ++n) {
    std::vector<Receptor> expanded = expand_receptor_network(config.receptor_networks[n], static_cast<int>(n));
    config.receptors.insert(config.receptors.end(), expanded.begin(), expanded.end());
  }
}

}  // namespace twinlab::twins::dispersion
