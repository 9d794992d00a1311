// Gaussian plume kernel throughput: source-receptor evaluations per second on a 1000 x 1000 receptor grid
// with 10 sources, for the vectorised kernel (accumulate_plume_concentration) on 1 thread and on all
// threads, against a plain scalar reference measured in the same run (textbook formula: pow() for the
// sigmas, one exp per factor, no hoisting beyond the per-source rotation) and the 1.25e8 per-core target.
// Then the NumPy peer (bench/peers/numpy_plume.py, Debian's python3-numpy) on the same grid and sources,
// interleaved with the kernel on 1 thread (kernel, NumPy, kernel, NumPy, ...), process CPU time on both
// sides; the two concentration fields are compared.
// Run: build/bench/bench_plume [rounds=5]   (about 20 s)
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <numbers>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <omp.h>
#include <unistd.h>

#include "bench_support.hpp"
#include "twins/dispersion/gaussian_plume.hpp"

using namespace twinlab::twins::dispersion;

namespace {

constexpr double kTargetEvalsPerSecond = 1.25e8;
constexpr std::size_t kGrid = 1000;  // receptors per side
constexpr double kDomain_m = 10000.0;
constexpr double kReceptorHeight_m = 1.5;

struct Receptors {
  std::vector<double> x, y, z;
  ReceptorSpan span() const { return {x.data(), y.data(), z.data(), x.size()}; }
};

Receptors make_grid() {
  Receptors r;
  r.x.resize(kGrid * kGrid);
  r.y.resize(kGrid * kGrid);
  r.z.assign(kGrid * kGrid, kReceptorHeight_m);
  for (std::size_t j = 0; j < kGrid; ++j) {
    for (std::size_t i = 0; i < kGrid; ++i) {
      r.x[j * kGrid + i] = kDomain_m * static_cast<double>(i) / (kGrid - 1);
      r.y[j * kGrid + i] = kDomain_m * static_cast<double>(j) / (kGrid - 1);
    }
  }
  return r;
}

// Ten sources spread over the domain; `lid` > 0 puts a mixing lid over all of them.
std::vector<PlumeSource> make_sources(double lid_m) {
  std::vector<PlumeSource> s(10);
  for (std::size_t k = 0; k < s.size(); ++k) {
    const double f = static_cast<double>(k);
    s[k].x_m = 1000.0 + 700.0 * f;
    s[k].y_m = 2000.0 + 500.0 * std::fmod(3.0 * f, 10.0);
    s[k].emission_rate_kg_s = 0.1 + 0.05 * f;
    s[k].effective_height_m = 20.0 + 15.0 * f;
    s[k].wind_speed_m_s = 4.0 + 0.2 * f;
    s[k].wind_direction_deg = 250.0 + 4.0 * f;
    s[k].sigma = briggs_sigma_coefficients(k % 2 == 0 ? StabilityClass::D : StabilityClass::C, Terrain::Rural);
    s[k].mixing_height_m = lid_m;
  }
  return s;
}

// The plain scalar reference (no lid): what one writes first.
void scalar_reference(const std::vector<PlumeSource>& sources, const Receptors& r, std::vector<double>& out) {
  for (const PlumeSource& s : sources) {
    const double theta = s.wind_direction_deg * std::numbers::pi / 180.0;
    const double ex = -std::sin(theta), ey = -std::cos(theta);
    for (std::size_t i = 0; i < r.x.size(); ++i) {
      const double dx = r.x[i] - s.x_m, dy = r.y[i] - s.y_m;
      const double x = dx * ex + dy * ey, y = dy * ex - dx * ey;
      if (x <= 0.0) continue;
      const double sy = s.sigma.y.a * x * std::pow(1.0 + s.sigma.y.b_1_m * x, sigma_exponent(s.sigma.y.power));
      const double sz = s.sigma.z.a * x * std::pow(1.0 + s.sigma.z.b_1_m * x, sigma_exponent(s.sigma.z.power));
      const double h = s.effective_height_m, z = r.z[i];
      out[i] += s.emission_rate_kg_s / (2.0 * std::numbers::pi * s.wind_speed_m_s * sy * sz) *
                std::exp(-y * y / (2.0 * sy * sy)) *
                (std::exp(-(z - h) * (z - h) / (2.0 * sz * sz)) + std::exp(-(z + h) * (z + h) / (2.0 * sz * sz)));
    }
  }
}

template <class F>
double best_seconds(int repeats, F&& f) {
  double best = 1e300;
  for (int k = 0; k < repeats; ++k) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    const auto t1 = std::chrono::steady_clock::now();
    best = std::min(best, std::chrono::duration<double>(t1 - t0).count());
  }
  return best;
}

double max_relative_difference(const std::vector<double>& a, const std::vector<double>& b) {
  const double peak = *std::max_element(b.begin(), b.end());
  double worst = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    worst = std::max(worst, std::abs(a[i] - b[i]) / (std::abs(b[i]) + 1e-12 * peak));
  }
  return worst;
}

// The case file of bench/peers/numpy_plume.py: the grid, then one line per source (no lid, no decay).
void write_peer_case(const std::filesystem::path& path, const std::vector<PlumeSource>& sources) {
  std::ofstream out(path);
  out << fmt::format("{} {:.17g} {:.17g}\n", kGrid, kDomain_m, kReceptorHeight_m);
  for (const PlumeSource& s : sources) {
    out << fmt::format("{:.17g} {:.17g} {:.17g} {:.17g} {:.17g} {:.17g} {:.17g} {:.17g} {:.17g} {:.17g} {:.17g} {:.17g}\n",
                       s.x_m, s.y_m, s.emission_rate_kg_s, s.effective_height_m, s.wind_speed_m_s,
                       s.wind_direction_deg, s.sigma.y.a, s.sigma.y.b_1_m, sigma_exponent(s.sigma.y.power),
                       s.sigma.z.a, s.sigma.z.b_1_m, sigma_exponent(s.sigma.z.power));
  }
}

std::vector<double> read_doubles(const std::filesystem::path& path, std::size_t count) {
  std::vector<double> v(count);
  std::ifstream in(path, std::ios::binary);
  in.read(reinterpret_cast<char*>(v.data()), static_cast<std::streamsize>(count * sizeof(double)));
  if (!in) v.clear();
  return v;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

// Kernel (1 thread) and NumPy peer, interleaved, process CPU time on both sides.
void compare_with_numpy(const std::vector<PlumeSource>& sources, const Receptors& grid, int rounds) {
  namespace fs = std::filesystem;
  using twinlab_bench::process_cpu_s;
  const fs::path dir = fs::temp_directory_path() / fmt::format("twinlab_bench_plume_{}", getpid());
  fs::create_directories(dir);
  write_peer_case(dir / "case.txt", sources);
  const double evals = static_cast<double>(grid.x.size() * sources.size());
  std::vector<double> out(grid.x.size());
  std::vector<double> ratios;
  double agreement = -1.0;
  fmt::print("\nNumPy peer (bench/peers/numpy_plume.py under {}): same grid and sources, no lid; kernel on 1 thread "
             "and NumPy interleaved, process CPU time of the computation on both sides\n",
             twinlab_bench::peer_python());
  fmt::print("{:>5} {:>16} {:>16} {:>14} {:>14} {:>14}\n", "round", "kernel cpu s", "NumPy cpu s", "kernel evals/s",
             "NumPy evals/s", "kernel/NumPy");
  for (int r = 0; r < rounds; ++r) {
    std::fill(out.begin(), out.end(), 0.0);
    const double t0 = process_cpu_s();
    accumulate_plume_concentration(sources, grid.span(), out.data(), 1);
    const double kernel_s = process_cpu_s() - t0;
    std::vector<std::string> args{(dir / "case.txt").string()};
    if (r == 0) args.push_back((dir / "numpy.raw").string());
    const auto peer = twinlab_bench::run_peer("numpy_plume.py", args);
    if (!peer || peer->size() < 2 || (*peer)[0] != evals) {
      fmt::print("NumPy peer did not run (needs {} with python3-numpy); no comparison\n", twinlab_bench::peer_python());
      fs::remove_all(dir);
      return;
    }
    const double numpy_s = (*peer)[1];
    if (r == 0) {
      const std::vector<double> numpy = read_doubles(dir / "numpy.raw", out.size());
      if (!numpy.empty()) agreement = max_relative_difference(out, numpy);
    }
    ratios.push_back(numpy_s / kernel_s);
    fmt::print("{:>5} {:>16.4f} {:>16.4f} {:>14.3e} {:>14.3e} {:>14.2f}\n", r + 1, kernel_s, numpy_s, evals / kernel_s,
               evals / numpy_s, numpy_s / kernel_s);
  }
  fmt::print("kernel (1 thread) vs NumPy per CPU second: median {:.2f}x, range {:.2f}x - {:.2f}x over {} rounds\n",
             median(ratios), *std::min_element(ratios.begin(), ratios.end()),
             *std::max_element(ratios.begin(), ratios.end()), rounds);
  fmt::print("kernel vs NumPy concentrations: max relative difference {:.2e} (1e-12 of the peak as floor)\n",
             agreement);
  fs::remove_all(dir);
}

}  // namespace

int main(int argc, char** argv) {
  const int rounds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
  const Receptors grid = make_grid();
  const std::vector<PlumeSource> open = make_sources(0.0), lidded = make_sources(400.0);
  const double evals = static_cast<double>(grid.x.size() * open.size());
  const int all_threads = omp_get_max_threads();
  std::vector<double> ref(grid.x.size()), out(grid.x.size());

  struct Row {
    std::string name;
    int threads;
    double seconds;
  };
  std::vector<Row> rows;
  const double t_ref = best_seconds(2, [&] {
    std::fill(ref.begin(), ref.end(), 0.0);
    scalar_reference(open, grid, ref);
  });
  rows.push_back({"scalar reference", 1, t_ref});
  auto run_kernel = [&](const std::vector<PlumeSource>& sources, int threads) {
    return best_seconds(5, [&] {
      std::fill(out.begin(), out.end(), 0.0);
      accumulate_plume_concentration(sources, grid.span(), out.data(), threads);
    });
  };
  rows.push_back({"kernel, no lid", 1, run_kernel(open, 1)});
  const double agreement = max_relative_difference(out, ref);
  rows.push_back({"kernel, no lid", all_threads, run_kernel(open, all_threads)});
  rows.push_back({"kernel, lid 400 m (images)", 1, run_kernel(lidded, 1)});
  rows.push_back({"kernel, lid 400 m (images)", all_threads, run_kernel(lidded, all_threads)});

  fmt::print("Gaussian plume kernel: {} x {} receptors x {} sources = {:.3g} evaluations per pass (best of runs)\n",
             kGrid, kGrid, open.size(), evals);
  fmt::print("{:<28} {:>7} {:>11} {:>9} {:>12} {:>12} {:>9} {:>9}\n", "implementation", "threads",
             "evaluations", "seconds", "evals/s", "per core", "vs scalar", "vs target");
  for (const Row& r : rows) {
    const double rate = evals / r.seconds, per_core = rate / r.threads;
    fmt::print("{:<28} {:>7} {:>11.3g} {:>9.4f} {:>12.3e} {:>12.3e} {:>9.2f} {:>9.2f}\n", r.name, r.threads, evals,
               r.seconds, rate, per_core, t_ref / r.seconds, per_core / kTargetEvalsPerSecond);
  }
  fmt::print("kernel vs scalar reference, no lid: max relative difference {:.2e} (1e-12 of the peak as floor)\n",
             agreement);
  fmt::print("wall time, best of runs; 'vs target' uses the per-core rate against the fixed {:.3g} evals/s.\n",
             kTargetEvalsPerSecond);
  compare_with_numpy(open, grid, rounds);
  return 0;
}
