// Sobol' indices against a peer: OpenTURNS 1.20 (Debian's python3-openturns) computes Jansen first-order and
// total indices from the same scrambled Saltelli design and the same Ishigami outputs (a = 7, b = 0.1,
// N = 2^14 base rows, d = 3: 81920 runs), read from a temporary CSV. Like is compared with like: OpenTURNS
// normalises by the sample variance of f(A) with divisor N - 1 and divides the Jansen sums by 2N - 1, twinlab by
// the variance of f(A) and f(B) together (divisor 2N) and 2N; the bench rescales OpenTURNS's indices to
// twinlab's normalisation (exact algebra, see docs/sensitivity.md), so the two must agree to round-off.
// Times: the fastest of several point estimates, and one estimate with a 1000-resample bootstrap interval
// (OpenTURNS's time is measured inside Python, without interpreter start-up and CSV reading).
//
// Run from the repository root: build/bench/bench_sensitivity [peer_script=bench/peers/openturns_sobol.py]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <numbers>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <omp.h>
#include <unistd.h>

#include "sim/design/saltelli_sampler.hpp"
#include "sim/sensitivity/sobol_indices.hpp"

using namespace twinlab::sim;

namespace {

constexpr std::size_t kDimension = 3;
constexpr std::size_t kBaseRows = std::size_t{1} << 14;
constexpr std::size_t kBootstrap = 1000;
constexpr int kRepeats = 20;

double ishigami(const std::vector<double>& u) {
  const double pi = std::numbers::pi;
  const double x1 = -pi + 2 * pi * u[0], x2 = -pi + 2 * pi * u[1], x3 = -pi + 2 * pi * u[2];
  return std::sin(x1) + 7.0 * std::sin(x2) * std::sin(x2) + 0.1 * std::pow(x3, 4) * std::sin(x1);
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

struct Peer {
  std::string version, error;
  std::vector<double> first, total;
  double seconds_point = NAN, seconds_bootstrap = NAN;
};

Peer run_peer(const std::string& script, const std::string& csv) {
  Peer peer;
  if (!std::filesystem::exists(script)) {
    peer.error = script + " not found (run from the repository root, or pass the script's path)";
    return peer;
  }
  const std::string command = "/usr/bin/python3 " + script + " " + csv + " " + std::to_string(kBaseRows) + " 5 " +
                              std::to_string(kBootstrap) + " 2>/dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) {
    peer.error = "cannot start /usr/bin/python3";
    return peer;
  }
  std::string text;
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, pipe)) text += buffer;
  const int status = pclose(pipe);
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::string key;
    words >> key;
    double v;
    if (key == "version") words >> peer.version;
    else if (key == "first") while (words >> v) peer.first.push_back(v);
    else if (key == "total") while (words >> v) peer.total.push_back(v);
    else if (key == "seconds_point") words >> peer.seconds_point;
    else if (key == "seconds_bootstrap") words >> peer.seconds_bootstrap;
    else if (key == "error") peer.error = line.substr(6);
  }
  if (peer.error.empty() && (status != 0 || peer.first.size() != kDimension || peer.total.size() != kDimension))
    peer.error = "the peer failed (exit status " + std::to_string(status) + ")";
  return peer;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string script = argc > 1 ? argv[1] : "bench/peers/openturns_sobol.py";

  // Design and outputs.
  auto start = std::chrono::steady_clock::now();
  const design::SaltelliSampler design(kDimension, kBaseRows, true, 1);
  std::vector<double> y(design.count());
  std::vector<std::vector<double>> x(design.count());
  for (std::size_t i = 0; i < design.count(); ++i) {
    x[i] = design.point(i);
    y[i] = ishigami(x[i]);
  }
  const double design_seconds = seconds_since(start);

  // Twinlab's estimates: fastest of kRepeats point estimates, then one with the bootstrap.
  sensitivity::SobolIndexOptions jansen;
  jansen.first_order = sensitivity::FirstOrderEstimator::Jansen1999;
  jansen.bootstrap.resamples = 0;
  sensitivity::SobolIndexOptions saltelli = jansen;
  saltelli.first_order = sensitivity::FirstOrderEstimator::Saltelli2010;
  sensitivity::SobolIndices ours, ours_saltelli;
  double ours_point = INFINITY;
  for (int k = 0; k < kRepeats; ++k) {
    start = std::chrono::steady_clock::now();
    ours = sensitivity::estimate_sobol_indices(y, kDimension, kBaseRows, jansen);
    ours_point = std::min(ours_point, seconds_since(start));
  }
  ours_saltelli = sensitivity::estimate_sobol_indices(y, kDimension, kBaseRows, saltelli);
  sensitivity::SobolIndexOptions with_bootstrap = jansen;
  with_bootstrap.bootstrap.resamples = kBootstrap;
  start = std::chrono::steady_clock::now();
  const auto ours_ci = sensitivity::estimate_sobol_indices(y, kDimension, kBaseRows, with_bootstrap);
  const double ours_bootstrap = seconds_since(start);

  // The peer, on the same numbers.
  const std::filesystem::path csv =
      std::filesystem::temp_directory_path() / ("twinlab_bench_sensitivity_" + std::to_string(getpid()) + ".csv");
  {
    FILE* f = std::fopen(csv.c_str(), "w");
    if (!f) {
      fmt::print(stderr, "cannot write {}\n", csv.string());
      return 1;
    }
    std::fprintf(f, "x1,x2,x3,y\n");
    for (std::size_t i = 0; i < design.count(); ++i)
      std::fprintf(f, "%.17g,%.17g,%.17g,%.17g\n", x[i][0], x[i][1], x[i][2], y[i]);
    std::fclose(f);
  }
  const Peer peer = run_peer(script, csv.string());
  std::filesystem::remove(csv);

  // OpenTURNS's normalisation -> twinlab's: both indices are the same sums over rows, scaled by
  // 1 / ((2N - 1) var_{N-1}(f(A))) there and 1 / (2N V) here.
  const double n = static_cast<double>(kBaseRows);
  double mean_a = 0.0;
  for (std::size_t r = 0; r < kBaseRows; ++r) mean_a += y[r];
  mean_a /= n;
  double var_a = 0.0;
  for (std::size_t r = 0; r < kBaseRows; ++r) var_a += (y[r] - mean_a) * (y[r] - mean_a);
  var_a /= n - 1.0;
  const double scale = (2.0 * n - 1.0) * var_a / (2.0 * n * ours.variance);

  const double pi = std::numbers::pi, a = 7.0, b = 0.1;
  const double V = a * a / 8 + b * std::pow(pi, 4) / 5 + b * b * std::pow(pi, 8) / 18 + 0.5;
  const double V1 = 0.5 * std::pow(1 + b * std::pow(pi, 4) / 5, 2), V2 = a * a / 8, V13 = 8 * b * b * std::pow(pi, 8) / 225;
  const double exact_first[3] = {V1 / V, V2 / V, 0.0}, exact_total[3] = {(V1 + V13) / V, V2 / V, V13 / V};

  fmt::print("Sobol' indices of Ishigami (a=7, b=0.1), scrambled Saltelli design, N = {} base rows, {} runs\n",
             kBaseRows, design.count());
  fmt::print("design + outputs: {:.3f} s; peer: {}\n\n", design_seconds,
             peer.error.empty() ? "OpenTURNS " + peer.version : "unavailable: " + peer.error);
  fmt::print("{:<6} {:>9} {:>11} {:>11} {:>11} {:>9} {:>21}\n", "index", "exact", "Saltelli10", "Jansen",
             "OpenTURNS", "|diff|", "95% bootstrap (ours)");
  double max_diff = 0.0;
  for (int kind = 0; kind < 2; ++kind)
    for (std::size_t i = 0; i < kDimension; ++i) {
      const bool first = kind == 0;
      const double mine = first ? ours.first_order[i].value : ours.total_order[i].value;
      double theirs = NAN;
      if (peer.error.empty()) theirs = first ? 1.0 - (1.0 - peer.first[i]) * scale : peer.total[i] * scale;
      const double diff = std::abs(mine - theirs);
      if (peer.error.empty()) max_diff = std::max(max_diff, diff);
      const auto& ci = first ? ours_ci.first_order[i] : ours_ci.total_order[i];
      fmt::print("{:<6} {:>9.5f} {:>11} {:>11.7f} {:>11.7f} {:>9.1e}   [{:.4f}, {:.4f}]\n",
                 fmt::format("{}{}", first ? "S" : "ST", i + 1), first ? exact_first[i] : exact_total[i],
                 first ? fmt::format("{:.7f}", ours_saltelli.first_order[i].value) : std::string("-"), mine, theirs,
                 diff, ci.lower, ci.upper);
    }
  if (peer.error.empty()) fmt::print("max |twinlab - OpenTURNS| (Jansen, same normalisation): {:.2e}\n", max_diff);

  fmt::print("\n{:<42} {:>12} {:>12} {:>8}\n", "time per estimate (3 first + 3 total)", "twinlab", "OpenTURNS", "ratio");
  const auto row = [&](const char* what, double ours_s, double theirs_s) {
    fmt::print("{:<42} {:>10.2f}ms {:>10.2f}ms {:>8.1f}\n", what, 1e3 * ours_s, 1e3 * theirs_s, theirs_s / ours_s);
  };
  row("point estimate (fastest of repeats)", ours_point, peer.seconds_point);
  row(fmt::format("with {}-resample bootstrap intervals", kBootstrap).c_str(), ours_bootstrap, peer.seconds_bootstrap);
  fmt::print("(twinlab bootstrap on {} OpenMP threads; OpenTURNS uses TBB, and smooths its bootstrap sample with a "
             "kernel before taking quantiles)\n", omp_get_max_threads());
  return peer.error.empty() && max_diff > 1e-10 ? 1 : 0;
}
