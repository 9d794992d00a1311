// Tests of sim/transport_stage.*: the fused kernel reproduces the exact operator on fields the
// discretisation represents exactly, conserves through telescoping fluxes, and combines stages as told.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "sim/transport_stage.hpp"

using namespace twinlab::sim;

namespace {

Eigen::VectorXd fill(const StructuredGrid& g, double (*f)(double, double, double)) {
  Eigen::VectorXd c = g.make_field();
  for (int k = 0; k < g.nz(); ++k)
    for (int j = 0; j < g.ny(); ++j)
      for (int i = 0; i < g.nx(); ++i)
        c[static_cast<Eigen::Index>(g.index(i, j, k))] = f(g.x_centre_m(i), g.y_centre_m(j), g.z_centre_m(k));
  return c;
}

Eigen::VectorXd transport(const StructuredGrid& g, const TransportCoefficients& k, const BoundaryConditions& b,
                          const Eigen::VectorXd& c, StageTotals* totals = nullptr) {
  Eigen::VectorXd out = g.make_field();
  StageArguments args{c.data(), c.data(), out.data(), 0.0, 0.0, 1.0, nullptr, 0.0};
  const StageTotals t = transport_stage(g, transport_levels(g, k, b), b, args);
  if (totals != nullptr) *totals = t;
  return out;
}

const BoundaryConditions kClosed{BoundaryKind::Closed, BoundaryKind::Closed, BoundaryKind::Closed,
                                 BoundaryKind::Closed, BoundaryKind::Closed};
const BoundaryConditions kOpen{BoundaryKind::Open, BoundaryKind::Open, BoundaryKind::Open, BoundaryKind::Open,
                               BoundaryKind::Open};

}  // namespace

TEST_CASE("advection of a linear field is exact away from the boundaries", "[transport_stage]") {
  // c = 5 + 0.3 x - 0.2 y: the limited slopes equal the exact ones (a = b), so the face values are exact
  // and T = -u dc/dx - v dc/dy = -0.3 u + 0.2 v in every cell two or more cells from the lateral faces.
  const double u = GENERATE(2.0, -3.0);
  const double v = GENERATE(1.5, -0.5);
  CAPTURE(u, v);
  const StructuredGrid g(12, 10, 3, 0.0, 0.0, 0.0, 10.0, 5.0, 2.0);
  const auto k = TransportCoefficients::uniform(3, u, v, 0.0, 0.0);
  const Eigen::VectorXd c = fill(g, [](double x, double y, double) { return 5.0 + 0.3 * x - 0.2 * y; });
  const Eigen::VectorXd t = transport(g, k, kOpen, c);
  for (int kk = 0; kk < g.nz(); ++kk)
    for (int j = 2; j < g.ny() - 2; ++j)
      for (int i = 2; i < g.nx() - 2; ++i) {
        CAPTURE(i, j, kk);
        REQUIRE(t[static_cast<Eigen::Index>(g.index(i, j, kk))] == Approx(-0.3 * u + 0.2 * v).margin(1e-12));
      }
}

TEST_CASE("diffusion is exact for quadratics, with variable Kz at the faces", "[transport_stage]") {
  // c = x^2 + 2 y^2 + z^2: Kh (2 + 4) horizontally. With Kz(face at height z) = 0.1 + 0.05 z and
  // c = z^2, the face fluxes Kz dc/dz are exact at the faces, so
  // T_z = (Kz(z+) * 2 z+ - Kz(z-) * 2 z-) / dz exactly, except at the closed ground and lid.
  const StructuredGrid g(8, 8, 6, 0.0, 0.0, 0.0, 1.0, 1.0, 0.5);
  TransportCoefficients k = TransportCoefficients::uniform(6, 0.0, 0.0, 0.7, 0.0);
  for (int f = 0; f <= 6; ++f) k.kz_face_m2_s[static_cast<std::size_t>(f)] = 0.1 + 0.05 * f * g.dz_m();
  const Eigen::VectorXd c = fill(g, [](double x, double y, double z) { return x * x + 2 * y * y + z * z; });
  const Eigen::VectorXd t = transport(g, k, kClosed, c);
  for (int kk = 1; kk < g.nz() - 1; ++kk)
    for (int j = 1; j < g.ny() - 1; ++j)
      for (int i = 1; i < g.nx() - 1; ++i) {
        const double zm = kk * g.dz_m(), zp = (kk + 1) * g.dz_m();
        const double expected = 0.7 * 6.0 + ((0.1 + 0.05 * zp) * 2 * zp - (0.1 + 0.05 * zm) * 2 * zm) / g.dz_m();
        CAPTURE(i, j, kk);
        REQUIRE(t[static_cast<Eigen::Index>(g.index(i, j, kk))] == Approx(expected).epsilon(1e-12));
      }
}

TEST_CASE("fluxes telescope: the total change is the boundary and ground exchange", "[transport_stage]") {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u01(0.0, 1.0);
  const StructuredGrid g(15, 11, 7, 0.0, 0.0, 0.0, 4.0, 3.0, 2.0);
  TransportCoefficients k;
  for (int kk = 0; kk < 7; ++kk) {
    k.u_m_s.push_back(2.0 - 0.7 * kk);
    k.v_m_s.push_back(-1.0 + 0.4 * kk);
    k.kh_m2_s.push_back(0.5 + 0.1 * kk);
  }
  for (int f = 0; f <= 7; ++f) k.kz_face_m2_s.push_back(0.3 + 0.02 * f);
  k.deposition_velocity_m_s = 0.05;
  Eigen::VectorXd c = g.make_field();
  for (Eigen::Index n = 0; n < c.size(); ++n) c[n] = u01(rng);

  for (const BoundaryConditions& b : {kOpen, kClosed}) {
    StageTotals totals;
    const Eigen::VectorXd t = transport(g, k, b, c, &totals);
    CAPTURE(b.west == BoundaryKind::Open);
    // sum T dz = -(outflow + deposition) per unit horizontal cell area (totals are weighted by dz)
    CHECK(t.sum() * g.dz_m() == Approx(-(totals.outflow_rate + totals.deposition_rate)).epsilon(1e-12));
    CHECK(totals.deposition_rate == Approx(0.05 * c.head(static_cast<Eigen::Index>(g.plane_size())).sum()));
    if (b.west == BoundaryKind::Closed) {
      CHECK(totals.outflow_rate == 0.0);
    } else {
      CHECK(totals.outflow_rate > 0.0);
    }
  }
}

TEST_CASE("the stage writes alpha x0 + beta x + gamma T(x), also in place over x0", "[transport_stage]") {
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> u01(0.0, 1.0);
  const StructuredGrid g(9, 7, 4, 0.0, 0.0, 0.0, 2.0, 2.0, 1.0);
  const auto k = TransportCoefficients::uniform(4, 1.0, -0.5, 0.3, 0.2, 0.0, 0.01);
  Eigen::VectorXd x = g.make_field(), x0 = g.make_field();
  for (Eigen::Index n = 0; n < x.size(); ++n) {
    x[n] = u01(rng);
    x0[n] = u01(rng);
  }
  const Eigen::VectorXd t = transport(g, k, kOpen, x);
  Eigen::VectorXd out = x0;  // in place: out aliases x0
  Eigen::VectorXd deposited = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(g.plane_size()));
  StageArguments args{x.data(), out.data(), out.data(), 0.3, 0.6, 0.25, deposited.data(), 2.0};
  const StageTotals totals = transport_stage(g, transport_levels(g, k, kOpen), kOpen, args);
  const Eigen::VectorXd expected = 0.3 * x0 + 0.6 * x + 0.25 * t;
  CHECK((out - expected).cwiseAbs().maxCoeff() < 1e-14);
  CHECK(totals.sum_out == Approx(expected.sum()).epsilon(1e-13));
  CHECK((deposited - 2.0 * x.head(static_cast<Eigen::Index>(g.plane_size()))).cwiseAbs().maxCoeff() < 1e-15);
}
