// CPU time to reach a given error (issue 14, "Speed"): the steady plume of a continuous point source in a
// uniform wind with isotropic K, against the exact solution, on grids of 36 000 to 2.3 million cells, for
// twinlab's explicit scheme (before this issue: all terms in the SSP-RK2 stages) and the IMEX scheme
// (vertical terms by a tridiagonal solve per column), both measured in this run; a STREAM-like triad
// measured in the same run and the fraction of that bandwidth each solver reaches (from the bytes a
// cell-update must move at least). OpenFOAM's scalarTransportFoam on the same cases:
// bench/bench_eulerian_openfoam.sh.
//
// Case: u = 5 m/s along x, Kx = Ky = Kz = 1 m^2/s, q = 1 kg/s released in the corner cell of
// x in [-10, 170] m, y and z in [0, 40] m; the ground and the side y = 0 are closed (exact mirror planes,
// so the corner source is a source of 4q in free space), y = 40 m (open, v = 0: no flux) and the lid at
// z = 40 m are mirrors too: the reference is the exact steady solution summed over the images at
// (2 n W, 2 m W), |n|, |m| <= 2 (test_advection_diffusion.cpp uses the same construction). Compared in
// x in [60, 120] m downwind (plume sigma 4.9 - 6.9 m), relative L2 error, at t = 40 s (the transient
// there is below 1e-15). CPU time is the process's (all threads).
//
// Run: build/bench/bench_eulerian_accuracy   (a few minutes on 2 quiet cores; BENCH_MAX_CELLS=N skips the
// grids above N cells, for a loaded machine; BENCH_GRIDS="4 2 1.4" sets the cell sizes h in metres;
// BENCH_IMEX_ONLY=1 runs the IMEX scheme alone; BENCH_ROWS=FILE appends "twinlab_SCHEME H CELLS CPU_S REL_L2"
// per run for bench/bench_eulerian_openfoam.sh)
#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "bench_support.hpp"
#include "sim/advection_diffusion.hpp"
#include "sim/structured_grid.hpp"
#include "tests/sim/transport_exact_solutions.hpp"

namespace {

using namespace twinlab::sim;

constexpr double kU = 5.0, kK = 1.0, kQ = 1.0, kW = 40.0, kX0 = -10.0, kLength = 180.0, kTime = 40.0;

struct Result {
  double h = 0.0;
  std::size_t cells = 0;
  long long steps = 0;
  double cpu_s = 0.0, error = 0.0;
};

Result run(double h, VerticalScheme scheme) {
  const auto nx = static_cast<int>(std::lround(kLength / h)), nyz = static_cast<int>(std::lround(kW / h));
  const StructuredGrid g(nx, nyz, nyz, kX0, 0.0, 0.0, h, h, h);
  const BoundaryConditions b{BoundaryKind::Open, BoundaryKind::Open, BoundaryKind::Closed, BoundaryKind::Open,
                             BoundaryKind::Closed};
  AdvectionDiffusionSolver solver(g, TransportCoefficients::uniform(g.nz(), kU, 0.0, kK, kK), b, 0.95, scheme);
  const CellIndex source = *g.locate(0.0, 0.0, 0.0);
  solver.set_sources({{g.index(source), kQ}});
  const double start = twinlab_bench::process_cpu_s();
  solver.advance(kTime);
  Result r{h, g.cell_count(), solver.steps(), twinlab_bench::process_cpu_s() - start, 0.0};
  const double xs = g.x_centre_m(source.i);
  double num = 0.0, den = 0.0;
  for (int k = 0; k < g.nz(); ++k)
    for (int j = 0; j < g.ny(); ++j)
      for (int i = 0; i < g.nx(); ++i) {
        const double x = g.x_centre_m(i) - xs;
        if (x < 60.0 || x > 120.0) continue;
        double exact = 0.0;
        for (int n = -2; n <= 2; ++n)
          for (int m = -2; m <= 2; ++m)
            exact += testing::steady_point_source(4.0 * kQ, kU, kK, kK, kK, x, g.y_centre_m(j) - 2 * n * kW,
                                                  g.z_centre_m(k) - 2 * m * kW);
        const double d = solver.concentration()[static_cast<Eigen::Index>(g.index(i, j, k))] - exact;
        num += d * d;
        den += exact * exact;
      }
  r.error = std::sqrt(num / den);
  return r;
}

// CPU seconds at a given error, by log-log interpolation between the two levels that bracket it
// (NaN when no pair does).
double cpu_at(const std::vector<Result>& rs, double error) {
  for (std::size_t i = 0; i + 1 < rs.size(); ++i) {
    const Result &a = rs[i], &b = rs[i + 1];
    if ((a.error - error) * (b.error - error) > 0.0) continue;
    const double t = std::log(error / a.error) / std::log(b.error / a.error);
    return std::exp(std::log(a.cpu_s) + t * std::log(b.cpu_s / a.cpu_s));
  }
  return std::nan("");
}

// STREAM triad a = b + s c over arrays far larger than the caches; best of 5; bytes counted as STREAM
// does (24 per element: two reads, one write). Per CPU second of all threads (process CPU time), like the
// solver's figures: on a shared machine wall time counts the time other processes hold the cores.
double triad_bytes_per_cpu_s() {
  const std::size_t n = std::size_t{1} << 24;  // 128 MiB per array
  std::vector<double> a(n, 0.0), b(n, 1.0), c(n, 2.0);
  double best = 1e300;
  for (int r = 0; r < 5; ++r) {
    const double start = twinlab_bench::process_cpu_s();
#pragma omp parallel for schedule(static)
    for (std::size_t i = 0; i < n; ++i) a[i] = b[i] + 3.0 * c[i];
    best = std::min(best, twinlab_bench::process_cpu_s() - start);
  }
  if (a[n / 2] != 7.0) std::abort();  // keeps the loop
  return 24.0 * static_cast<double>(n) / best;
}

}  // namespace

int main() {
  const int threads = omp_get_max_threads();
  const double triad = triad_bytes_per_cpu_s();
  fmt::print("Steady point source, uniform wind u = {} m/s, isotropic K = {} m^2/s, vs the exact image solution "
             "(x in [60, 120] m); {} OpenMP threads\n", kU, kK, threads);
  fmt::print("STREAM-like triad (same run, {} threads): {:.2f} GB per CPU second ({:.2f} GB/s if every thread had "
             "its core)\n\n", threads, triad / 1e9, triad * threads / 1e9);
  // Compulsory bytes per cell-update (one full step): explicit, 2 stages x (read x, read x0, write out) = 48 B;
  // IMEX, 2 x (24 B stage + 16 B tridiagonal solve: the field read and written once, the back substitution
  // in cache) = 80 B.
  const double bytes_explicit = 48.0, bytes_implicit = 80.0;

  std::vector<Result> ex, im;
  fmt::print("{:>6} {:>9} {:<22} {:>6} {:>9} {:>10} {:>13} {:>10}\n", "h [m]", "cells", "scheme", "steps", "CPU s",
             "rel. L2", "cell-upd/CPUs", "% triad");
  const char* cap = std::getenv("BENCH_MAX_CELLS");
  const double max_cells = cap != nullptr ? std::atof(cap) : 1e300;
  std::vector<double> grids{2.0, 1.4, 1.0, 0.7, 0.5};
  if (const char* list = std::getenv("BENCH_GRIDS")) {
    grids.clear();
    std::istringstream in(list);
    for (double h; in >> h;) grids.push_back(h);
  }
  const bool imex_only = std::getenv("BENCH_IMEX_ONLY") != nullptr;
  const char* rows_path = std::getenv("BENCH_ROWS");
  std::FILE* rows = rows_path != nullptr ? std::fopen(rows_path, "a") : nullptr;
  for (const double h : grids) {
    const double cells = std::round(kLength / h) * std::round(kW / h) * std::round(kW / h);
    if (cells > max_cells) {
      fmt::print("{:>6.2f} {:>9.0f} skipped (BENCH_MAX_CELLS={})\n", h, cells, cap);
      continue;
    }
    for (const VerticalScheme s : {VerticalScheme::Explicit, VerticalScheme::Implicit}) {
      if (imex_only && s == VerticalScheme::Explicit) continue;
      const Result r = run(h, s);
      if (rows != nullptr)
        fmt::print(rows, "{} {} {} {} {}\n", s == VerticalScheme::Explicit ? "twinlab_explicit" : "twinlab_imex", h,
                   r.cells, r.cpu_s, r.error);
      (s == VerticalScheme::Explicit ? ex : im).push_back(r);
      const double updates = static_cast<double>(r.steps) * static_cast<double>(r.cells);
      const double bytes = s == VerticalScheme::Explicit ? bytes_explicit : bytes_implicit;
      fmt::print("{:>6.2f} {:>9} {:<22} {:>6} {:>9.2f} {:>10.3e} {:>13.3e} {:>9.0f}%\n", h, r.cells,
                 s == VerticalScheme::Explicit ? "explicit" : "IMEX vertical", r.steps, r.cpu_s,
                 r.error, updates / r.cpu_s, 100.0 * updates / r.cpu_s * bytes / triad);
      std::fflush(stdout);
    }
  }
  if (rows != nullptr) std::fclose(rows);
  if (!imex_only) {
    fmt::print("\nCPU time at equal error (log-log interpolation between grid levels):\n");
    fmt::print("{:>10} {:>14} {:>14} {:>16}\n", "rel. L2", "explicit CPU s", "IMEX CPU s", "explicit / IMEX");
    for (const double e : {2e-2, 1e-2, 5e-3, 2e-3}) {
      const double a = cpu_at(ex, e), b = cpu_at(im, e);
      fmt::print("{:>10.0e} {:>14.3g} {:>14.3g} {:>16.2f}\n", e, a, b, a / b);
    }
  }
  fmt::print("\n% triad: cell-updates per CPU s x compulsory bytes per update ({} B explicit, {} B IMEX) / the "
             "triad's bytes per CPU s: the share of the machine's bandwidth limit the solver's traffic reaches.\n",
             bytes_explicit, bytes_implicit);
  fmt::print("OpenFOAM: bench/bench_eulerian_openfoam.sh runs scalarTransportFoam on these cases when it is "
             "installed (Debian's `openfoam`, not in scripts/setup.sh) and prints CPU at equal error.\n");
  return 0;
}
