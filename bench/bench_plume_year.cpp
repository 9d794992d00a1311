// A year of hourly Gaussian plume results with averaging periods, ranks and limits, on one core: 8 760 hourly
// periods x 10 sources x 10 000 receptors (8.76e8 source-receptor evaluations), then per receptor the 1 h
// values, 8 h rolling means, calendar-day means and the annual mean (EPA calms rule), the 25 highest of each,
// the 99th percentile of daily maximum 1 h values and four limits (EU SO2 hourly and daily, a US-style
// percentile limit, an annual mean). Target (issue 14): under 5 s on one core.
// Beside it, the NumPy peer (bench/peers/numpy_plume_year.py, Debian's python3-numpy) computes the same sums
// on the same case in the same run; both report process CPU time and the design values are compared.
// Synthetic meteorology: a seeded random walk of the wind direction, speeds 1-9 m/s, Pasquill classes by time
// of day (B/C by day, D in wind, E/F at night), 3 % calm and 1 % missing hours; no mixing lid (the peer does
// not sum image series).
// Run: build/bench/bench_plume_year [rounds=2]   (about 1 min with the peer)
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <unistd.h>

#include "bench_support.hpp"
#include "twins/dispersion/averaging_blocks.hpp"
#include "twins/dispersion/gaussian_plume.hpp"

using namespace twinlab::twins::dispersion;

namespace {

constexpr std::size_t kHours = 8760, kSources = 10, kSide = 100;  // 100 x 100 = 10 000 receptors
constexpr double kDomain_m = 5000.0;
constexpr std::size_t kRanks = 25;
// NumPy takes about 15 s of CPU per 1 000 receptors here: it computes the first kPeerReceptors receptors (the
// same sums per receptor), and the ratio is taken per evaluation.
constexpr std::size_t kPeerReceptors = 1000;

struct Case {
  std::vector<double> rx, ry, rz;
  std::vector<std::vector<PlumeSource>> sources;  // [hour][source]
  PeriodClock clock;
  std::vector<Limit> limits;
};

Case make_case() {
  Case c;
  for (std::size_t j = 0; j < kSide; ++j)
    for (std::size_t i = 0; i < kSide; ++i) {
      c.rx.push_back(kDomain_m * static_cast<double>(i) / (kSide - 1));
      c.ry.push_back(kDomain_m * static_cast<double>(j) / (kSide - 1));
      c.rz.push_back(1.5);
    }
  std::mt19937_64 rng(20260314);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  double direction = 250.0;
  for (std::size_t h = 0; h < kHours; ++h) {
    c.clock.start_s.push_back(3600.0 * static_cast<double>(h));
    c.clock.duration_s.push_back(3600.0);
    const double u = unit(rng);
    c.clock.status.push_back(u < 0.03 ? PeriodStatus::Calm : u < 0.04 ? PeriodStatus::Missing : PeriodStatus::Valid);
    direction = std::fmod(direction + 40.0 * (unit(rng) - 0.5) + 360.0, 360.0);
    const double speed = 1.0 + 8.0 * unit(rng);
    const std::size_t hour_of_day = h % 24;
    const bool day = hour_of_day >= 8 && hour_of_day < 18;
    const StabilityClass cls = speed > 6.0 ? StabilityClass::D
                               : day       ? (speed < 3.0 ? StabilityClass::B : StabilityClass::C)
                                           : (speed < 3.0 ? StabilityClass::F : StabilityClass::E);
    std::vector<PlumeSource> period(kSources);
    for (std::size_t k = 0; k < kSources; ++k) {
      const double f = static_cast<double>(k);
      PlumeSource& s = period[k];
      s.x_m = 800.0 + 350.0 * f;
      s.y_m = 1000.0 + 300.0 * std::fmod(3.0 * f, 10.0);
      s.emission_rate_kg_s = 0.05 + 0.03 * f;
      s.effective_height_m = 30.0 + 10.0 * f + 60.0 / speed;  // stack plus a rise falling with the wind
      s.wind_speed_m_s = speed * std::pow(s.effective_height_m / 10.0, 0.15);
      s.wind_direction_deg = direction;
      s.sigma = briggs_sigma_coefficients(cls, Terrain::Rural);
    }
    c.sources.push_back(period);
  }
  c.limits = {
      {"eu_so2_hourly", 350e-9, AveragingPeriod::OneHour, 24, LimitStatistic::NthHighest, 99.0, "EU 2008/50/EC"},
      {"eu_so2_daily", 125e-9, AveragingPeriod::Day, 3, LimitStatistic::NthHighest, 99.0, "EU 2008/50/EC"},
      {"us_so2_1h", 196e-9, AveragingPeriod::OneHour, 0, LimitStatistic::PercentileOfDailyMaxima, 99.0, "40 CFR 50"},
      {"annual", 20e-9, AveragingPeriod::Period, 0, LimitStatistic::NthHighest, 99.0, "EU 2008/50/EC"},
  };
  return c;
}

struct Timing {
  double cpu_s = 0.0, wall_s = 0.0;
};

SeriesStatistics run_twinlab(const Case& c, Timing& timing) {
  const double cpu0 = twinlab_bench::process_cpu_s();
  const auto wall0 = std::chrono::steady_clock::now();
  std::vector<std::vector<PreparedPlumeSource>> prepared(kHours);
  for (std::size_t h = 0; h < kHours; ++h)
    if (c.clock.status[h] == PeriodStatus::Valid) prepared[h] = prepare_plume_sources(c.sources[h]);
  const ReceptorSpan span{c.rx.data(), c.ry.data(), c.rz.data(), c.rx.size()};
  SeriesRequest request;
  request.ranks = kRanks;
  request.threads = 1;
  SeriesStatistics s = plume_series_statistics(prepared, span, c.clock, c.limits, request);
  timing.cpu_s = twinlab_bench::process_cpu_s() - cpu0;
  timing.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
  return s;
}

// Case file of the peer: text header, then raw float64 arrays (see bench/peers/numpy_plume_year.py).
void write_peer_case(const std::filesystem::path& dir, const Case& c) {
  std::ofstream header(dir / "case.txt");
  header << fmt::format("{} {} {} {} {}\n", kHours, kSources, c.rx.size(), kRanks, kPeerReceptors);
  std::vector<double> receptors;
  receptors.insert(receptors.end(), c.rx.begin(), c.rx.end());
  receptors.insert(receptors.end(), c.ry.begin(), c.ry.end());
  receptors.insert(receptors.end(), c.rz.begin(), c.rz.end());
  std::ofstream(dir / "receptors.raw", std::ios::binary)
      .write(reinterpret_cast<const char*>(receptors.data()), static_cast<std::streamsize>(receptors.size() * 8));
  std::vector<double> table, status;
  for (std::size_t h = 0; h < kHours; ++h) {
    status.push_back(c.clock.status[h] == PeriodStatus::Valid ? 1.0 : 0.0);
    for (const PlumeSource& s : c.sources[h]) {
      const double row[] = {s.x_m, s.y_m, s.emission_rate_kg_s, s.effective_height_m, s.wind_speed_m_s,
                            s.wind_direction_deg, s.sigma.y.a, s.sigma.y.b_1_m, sigma_exponent(s.sigma.y.power),
                            s.sigma.z.a, s.sigma.z.b_1_m, sigma_exponent(s.sigma.z.power)};
      table.insert(table.end(), std::begin(row), std::end(row));
    }
  }
  std::ofstream(dir / "sources.raw", std::ios::binary)
      .write(reinterpret_cast<const char*>(table.data()), static_cast<std::streamsize>(table.size() * 8));
  std::ofstream(dir / "status.raw", std::ios::binary)
      .write(reinterpret_cast<const char*>(status.data()), static_cast<std::streamsize>(status.size() * 8));
}

std::vector<double> read_doubles(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return {};
  const auto bytes = static_cast<std::size_t>(in.tellg());
  std::vector<double> v(bytes / 8);
  in.seekg(0);
  in.read(reinterpret_cast<char*>(v.data()), static_cast<std::streamsize>(bytes));
  return v;
}

// The averaging and ranks alone, on given series (a [period][receptor] slab of `receptors`), CPU s.
double averaging_only_cpu_s(const Case& c, std::size_t receptors) {
  std::vector<double> values(kHours * receptors);
  std::mt19937_64 rng(7);
  std::exponential_distribution<double> conc(1.0 / 50e-9);
  for (double& v : values) v = conc(rng);
  const double cpu0 = twinlab_bench::process_cpu_s();
  const SeriesStatistics s = series_statistics(values.data(), receptors, c.clock, c.limits, kRanks);
  const double cpu = twinlab_bench::process_cpu_s() - cpu0;
  return s.receptors == receptors ? cpu : std::nan("");
}

}  // namespace

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  const int rounds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 2;
  const Case c = make_case();
  const double evals = static_cast<double>(kHours * kSources * c.rx.size());
  std::size_t valid = 0;
  for (auto s : c.clock.status) valid += s == PeriodStatus::Valid;
  fmt::print("A year of hourly plume results: {} h ({} valid, calm/missing skipped) x {} sources x {} receptors = "
             "{:.3g} evaluations, then 1 h / 8 h / 24 h / annual means, {} ranks each, 4 limits, 1 core\n",
             kHours, valid, kSources, c.rx.size(), evals, kRanks);

  const fs::path dir = fs::temp_directory_path() / fmt::format("twinlab_bench_plume_year_{}", getpid());
  fs::create_directories(dir);
  write_peer_case(dir, c);
  fmt::print("twinlab: all {} receptors; NumPy: the first {} (same sums per receptor), ratio per evaluation; "
             "process CPU time on both sides\n", c.rx.size(), kPeerReceptors);
  fmt::print("{:>5} {:>14} {:>14} {:>16} {:>14} {:>14} {:>12} {:>8}\n", "round", "twinlab cpu s", "twinlab wall s",
             "NumPy cpu s (1k)", "evals/s tw", "evals/s NumPy", "tw x faster", "< 5 s");
  SeriesStatistics stats;
  std::vector<double> numpy_dv;
  for (int r = 0; r < rounds; ++r) {
    Timing t;
    stats = run_twinlab(c, t);
    std::vector<std::string> args{dir.string()};
    if (r == 0) args.push_back((dir / "numpy_dv.raw").string());
    const auto peer = twinlab_bench::run_peer("numpy_plume_year.py", args);
    const double numpy_s = peer && peer->size() >= 2 ? (*peer)[1] : std::nan("");
    if (r == 0) numpy_dv = read_doubles(dir / "numpy_dv.raw");
    const double peer_evals = static_cast<double>(kHours * kSources * kPeerReceptors);
    const double ratio = (numpy_s / peer_evals) / (t.cpu_s / evals);  // per evaluation
    fmt::print("{:>5} {:>14.3f} {:>14.3f} {:>16.3f} {:>14.3e} {:>14.3e} {:>12.1f} {:>8}\n", r + 1, t.cpu_s, t.wall_s,
               numpy_s, evals / t.cpu_s, peer_evals / numpy_s, ratio, t.cpu_s < 5.0 ? "yes" : "NO");
  }
  const double averaging_s = averaging_only_cpu_s(c, 1000) * static_cast<double>(c.rx.size()) / 1000.0;
  fmt::print("of which averaging, ranks and limits on given series: {:.3f} cpu s for {} receptors (1 000 measured, "
             "scaled)\n", averaging_s, c.rx.size());
  // Agreement of the design values (4 limits x the peer's receptors).
  if (numpy_dv.size() == 4 * kPeerReceptors) {
    double worst = 0.0, peak = 0.0;
    std::size_t worst_at = 0;
    for (double v : stats.design_value_kg_m3) peak = std::max(peak, v);
    for (std::size_t l = 0; l < 4; ++l)
      for (std::size_t i = 0; i < kPeerReceptors; ++i) {
        const double a = stats.design_value_kg_m3[l * stats.receptors + i], b = numpy_dv[l * kPeerReceptors + i];
        const double d = std::abs(a - b) / (std::abs(b) + 1e-12 * peak);
        if (d > worst) {
          worst = d;
          worst_at = l * kPeerReceptors + i;
        }
      }
    const std::size_t l = worst_at / kPeerReceptors, i = worst_at % kPeerReceptors;
    fmt::print("design values twinlab vs NumPy: max relative difference {:.2e} over {} (limit, receptor) pairs "
               "(worst: {} at receptor {}: {:.6g} vs {:.6g} ug/m^3)\n", worst, numpy_dv.size(), c.limits[l].name, i,
               stats.design_value_kg_m3[l * stats.receptors + i] * 1e9, numpy_dv[worst_at] * 1e9);
  } else {
    fmt::print("NumPy peer did not run or wrote no design values (needs {} with python3-numpy)\n",
               twinlab_bench::peer_python());
  }
  double dv_max[4] = {0, 0, 0, 0};
  std::int64_t exc_max[4] = {0, 0, 0, 0};
  for (std::size_t l = 0; l < 4; ++l)
    for (std::size_t i = 0; i < stats.receptors; ++i) {
      dv_max[l] = std::max(dv_max[l], stats.design_value_kg_m3[l * stats.receptors + i]);
      exc_max[l] = std::max(exc_max[l], stats.exceedances[l * stats.receptors + i]);
    }
  for (std::size_t l = 0; l < 4; ++l)
    fmt::print("  {:<14} highest design value {:9.2f} ug/m^3, most exceedances {}\n", c.limits[l].name, dv_max[l] * 1e9,
               exc_max[l]);
  fs::remove_all(dir);
  return 0;
}
