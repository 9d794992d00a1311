#pragma once
// Eulerian finite-volume solver for a scalar c(x, y, z, t) (a concentration, kg/m^3) on a StructuredGrid:
//
//   dc/dt + u(z) dc/dx + v(z) dc/dy = d/dx(Kh dc/dx) + d/dy(Kh dc/dy) + d/dz(Kz dc/dz) - lambda c + S
//
// with horizontal wind uniform in x and y but varying with height (w = 0), dry deposition at the ground
// (a flux vd * c out of the bottom cells) and point sources S (rate / cell volume in the source cell).
//
// Space: cell-centred finite volumes. Advection uses MUSCL reconstruction with the MC (monotonized
// central) limiter and upwind face values: second order where the field is smooth and monotone, TVD and
// positivity preserving everywhere. Diffusion is the standard second-order central flux. Unsplit: every
// direction contributes to one operator T(c) (transport + deposition + boundary outflow).
//
// Time: method of lines. The semi-discrete system dc/dt = T(c) - lambda c + S is integrated with the
// two-stage strong-stability-preserving Runge-Kutta method (SSP-RK2, Heun's method in Shu-Osher form)
// applied with an integrating factor for the decay, so decay alone is exact (c * exp(-lambda t)) and
// does not limit the step:
//   c1      = c + dt (T(c) + S)
//   c_new   = E/2 c + E/2 (c1 + dt T(c1)) + dt/2 S,      E = exp(-lambda dt).
// This is Heun's method for w = exp(lambda (t - t_n)) c, dw/dt = T(w) + exp(lambda (t - t_n)) S, mapped
// back (T is positively homogeneous). The two stages are fused, hand-written passes over the field
// rather than calls through Boost.Odeint's generic stepper, which would make five or more full-field
// passes per step; the test suite checks that one step equals Boost.Odeint's explicit_generic_rk with
// Heun's tableau on that system to round-off, and apply_operator() exposes the right-hand side for
// integrating the semi-discrete system with any odeint stepper.
//
// Positivity: a forward-Euler stage is a convex combination of neighbouring values when
//   dt * max_k (A_k + D_k) <= 1,  A_k = 2 |u_k| / dx + 2 |v_k| / dy,
//   D_k = 2 Kh_k / dx^2 + 2 Kh_k / dy^2 + (Kz_{k-1/2} + Kz_{k+1/2}) / dz^2 (+ vd / dz at the ground,
//         + 2 Kz_top / dz^2 instead of Kz_{k+1/2}/dz^2 at an open top),
// (the factor 2 in A_k is the MC limiter's bound sigma/a <= 2); SSP-RK2 keeps the property with the same
// step, and the integrating factor only multiplies by E > 0. time_step_limits() reports 1 / max A_k
// (advective), 1 / max D_k (diffusive) and 1 / max (A_k + D_k) (combined, >= half the smaller of the
// two); the automatic step is safety * combined.
//
// Implicit vertical terms (VerticalScheme::Implicit, for thin layers near the ground): vertical diffusion,
// deposition and the open top's outflow (Z) are solved implicitly, a tridiagonal system per column
// (advection_diffusion_vertical.hpp), the rest (X: advection and horizontal diffusion) explicitly, in an
// IMEX form of the same two stages (decay by the same integrating factor, omitted here):
//   (I - dt Z) c1          = c + dt (X(c) + S)
//   (I - dt/2 Z) c_new     = c/2 + (c1 + dt X(c1) + dt S) / 2
// i.e. c_new = c + dt/2 (X(c) + X(c1)) + dt S + dt/2 (Z(c1) + Z(c_new)). Properties (tested):
//  * a steady state of the semi-discrete system (X + Z)(c) + S = 0 is a fixed point of the step for any
//    dt (c1 = c_new = c), so a steady solution has only the spatial error, whatever the step;
//  * order: second in time for X (Heun), first for Z: for X = 0 the step is
//    c_new = c + dt Z c + 3/4 dt^2 Z^2 c + ..., a local error dt^2 Z^2 c / 4 against exp(dt Z);
//    L-stable in Z (the amplification of a stiff mode tends to 0, no oscillation);
//  * positivity: each right-hand side is a convex combination under the explicit condition below (with
//    D_k = 2 Kh_k / dx^2 + 2 Kh_k / dy^2 only), and (I - w Z)^-1 >= 0, so thin layers and large Kz do not
//    limit the step: dt <= safety / max_k (A_k + D_k) with horizontal terms only;
//  * mass: the budget below closes to round-off as in the explicit scheme.
// Splitting error: none at steady state; in a transient the Z part is first order, so a time-step
// refinement study of a vertically diffusing puff converges at order 1 (tested), while horizontal
// advection and diffusion keep order 2.
//
// Stretched layers: the grid may have any increasing layer faces (StructuredGrid); the vertical flux
// through a face is Kz (c_upper - c_lower) / (distance between the two cell centres), each level's mass is
// weighted by its thickness, a source divides its rate by its own cell's volume.
//
// Boundaries: lateral faces are Open (clean inflow, exterior c = 0, where the wind enters; first-order
// upwind outflow where it leaves; NO diffusive flux across them - a simplification that is accurate when
// the field at the boundary is carried out by the wind) or Closed (no flux at all). The ground is closed
// except for deposition. The top is Closed (a lid, e.g. a mixing height) or Open (diffusive outflow to
// c = 0 on the top face, flux 2 Kz_top c / dz).
//
// Mass budget (kg, cumulative): emitted + initial = in_domain + outflow (net) + decayed + deposited
// holds to round-off. Parallel: OpenMP over z-levels; reductions are kept per level and summed in level
// order, so results are bitwise identical for any number of threads (grids under 16384 cells run on
// one thread, see transport_stage.hpp).
#include <cstddef>
#include <vector>

#include <Eigen/Core>

#include "sim/structured_grid.hpp"

namespace twinlab::sim {

enum class BoundaryKind { Open, Closed };

// How the vertical terms (diffusion between levels, deposition, open-top outflow) enter a step.
enum class VerticalScheme {
  Explicit,  // in the SSP-RK2 stages: the step is limited by (Kz_below + Kz_above) / dz^2 too
  Implicit   // a tridiagonal solve per column in each stage: the step is limited by the horizontal terms only
};

struct BoundaryConditions {
  BoundaryKind west = BoundaryKind::Open;    // x = x_min
  BoundaryKind east = BoundaryKind::Open;    // x = x_max
  BoundaryKind south = BoundaryKind::Open;   // y = y_min
  BoundaryKind north = BoundaryKind::Open;   // y = y_max
  BoundaryKind top = BoundaryKind::Closed;   // z = z_max; the ground (z = z_min) is always closed except
                                             // for deposition
};

// Transport coefficients, per z-level k = 0 (bottom) .. nz - 1.
struct TransportCoefficients {
  std::vector<double> u_m_s;         // [nz] wind towards +x
  std::vector<double> v_m_s;         // [nz] wind towards +y
  std::vector<double> kh_m2_s;       // [nz] horizontal eddy diffusivity (x and y)
  std::vector<double> kz_face_m2_s;  // [nz + 1] vertical diffusivity at the z-faces: face k is the bottom
                                     // of level k; [0] (the ground) is unused, [nz] is used by an open top
  double decay_rate_1_s = 0.0;           // first-order loss lambda
  double deposition_velocity_m_s = 0.0;  // dry deposition at the ground

  // Uniform coefficients on nz levels.
  static TransportCoefficients uniform(int nz, double u_m_s, double v_m_s, double kh_m2_s, double kz_m2_s,
                                       double decay_rate_1_s = 0.0, double deposition_velocity_m_s = 0.0);
};

struct PointSource {
  std::size_t cell = 0;    // grid.index(i, j, k)
  double rate_kg_s = 0.0;  // >= 0
};

struct TimeStepLimits {
  double advective_s = 0.0;  // 1 / max_k A_k (infinite without wind)
  double diffusive_s = 0.0;  // 1 / max_k D_k (infinite without diffusion or deposition)
  double combined_s = 0.0;   // 1 / max_k (A_k + D_k): the positivity-preserving limit
};

// Cumulative since the initial field was set, kg.
struct TransportBudget {
  double initial_kg = 0.0;
  double emitted_kg = 0.0;
  double in_domain_kg = 0.0;
  double outflow_kg = 0.0;  // net mass carried out through the lateral and top boundaries
  double decayed_kg = 0.0;
  double deposited_kg = 0.0;
  // initial + emitted - (in_domain + outflow + decayed + deposited): zero up to round-off.
  double closure_error_kg() const {
    return (initial_kg + emitted_kg) - (in_domain_kg + outflow_kg + decayed_kg + deposited_kg);
  }
};

// Throws InputError naming the offending key if sizes do not match the grid or a value is negative or
// not finite.
void validate(const StructuredGrid& grid, const TransportCoefficients& coefficients);

// With VerticalScheme::Implicit, D_k holds the horizontal diffusion only (the vertical terms are
// unconditionally stable).
TimeStepLimits time_step_limits(const StructuredGrid& grid, const TransportCoefficients& coefficients,
                                const BoundaryConditions& boundaries,
                                VerticalScheme vertical = VerticalScheme::Explicit);
double advective_time_step_limit_s(const StructuredGrid& grid, const TransportCoefficients& coefficients);

class AdvectionDiffusionSolver {
 public:
  // safety in (0, 1]: the automatic step is safety * time_step_limits().combined_s.
  // The field starts at zero, time at 0.
  AdvectionDiffusionSolver(StructuredGrid grid, TransportCoefficients coefficients,
                           BoundaryConditions boundaries, double safety = 0.9,
                           VerticalScheme vertical = VerticalScheme::Explicit);

  const StructuredGrid& grid() const { return grid_; }
  const TransportCoefficients& coefficients() const { return coefficients_; }
  const BoundaryConditions& boundaries() const { return boundaries_; }
  VerticalScheme vertical_scheme() const { return vertical_; }

  // New coefficients (e.g. a new meteorological period); the limits and the step are recomputed.
  void set_coefficients(TransportCoefficients coefficients);
  // Sources held constant during each step until changed.
  void set_sources(std::vector<PointSource> sources);
  const std::vector<PointSource>& sources() const { return sources_; }

  // Replaces the field (must be >= 0 everywhere) and restarts the budget from it (initial_kg).
  void set_concentration(const Eigen::Ref<const Eigen::VectorXd>& concentration_kg_m3);
  const Eigen::VectorXd& concentration() const { return c_; }

  const TimeStepLimits& limits() const { return limits_; }
  double time_step_s() const { return time_step_s_; }  // safety * limits().combined_s
  double time_s() const { return time_s_; }
  long long steps() const { return steps_; }

  // One step of time_step_s() (throws InputError if that is infinite: nothing is transported).
  void step();
  // One step of dt_s, 0 < dt_s <= limits().combined_s (up to 1e-9 relative more is accepted, for callers
  // that split an interval into equal steps).
  void step(double dt_s);
  // Steps of at most time_step_s(), the last one shortened to end exactly at time_s() + duration_s.
  // Returns the number of steps taken.
  long long advance(double duration_s);

  const TransportBudget& budget() const { return budget_; }
  // Mass in the domain now, kg (each cell's concentration times its volume).
  double mass_kg() const;
  // Cumulative deposition per ground cell, kg/m^2, indexed j * nx + i.
  const Eigen::VectorXd& deposited_kg_m2() const { return deposited_kg_m2_; }

  // The right-hand side of the semi-discrete system, dcdt = T(c) - lambda c + S (current sources), for
  // use with any ODE integrator (e.g. Boost.Odeint). Does not touch the state or the budget.
  void apply_operator(const Eigen::Ref<const Eigen::VectorXd>& c, Eigen::Ref<Eigen::VectorXd> dcdt) const;
  // Only the transport part T(c) (advection, diffusion, deposition, boundary fluxes).
  void apply_transport(const Eigen::Ref<const Eigen::VectorXd>& c, Eigen::Ref<Eigen::VectorXd> tc) const;

 private:
  void update_limits();
  double emission_rate_kg_s() const;
  void add_sources(double* out, double weight_s) const;
  void step_explicit(double dt_s);
  void step_implicit(double dt_s);

  StructuredGrid grid_;
  TransportCoefficients coefficients_;
  BoundaryConditions boundaries_;
  double safety_;
  VerticalScheme vertical_;
  std::vector<PointSource> sources_;
  TimeStepLimits limits_;
  double time_step_s_ = 0.0;
  double time_s_ = 0.0;
  long long steps_ = 0;
  Eigen::VectorXd c_, stage_;
  Eigen::VectorXd deposited_kg_m2_;
  TransportBudget budget_;
};

}  // namespace twinlab::sim
