// Scalar surrogate benchmark (issue #16): inference rate and latency of twinlab's deep ensemble on ONE thread,
// the BLAS in use, the speed-up against the physics twin on the same samples, and scikit-learn peers on the same
// runs and split (bench/peers/sklearn_surrogate.py under Debian's Python: GaussianProcessRegressor, MLPRegressor).
//
// 1. Data and models: `twinlab sweep` of scenarios/examples/studies/plume_surrogate.yaml (256 Sobol' runs of the
//    urban plume: wind speed, stack height, emission rate -> max ground-level concentration, town hall peak),
//    `twinlab train` with the defaults (5 members, 64,64: the size the plume KPIs need) and with --members 1 (one
//    member of that size). Training runs with OMP_NUM_THREADS=1 (timed: wall and CPU of the child).
// 2. Inference through SurrogateModel::predict (the path of `twinlab predict`: raw float64 in, mean and std of
//    every output out), set_inference_threads(1): samples/s at batch 1, 64 and 4096 (thread CPU time, so other
//    processes on a shared machine do not count), and the wall-clock latency of single-sample calls (median,
//    p99). Targets: >= 1e6 samples/s batched for one member, single call well under 50 us.
// 3. Physics: the twin run in process through the twin interface (load_scenario + build_twin + run, as a sweep
//    runs it) on the model's test runs; surrogate on the same samples; speed-up = physics time per sample /
//    surrogate time per sample (single call, and batched). More cases (the Eulerian field with a field model):
//    add an entry to physics_cases().
// 4. Peers: accuracy and calibration on the test runs for every method, twinlab's model.pt included, computed by
//    one function in the peer script; training time; inference rate (batch 4096) and latency.
//
// Run: build/bench/bench_surrogate [WORK_DIR]   (a few minutes; WORK_DIR: reuse its study and models if there)
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "bench_support.hpp"
#include "io/study_read.hpp"
#include "scenarios/scenario.hpp"
#include "scenarios/twin.hpp"
#include "surrogates/scalar_surrogate.hpp"
#include "surrogates/torch_runtime.hpp"

namespace fs = std::filesystem;
using twinlab::surrogates::SurrogateModel;
using twinlab_bench::thread_cpu_s;

namespace {

constexpr double kTargetRate = 1e6;      // samples/s, one member, batched, one core
constexpr double kTargetLatency_s = 50e-6;
constexpr double kTargetSpeedup = 1000.0;

const std::string kSource = TWINLAB_SOURCE_DIR;
const std::string kTwinlab = TWINLAB_BINARY;

double wall_s() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

double children_cpu_s() {
  rusage u{};
  getrusage(RUSAGE_CHILDREN, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         1e-6 * static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

struct Timed {
  double wall = 0, cpu = 0;
};

Timed shell(const std::string& command) {
  const double w = wall_s(), c = children_cpu_s();
  const int rc = std::system(command.c_str());
  if (rc != 0) {
    fmt::print(stderr, "bench_surrogate: `{}` failed (status {})\n", command, rc);
    std::exit(1);
  }
  return {wall_s() - w, children_cpu_s() - c};
}

double quantile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(q * static_cast<double>(v.size() - 1) + 0.5)];
}

// Random points in the model's training domain (log-uniform for inputs learnt in log10).
std::vector<double> domain_points(const SurrogateModel& model, std::size_t rows, std::uint64_t seed) {
  std::mt19937_64 engine(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<double> x;
  for (std::size_t r = 0; r < rows; ++r) {
    for (const auto& in : model.card().inputs) {
      const bool log = in.scaling && in.scaling->log10 && in.min > 0;
      const double f = u(engine);
      x.push_back(log ? in.min * std::pow(in.max / in.min, f) : in.min + f * (in.max - in.min));
    }
  }
  return x;
}

// The two prediction paths: the exact one (model.pt's forward in float64 through LibTorch's interpreter: what
// `twinlab predict` uses) and the native float32 one (Eigen) for screening.
using PredictFn = twinlab::surrogates::Prediction (SurrogateModel::*)(std::span<const double>, std::size_t) const;

struct Rate {
  double per_s_cpu = 0, per_s_wall = 0;
};

// Samples/s of predict() at a batch size: calls repeated for >= 0.5 s of thread CPU time.
Rate batched_rate(const SurrogateModel& model, PredictFn predict, const std::vector<double>& pool,
                  std::size_t pool_rows, std::size_t batch) {
  const std::size_t d = model.card().inputs.size();
  double sink = 0;
  for (int i = 0; i < 3; ++i) sink += (model.*predict)(std::span(pool.data(), batch * d), batch).mean[0];  // warm-up
  std::size_t samples = 0, offset = 0;
  const double c0 = thread_cpu_s(), w0 = wall_s();
  while (thread_cpu_s() - c0 < 0.5) {
    if (offset + batch > pool_rows) offset = 0;
    sink += (model.*predict)(std::span(pool.data() + offset * d, batch * d), batch).mean[0];
    samples += batch;
    offset += batch;
  }
  const double cpu = thread_cpu_s() - c0, wall = wall_s() - w0;
  if (!std::isfinite(sink)) fmt::print("(non-finite prediction)\n");
  return {static_cast<double>(samples) / cpu, static_cast<double>(samples) / wall};
}

struct Latency {
  double median_s = 0, p99_s = 0;
};

Latency single_latency(const SurrogateModel& model, PredictFn predict, const std::vector<double>& pool,
                       std::size_t calls) {
  const std::size_t d = model.card().inputs.size();
  std::vector<double> t;
  t.reserve(calls);
  for (std::size_t i = 0; i < calls; ++i) {
    const auto start = std::chrono::steady_clock::now();
    const auto p = (model.*predict)(std::span(pool.data() + i * d, d), 1);
    t.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    if (!std::isfinite(p.mean[0])) fmt::print("(non-finite prediction)\n");
  }
  return {quantile(t, 0.5), quantile(t, 0.99)};
}

// A physics twin and the surrogate of its KPIs, compared on the model's test runs.
struct PhysicsCase {
  std::string label;
  fs::path scenario;    // the study's base scenario
  std::uint64_t seed;   // the study's seed (every run shares it)
  fs::path study_h5;    // the sweep the model was trained on
  fs::path model_dir;
};

struct PhysicsResult {
  std::size_t samples = 0;
  double physics_median_s = 0, physics_run_only_median_s = 0;
  double single_s[2] = {0, 0}, batched_s[2] = {0, 0};  // per sample, [exact, native]
  double max_relative_kpi_mismatch = 0;  // physics re-run vs study.h5 (must be ~0: same samples)
};

PhysicsResult compare_with_physics(const PhysicsCase& pc) {
  const SurrogateModel model = SurrogateModel::load(pc.model_dir);
  const auto& card = model.card();
  const twinlab::io::RunTable table = twinlab::io::read_study_h5(pc.study_h5);
  std::vector<std::size_t> rows;
  for (std::int64_t id : card.split->test)
    for (std::size_t r = 0; r < table.rows(); ++r)
      if (table.runs[r] == id) rows.push_back(r);
  const std::size_t d = card.inputs.size();
  std::vector<double> x;
  PhysicsResult res;
  std::vector<double> full, run_only;
  const auto doc = twinlab::scenarios::read_scenario_document(pc.scenario);
  for (std::size_t r : rows) {
    std::vector<std::string> overrides;
    for (const auto& in : card.inputs) {
      const double v = table.find(in.name)->values[r];
      x.push_back(v);
      overrides.push_back(fmt::format("{}={:.17g}", in.name, v));
    }
    const double t0 = wall_s();
    const auto scenario = twinlab::scenarios::load_scenario(doc, overrides, pc.seed);
    const auto twin = twinlab::scenarios::build_twin(scenario, false);
    const double t1 = wall_s();
    const auto run = twin->run(twinlab::scenarios::RunSettings{pc.seed, 1, false});
    const double t2 = wall_s();
    full.push_back(t2 - t0);
    run_only.push_back(t2 - t1);
    for (const auto& k : run->kpis()) {
      for (const auto& out : card.outputs) {
        if (out.name != k.name) continue;
        const double stored = table.find(out.name)->values[r];
        res.max_relative_kpi_mismatch = std::max(res.max_relative_kpi_mismatch, std::abs(k.value - stored) / std::abs(stored));
      }
    }
  }
  res.samples = rows.size();
  res.physics_median_s = quantile(full, 0.5);
  res.physics_run_only_median_s = quantile(run_only, 0.5);
  const PredictFn paths[2] = {&SurrogateModel::predict, &SurrogateModel::predict_fast};
  for (int k = 0; k < 2; ++k) {
    std::vector<double> single;
    for (int repeat = 0; repeat < 50; ++repeat) {
      for (std::size_t i = 0; i < rows.size(); ++i) {
        const double t0 = wall_s();
        (model.*paths[k])(std::span(x.data() + i * d, d), 1);
        single.push_back(wall_s() - t0);
      }
    }
    res.single_s[k] = quantile(single, 0.5);
    const double c0 = thread_cpu_s();
    int calls = 0;
    while (thread_cpu_s() - c0 < 0.3) {
      (model.*paths[k])(x, rows.size());
      ++calls;
    }
    res.batched_s[k] = (thread_cpu_s() - c0) / (calls * static_cast<double>(rows.size()));
  }
  return res;
}

std::string pct(const nlohmann::json& o, const char* key) {
  return o.contains(key) ? fmt::format("{:.1f}%", 100.0 * o.at(key).get<double>()) : std::string("-");
}

void print_peers(const nlohmann::json& peers, double twinlab_train_cpu, double twinlab_train_wall, double rate_4096,
                 const Latency& latency) {
  const auto& methods = peers.at("methods");
  const nlohmann::json* twinlab = nullptr;
  for (const auto& m : methods)
    if (m.at("name") == "twinlab") twinlab = &m;
  fmt::print("\nPeers on the same split ({} training, {} validation, {} test runs; scikit-learn {}, Python {}):\n",
             peers["rows"]["train"].get<int>(), peers["rows"]["validation"].get<int>(),
             peers["rows"]["test"].get<int>(), peers["sklearn"].get<std::string>(), peers["python"].get<std::string>());
  fmt::print("accuracy on the test runs (coverage and NLL in the learnt space; nominal 68.3 % / 95.4 %):\n");
  const auto outputs = peers.at("outputs");
  for (std::size_t k = 0; k < outputs.size(); ++k) {
    fmt::print("  {}\n", outputs[k].get<std::string>());
    fmt::print("    {:<22} {:>5} {:>9} {:>10} {:>14} {:>8} {:>7} {:>7} {:>8}\n", "method", "fit", "R^2", "RMSE",
               "RMSE/twinlab", "rel.err", "+-1sig", "+-2sig", "NLL");
    for (const auto& m : methods) {
      const auto& o = m.at("outputs")[k];
      const double ratio = twinlab ? o.at("rmse").get<double>() / (*twinlab)["outputs"][k]["rmse"].get<double>() : NAN;
      fmt::print("    {:<22} {:>5} {:>9.6f} {:>10.3g} {:>14.3g} {:>7.3f}% {:>7} {:>7} {:>8}\n", m.at("name").get<std::string>(),
                 m.at("fit_rows").get<int>(), o.at("r2").get<double>(), o.at("rmse").get<double>(), ratio,
                 100.0 * o.at("mean_relative_error").get<double>(), pct(o, "coverage_1sigma"), pct(o, "coverage_2sigma"),
                 o.contains("mean_nll") ? fmt::format("{:.2f}", o.at("mean_nll").get<double>()) : std::string("-"));
    }
  }
  fmt::print("time (one thread; inference of all outputs with their spread, GP: return_std):\n");
  fmt::print("    {:<22} {:>11} {:>11} {:>14} {:>14} {:>11} {:>11}\n", "method", "train CPU s", "train wall s",
             "batch 4096 /s", "twinlab/peer", "single med", "single p99");
  fmt::print("    {:<22} {:>11.1f} {:>11.1f} {:>14.3g} {:>14} {:>9.1f}us {:>9.1f}us\n",
             "twinlab", twinlab_train_cpu, twinlab_train_wall, rate_4096, "1", 1e6 * latency.median_s, 1e6 * latency.p99_s);
  fmt::print("    (twinlab: 5 members, predict_fast; training with OMP_NUM_THREADS=1)\n");
  for (const auto& m : methods) {
    if (m.at("name") == "twinlab") continue;
    const double rate = m.at("rate_batch4096_per_s").get<double>();
    fmt::print("    {:<22} {:>11.1f} {:>11.1f} {:>14.3g} {:>14.3g} {:>9.1f}us {:>9.1f}us\n", m.at("name").get<std::string>(),
               m.at("train_cpu_s").get<double>(), m.at("train_wall_s").get<double>(), rate, rate_4096 / rate,
               m.at("latency_median_us").get<double>(), m.at("latency_p99_us").get<double>());
  }
  if (twinlab) {
    for (std::size_t k = 0; k < outputs.size(); ++k) {
      std::string best;
      double best_rmse = (*twinlab)["outputs"][k]["rmse"].get<double>();
      for (const auto& m : methods)
        if (m.at("outputs")[k].at("rmse").get<double>() < best_rmse) {
          best_rmse = m.at("outputs")[k].at("rmse").get<double>();
          best = m.at("name").get<std::string>();
        }
      if (best.empty())
        fmt::print("  {}: twinlab is the most accurate\n", outputs[k].get<std::string>());
      else
        fmt::print("  {}: twinlab is LESS accurate than {}: test RMSE {:.3g}x the peer's\n", outputs[k].get<std::string>(),
                   best, (*twinlab)["outputs"][k]["rmse"].get<double>() / best_rmse);
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // line by line, also into a file
  const bool reuse = argc > 1;
  fs::path work = reuse ? fs::path(argv[1]) : fs::temp_directory_path() / fmt::format("bench_surrogate_{}", ::getpid());
  fs::create_directories(work);
  const fs::path study_yaml = fs::path(kSource) / "scenarios/examples/studies/plume_surrogate.yaml";
  const fs::path study = work / "study", model5 = work / "model", model1 = work / "model_1member";
  fmt::print("work directory: {}\n", work.string());
  if (!(reuse && fs::exists(study / "study.h5")))
    shell(fmt::format("'{}' -q sweep '{}' -o '{}' --overwrite", kTwinlab, study_yaml.string(), study.string()));
  Timed train5{NAN, NAN};
  const auto train = [&](const fs::path& dir, int members) {
    fs::remove_all(dir);
    return shell(fmt::format("OMP_NUM_THREADS=1 '{}' -q train '{}' -o '{}' --members {} >/dev/null", kTwinlab,
                             (study / "study.h5").string(), dir.string(), members));
  };
  if (!(reuse && fs::exists(model5 / "model.json"))) train5 = train(model5, 5);
  if (!(reuse && fs::exists(model1 / "model.json"))) train(model1, 1);

  twinlab::surrogates::set_inference_threads(1);
  fmt::print("threads: {} (torch::set_num_threads; OpenBLAS's own pool too)\n", twinlab::surrogates::inference_threads());
  const auto blas = twinlab::surrogates::blas_in_use();
  fmt::print("BLAS in use (/proc/self/maps):");
  for (const auto& b : blas) fmt::print(" {}", b);
  fmt::print("{}\n", blas.empty() ? " none found" : "");

  const SurrogateModel one = SurrogateModel::load(model1), ensemble = SurrogateModel::load(model5);
  const auto& layers = ensemble.card().hidden_layers;
  std::string arch = std::to_string(ensemble.card().inputs.size());
  for (int w : layers) arch += fmt::format("-{}", w);  // fmt: GCC 12 warns (-Wrestrict, falsely) on "-" + string
  arch += fmt::format("-{}", 2 * ensemble.card().outputs.size());
  constexpr std::size_t kPool = 16384;
  const std::vector<double> pool = domain_points(one, kPool, 5);

  fmt::print("\nInference on one thread, MLP {} tanh, mean + std of {} outputs; predict = model.pt's forward in "
             "float64 (TorchScript, exact: `twinlab predict`), predict_fast = native float32 (Eigen):\n",
             arch, ensemble.card().outputs.size());
  fmt::print("  {:<12} {:<13} {:>6} {:>16} {:>16} {:>14}\n", "model", "path", "batch", "samples/s (CPU)",
             "samples/s (wall)", "/ 1e6 target");
  double rate_ens_4096 = 0;
  const std::pair<const char*, PredictFn> paths[2] = {{"predict", &SurrogateModel::predict},
                                                      {"predict_fast", &SurrogateModel::predict_fast}};
  for (const auto* m : {&one, &ensemble}) {
    const std::string name = m == &one ? "1 member" : fmt::format("{} members", m->card().members);
    for (const auto& [path, fn] : paths) {
      for (std::size_t batch : {std::size_t{1}, std::size_t{64}, std::size_t{4096}}) {
        const Rate r = batched_rate(*m, fn, pool, kPool, batch);
        if (batch == 4096 && m == &ensemble && fn == &SurrogateModel::predict_fast) rate_ens_4096 = r.per_s_cpu;
        fmt::print("  {:<12} {:<13} {:>6} {:>16.3g} {:>16.3g} {:>14.2f}\n", name, path, batch, r.per_s_cpu,
                   r.per_s_wall, r.per_s_cpu / kTargetRate);
      }
    }
  }
  fmt::print("\nSingle-sample latency (wall, 10000 calls each; target well under {:.0f} us):\n", 1e6 * kTargetLatency_s);
  Latency lat_ens;
  for (const auto* m : {&one, &ensemble}) {
    for (const auto& [path, fn] : paths) {
      const Latency l = single_latency(*m, fn, pool, 10000);
      if (m == &ensemble && fn == &SurrogateModel::predict_fast) lat_ens = l;
      fmt::print("  {:<12} {:<13} median {:>8.2f} us   p99 {:>8.2f} us\n",
                 m == &one ? "1 member" : fmt::format("{} members", m->card().members), path, 1e6 * l.median_s,
                 1e6 * l.p99_s);
    }
  }
  // The native path against the exact one on the pool: float precision.
  double worst_mean = 0, worst_std = 0;
  {
    const auto a = ensemble.predict(pool, kPool), b = ensemble.predict_fast(pool, kPool);
    for (std::size_t i = 0; i < a.mean.size(); ++i) {
      worst_mean = std::max(worst_mean, std::abs(a.mean[i] - b.mean[i]) / std::abs(a.mean[i]));
      worst_std = std::max(worst_std, std::abs(a.std[i] - b.std[i]) / std::abs(a.std[i]));
    }
  }
  fmt::print("  predict_fast vs predict on {} points ({} members): largest relative difference mean {:.1e}, std {:.1e}\n",
             kPool, ensemble.card().members, worst_mean, worst_std);

  // Speed-up against the physics twin. More cases (the Eulerian field and its field model) go here.
  const std::vector<PhysicsCase> physics_cases{
      {"urban plume (Gaussian plume, scalar KPIs)", fs::path(kSource) / "scenarios/examples/urban_plume.yaml", 11,
       study / "study.h5", model5}};
  fmt::print("\nSpeed-up against the physics twin on the model's test runs (twin in process: load + build + run):\n");
  fmt::print("  {:<44} {:>4} {:>10} {:>10} {:>13} {:>10} {:>13} {:>10}\n", "case", "n", "physics", "(run only)",
             "predict 1", "x", "predict_fast 1", "x");
  for (const auto& pc : physics_cases) {
    const PhysicsResult r = compare_with_physics(pc);
    fmt::print("  {:<44} {:>4} {:>8.3g}ms {:>8.3g}ms {:>11.3g}us {:>10.3g} {:>12.3g}us {:>10.3g}\n", pc.label, r.samples,
               1e3 * r.physics_median_s, 1e3 * r.physics_run_only_median_s, 1e6 * r.single_s[0],
               r.physics_median_s / r.single_s[0], 1e6 * r.single_s[1], r.physics_median_s / r.single_s[1]);
    fmt::print("  {:<44} {:>4} {:>8} {:>8} {:>11} {:>10} {:>12} {:>10}\n", "  batched (all test samples in one call)", "",
               "", "", fmt::format("{:.3g}us", 1e6 * r.batched_s[0]), fmt::format("{:.3g}", r.physics_median_s / r.batched_s[0]),
               fmt::format("{:.3g}us", 1e6 * r.batched_s[1]), fmt::format("{:.3g}", r.physics_median_s / r.batched_s[1]));
    fmt::print("  (physics re-run vs study.h5: largest relative KPI difference {:.1e}; target speed-up >= {:.0f}x)\n",
               r.max_relative_kpi_mismatch, kTargetSpeedup);
  }

  // Calibration recorded by the trainer.
  fmt::print("\nSpread calibration of the {}-member model (model.json; test runs):\n", ensemble.card().members);
  for (const auto& o : ensemble.card().outputs) {
    if (!o.calibration || !o.test) continue;
    fmt::print("  {:<40} std_scale {:.3f}: +-1 sigma {:.1f}% -> {:.1f}%, +-2 sigma {:.1f}% -> {:.1f}%\n", o.name,
               o.calibration->std_scale, 100 * o.calibration->test_uncalibrated.coverage_1sigma,
               100 * o.test->coverage_1sigma, 100 * o.calibration->test_uncalibrated.coverage_2sigma,
               100 * o.test->coverage_2sigma);
  }

  // Peers.
  const std::string command = fmt::format("'{}' '{}' '{}' '{}'", twinlab_bench::peer_python(),
                                          twinlab_bench::peer_script("sklearn_surrogate.py"),
                                          (study / "study.h5").string(), model5.string());
  FILE* pipe = popen(command.c_str(), "r");
  std::string text;
  char buffer[4096];
  while (pipe && std::fgets(buffer, sizeof buffer, pipe)) text += buffer;
  if (!pipe || pclose(pipe) != 0) {
    fmt::print("\npeers: `{}` failed (Debian's python3-sklearn installed? scripts/setup.sh)\n", command);
  } else {
    print_peers(nlohmann::json::parse(text), train5.cpu, train5.wall, rate_ens_4096, lat_ens);
  }
  if (!reuse) fs::remove_all(work);
  return 0;
}
