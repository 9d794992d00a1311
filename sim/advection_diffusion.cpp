#include "sim/advection_diffusion.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <utility>

#include "base/error.hpp"
#include "sim/advection_diffusion_vertical.hpp"
#include "sim/transport_stage.hpp"

namespace twinlab::sim {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

[[noreturn]] void bad(const std::string& key, const std::string& message) {
  throw base::InputError({"", 0, 0, key}, message);
}

void check_levels(const std::vector<double>& values, std::size_t expected, const char* name, bool signed_ok) {
  if (values.size() != expected) {
    bad(std::string("transport.") + name,
        "needs " + std::to_string(expected) + " values (got " + std::to_string(values.size()) + ")");
  }
  for (std::size_t k = 0; k < values.size(); ++k) {
    const double v = values[k];
    if (!std::isfinite(v) || (!signed_ok && v < 0.0)) {
      bad(std::string("transport.") + name + "[" + std::to_string(k) + "]",
          std::string(signed_ok ? "must be finite" : "must be finite and >= 0") + " (got " + std::to_string(v) + ")");
    }
  }
}

void check_rate(double value, const char* name) {
  if (!std::isfinite(value) || value < 0.0) {
    bad(std::string("transport.") + name, "must be finite and >= 0 (got " + std::to_string(value) + ")");
  }
}

double inverse_or_infinity(double rate_1_s) { return rate_1_s > 0.0 ? 1.0 / rate_1_s : kInfinity; }

}  // namespace

TransportCoefficients TransportCoefficients::uniform(int nz, double u_m_s, double v_m_s, double kh_m2_s,
                                                     double kz_m2_s, double decay_rate_1_s,
                                                     double deposition_velocity_m_s) {
  if (nz < 1) bad("transport.nz", "must be >= 1 (got " + std::to_string(nz) + ")");
  const auto n = static_cast<std::size_t>(nz);
  TransportCoefficients c;
  c.u_m_s.assign(n, u_m_s);
  c.v_m_s.assign(n, v_m_s);
  c.kh_m2_s.assign(n, kh_m2_s);
  c.kz_face_m2_s.assign(n + 1, kz_m2_s);
  c.decay_rate_1_s = decay_rate_1_s;
  c.deposition_velocity_m_s = deposition_velocity_m_s;
  return c;
}

void validate(const StructuredGrid& grid, const TransportCoefficients& coefficients) {
  const auto nz = static_cast<std::size_t>(grid.nz());
  check_levels(coefficients.u_m_s, nz, "u_m_s", true);
  check_levels(coefficients.v_m_s, nz, "v_m_s", true);
  check_levels(coefficients.kh_m2_s, nz, "kh_m2_s", false);
  check_levels(coefficients.kz_face_m2_s, nz + 1, "kz_face_m2_s", false);
  check_rate(coefficients.decay_rate_1_s, "decay_rate_1_s");
  check_rate(coefficients.deposition_velocity_m_s, "deposition_velocity_m_s");
}

TimeStepLimits time_step_limits(const StructuredGrid& grid, const TransportCoefficients& coefficients,
                                const BoundaryConditions& boundaries, VerticalScheme vertical) {
  validate(grid, coefficients);
  std::vector<TransportLevel> levels = transport_levels(grid, coefficients, boundaries);
  if (vertical == VerticalScheme::Implicit) levels = horizontal_levels(std::move(levels));
  double max_a = 0.0, max_d = 0.0, max_sum = 0.0;
  for (const TransportLevel& lv : levels) {
    const double a = 2.0 * (std::abs(lv.ax_1_s) + std::abs(lv.ay_1_s));
    const double d = 2.0 * (lv.kx_1_s + lv.ky_1_s) + lv.z_lower_1_s + lv.z_upper_1_s + lv.deposition_1_s +
                     lv.top_outflow_1_s;
    max_a = std::max(max_a, a);
    max_d = std::max(max_d, d);
    max_sum = std::max(max_sum, a + d);
  }
  return {inverse_or_infinity(max_a), inverse_or_infinity(max_d), inverse_or_infinity(max_sum)};
}

double advective_time_step_limit_s(const StructuredGrid& grid, const TransportCoefficients& coefficients) {
  return time_step_limits(grid, coefficients, BoundaryConditions{}).advective_s;
}

AdvectionDiffusionSolver::AdvectionDiffusionSolver(StructuredGrid grid, TransportCoefficients coefficients,
                                                   BoundaryConditions boundaries, double safety,
                                                   VerticalScheme vertical)
    : grid_(std::move(grid)), coefficients_(std::move(coefficients)), boundaries_(boundaries), safety_(safety),
      vertical_(vertical) {
  if (!(safety > 0.0 && safety <= 1.0)) {
    bad("transport.safety", "must be in (0, 1] (got " + std::to_string(safety) + ")");
  }
  validate(grid_, coefficients_);
  c_ = grid_.make_field(0.0);
  stage_ = grid_.make_field(0.0);
  deposited_kg_m2_ = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(grid_.plane_size()));
  update_limits();
}

void AdvectionDiffusionSolver::update_limits() {
  limits_ = time_step_limits(grid_, coefficients_, boundaries_, vertical_);
  time_step_s_ = safety_ * limits_.combined_s;
}

void AdvectionDiffusionSolver::set_coefficients(TransportCoefficients coefficients) {
  validate(grid_, coefficients);
  coefficients_ = std::move(coefficients);
  update_limits();
}

void AdvectionDiffusionSolver::set_sources(std::vector<PointSource> sources) {
  for (std::size_t s = 0; s < sources.size(); ++s) {
    const std::string key = "sources[" + std::to_string(s) + "]";
    if (sources[s].cell >= grid_.cell_count()) {
      bad(key + ".cell", "is outside the grid (" + std::to_string(sources[s].cell) + " >= " +
                             std::to_string(grid_.cell_count()) + ")");
    }
    if (!std::isfinite(sources[s].rate_kg_s) || sources[s].rate_kg_s < 0.0) {
      bad(key + ".rate_kg_s", "must be finite and >= 0 (got " + std::to_string(sources[s].rate_kg_s) + ")");
    }
  }
  sources_ = std::move(sources);
}

void AdvectionDiffusionSolver::set_concentration(const Eigen::Ref<const Eigen::VectorXd>& concentration_kg_m3) {
  if (static_cast<std::size_t>(concentration_kg_m3.size()) != grid_.cell_count()) {
    bad("concentration", "has " + std::to_string(concentration_kg_m3.size()) + " values, the grid has " +
                             std::to_string(grid_.cell_count()) + " cells");
  }
  if (!concentration_kg_m3.allFinite() || (concentration_kg_m3.array() < 0.0).any()) {
    bad("concentration", "must be finite and >= 0 everywhere");
  }
  c_ = concentration_kg_m3;
  deposited_kg_m2_.setZero();
  budget_ = TransportBudget{};
  budget_.initial_kg = mass_kg();
  budget_.in_domain_kg = budget_.initial_kg;
}

double AdvectionDiffusionSolver::mass_kg() const {
  const auto plane = static_cast<Eigen::Index>(grid_.plane_size());
  double m = 0.0;
  for (int k = 0; k < grid_.nz(); ++k) m += grid_.cell_volume_m3(k) * c_.segment(k * plane, plane).sum();
  return m;
}

double AdvectionDiffusionSolver::emission_rate_kg_s() const {
  double q = 0.0;
  for (const PointSource& s : sources_) q += s.rate_kg_s;
  return q;
}

void AdvectionDiffusionSolver::add_sources(double* out, double weight_s) const {
  const std::size_t plane = grid_.plane_size();
  for (const PointSource& s : sources_) {
    out[s.cell] += s.rate_kg_s * weight_s / grid_.cell_volume_m3(static_cast<int>(s.cell / plane));
  }
}

void AdvectionDiffusionSolver::step() {
  if (!std::isfinite(time_step_s_)) {
    bad("transport", "nothing is transported (no wind, diffusion or deposition): give the step explicitly");
  }
  step(time_step_s_);
}

void AdvectionDiffusionSolver::step(double dt_s) {
  if (!(dt_s > 0.0) || !std::isfinite(dt_s) || dt_s > limits_.combined_s * (1.0 + 1e-9)) {
    bad("transport.time_step_s", "must be in (0, " + std::to_string(limits_.combined_s) + "] s (got " +
                                     std::to_string(dt_s) + ")");
  }
  if (vertical_ == VerticalScheme::Implicit) {
    step_implicit(dt_s);
  } else {
    step_explicit(dt_s);
  }
  time_s_ += dt_s;
  ++steps_;
}

void AdvectionDiffusionSolver::step_explicit(double dt_s) {
  const double lambda = coefficients_.decay_rate_1_s;
  const double decay_factor = std::exp(-lambda * dt_s);        // E
  const double decayed_fraction = -std::expm1(-lambda * dt_s);  // 1 - E without cancellation
  const double area = grid_.cell_area_m2();
  const double q = emission_rate_kg_s();
  const double vd = coefficients_.deposition_velocity_m_s;
  const std::vector<TransportLevel> levels = transport_levels(grid_, coefficients_, boundaries_);
  double* deposited = vd > 0.0 ? deposited_kg_m2_.data() : nullptr;
  const double flux_weight_s = 0.5 * decay_factor * dt_s;  // weight of each stage's boundary fluxes

  // Stage 1: c1 = c + dt (T(c) + S).
  StageArguments first{c_.data(), c_.data(), stage_.data(), 0.0, 1.0, dt_s, deposited, flux_weight_s * vd};
  const StageTotals t1 = transport_stage(grid_, levels, boundaries_, first);
  add_sources(stage_.data(), dt_s);
  // Stage 2: c_new = E/2 c + E/2 (c1 + dt T(c1)) + dt/2 S, written over c.
  StageArguments second{stage_.data(), c_.data(), c_.data(), 0.5 * decay_factor, 0.5 * decay_factor,
                        0.5 * decay_factor * dt_s, deposited, flux_weight_s * vd};
  const StageTotals t2 = transport_stage(grid_, levels, boundaries_, second);
  add_sources(c_.data(), 0.5 * dt_s);

  // Budget. With M = in-domain mass before the step and Q the emission rate, the update above gives
  //   M_new = M + Q dt - w V (F(c) + F(c1)) - (1 - E)(M + Q dt / 2),  w = E dt / 2,
  // where F = outflow + deposition rates per cell volume: the last term is the mass that decayed.
  budget_.emitted_kg += q * dt_s;
  budget_.outflow_kg += flux_weight_s * area * (t1.outflow_rate + t2.outflow_rate);
  budget_.deposited_kg += flux_weight_s * area * (t1.deposition_rate + t2.deposition_rate);
  budget_.decayed_kg += decayed_fraction * (budget_.in_domain_kg + 0.5 * q * dt_s);
  budget_.in_domain_kg = area * t2.sum_out + 0.5 * q * dt_s;
}

void AdvectionDiffusionSolver::step_implicit(double dt_s) {
  // The IMEX step of the header; X explicit (horizontal levels), Z by a tridiagonal solve per column.
  // Decay by the integrating factor as in step_explicit: stage 1 works on w = exp(lambda (t - t_n)) c.
  const double lambda = coefficients_.decay_rate_1_s;
  const double decay_factor = std::exp(-lambda * dt_s);        // E
  const double decayed_fraction = -std::expm1(-lambda * dt_s);  // 1 - E
  const double area = grid_.cell_area_m2();
  const double q = emission_rate_kg_s();
  const double vd = coefficients_.deposition_velocity_m_s;
  const std::vector<TransportLevel> levels = transport_levels(grid_, coefficients_, boundaries_);
  const std::vector<TransportLevel> horizontal = horizontal_levels(levels);
  double* deposited = vd > 0.0 ? deposited_kg_m2_.data() : nullptr;
  const double stage_weight_s = 0.5 * decay_factor * dt_s;  // weight of X(c), X(w1) and Z(w1), Z(w_new)

  // Stage 1: (I - dt Z) w1 = c + dt (X(c) + S).
  StageArguments first{c_.data(), c_.data(), stage_.data(), 0.0, 1.0, dt_s, nullptr, 0.0};
  const StageTotals t1 = transport_stage(grid_, horizontal, boundaries_, first);
  add_sources(stage_.data(), dt_s);
  const VerticalTotals z1 =
      solve_vertical(grid_, levels, vertical_system(levels, dt_s), stage_.data(), deposited, stage_weight_s * vd);
  // Stage 2, in c = E w: (I - dt/2 Z) c_new = E/2 c + E/2 (w1 + dt X(w1)) + dt/2 S, written over c.
  StageArguments second{stage_.data(), c_.data(), c_.data(), 0.5 * decay_factor, 0.5 * decay_factor,
                        0.5 * decay_factor * dt_s, nullptr, 0.0};
  const StageTotals t2 = transport_stage(grid_, horizontal, boundaries_, second);
  add_sources(c_.data(), 0.5 * dt_s);
  // Z(w_new) = Z(c_new) / E carries the weight E dt / 2: dt / 2 on c_new.
  const VerticalTotals z2 =
      solve_vertical(grid_, levels, vertical_system(levels, 0.5 * dt_s), c_.data(), deposited, 0.5 * dt_s * vd);

  // Budget: M_new = E M + (1 + E) Q dt / 2 - E dt / 2 (X-outflow(c) + X-outflow(w1) + Z-sinks(w1) + Z-sinks(w_new)).
  budget_.emitted_kg += q * dt_s;
  budget_.outflow_kg += area * (stage_weight_s * (t1.outflow_rate + t2.outflow_rate + z1.top_outflow_rate) +
                                0.5 * dt_s * z2.top_outflow_rate);
  budget_.deposited_kg += area * (stage_weight_s * z1.deposition_rate + 0.5 * dt_s * z2.deposition_rate);
  budget_.decayed_kg += decayed_fraction * (budget_.in_domain_kg + 0.5 * q * dt_s);
  budget_.in_domain_kg = area * z2.sum_out;
}

long long AdvectionDiffusionSolver::advance(double duration_s) {
  if (!(duration_s >= 0.0) || !std::isfinite(duration_s)) {
    bad("transport.duration_s", "must be finite and >= 0 (got " + std::to_string(duration_s) + ")");
  }
  if (duration_s == 0.0) return 0;
  long long n = 1;
  if (std::isfinite(time_step_s_)) {
    n = std::max(1LL, static_cast<long long>(std::ceil(duration_s / time_step_s_ * (1.0 - 1e-12))));
  }
  const double dt = duration_s / static_cast<double>(n);
  const double t_end = time_s_ + duration_s;
  for (long long s = 0; s < n; ++s) step(std::min(dt, limits_.combined_s));
  time_s_ = t_end;
  return n;
}

void AdvectionDiffusionSolver::apply_transport(const Eigen::Ref<const Eigen::VectorXd>& c,
                                               Eigen::Ref<Eigen::VectorXd> tc) const {
  if (static_cast<std::size_t>(c.size()) != grid_.cell_count() || tc.size() != c.size()) {
    bad("field", "sizes must equal the grid's cell count " + std::to_string(grid_.cell_count()));
  }
  const std::vector<TransportLevel> levels = transport_levels(grid_, coefficients_, boundaries_);
  StageArguments args{c.data(), c.data(), tc.data(), 0.0, 0.0, 1.0, nullptr, 0.0};
  transport_stage(grid_, levels, boundaries_, args);
}

void AdvectionDiffusionSolver::apply_operator(const Eigen::Ref<const Eigen::VectorXd>& c,
                                              Eigen::Ref<Eigen::VectorXd> dcdt) const {
  if (static_cast<std::size_t>(c.size()) != grid_.cell_count() || dcdt.size() != c.size()) {
    bad("field", "sizes must equal the grid's cell count " + std::to_string(grid_.cell_count()));
  }
  const std::vector<TransportLevel> levels = transport_levels(grid_, coefficients_, boundaries_);
  StageArguments args{c.data(), c.data(), dcdt.data(), 0.0, -coefficients_.decay_rate_1_s, 1.0, nullptr, 0.0};
  transport_stage(grid_, levels, boundaries_, args);
  add_sources(dcdt.data(), 1.0);
}

}  // namespace twinlab::sim
