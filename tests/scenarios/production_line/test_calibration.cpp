// The line calibrated from its own event log: logs written by the twin with known distributions (the
// failing station also censored by preventive maintenance) are read back through the CSV format and fitted;
// the true parameters must fall inside the profile-likelihood intervals at the nominal rate.
#include "scenarios/production_line/calibration.hpp"

#include <cmath>

#include <catch2/catch.hpp>

#include "io/event_log.hpp"
#include "scenarios/production_line/event_export.hpp"
#include "scenarios/production_line/event_samples.hpp"
#include "twins/production_line/run_line.hpp"

using namespace twinlab;
using namespace twinlab::scenarios;
namespace pl = twinlab::twins::production_line;
using sim::LifetimeFamily;

namespace {

// Repair time: lognormal with mean 300 s and standard deviation 150 s, i.e. ln t ~ N(mu, sigma^2) with
// sigma^2 = ln(1 + 0.5^2), mu = ln 300 - sigma^2 / 2.
const double kSigma = std::sqrt(std::log(1.25));
const double kMu = std::log(300.0) - 0.5 * std::log(1.25);

// press (Weibull processing, fails in up time with an exponential life, lognormal repairs, preventive
// maintenance every 2400 busy seconds) -> pack (exponential processing), one replication of `horizon_s`.
pl::LineConfig known_line(double horizon_s) {
  pl::LineConfig c;
  pl::StationConfig press;
  press.name = "press";
  press.processing_time = sim::DistributionSpec::weibull(2.0, 60.0);
  press.next = {{"pack", 1.0}};
  press.failure.basis = pl::FailureBasis::Time;
  press.failure.life = sim::DistributionSpec::exponential(3600.0);
  press.failure.time_to_repair = sim::DistributionSpec::lognormal(300.0, 150.0);
  press.maintenance.policy = pl::MaintenancePolicy::Preventive;
  press.maintenance.interval_s = 2400.0;
  press.maintenance.duration = sim::DistributionSpec::deterministic(600.0);
  pl::StationConfig pack;
  pack.name = "pack";
  pack.processing_time = sim::DistributionSpec::exponential(50.0);
  pack.buffer_capacity = 5;
  c.stations = {press, pack};
  c.source.feeds = {{"press", 1.0}};
  c.run.horizon_s = horizon_s;
  c.run.replications = 1;
  c.run.event_log_max = 10'000'000;
  return c;
}

// The twin's log of one run, through the CSV text, as calibrate reads it.
io::EventLog logged_run(const pl::LineConfig& c, std::uint64_t seed) {
  const pl::LineResult r = pl::run_line(c, seed);
  const std::string csv = line_event_log_csv(c, r.event_log, c.run.warmup_s + c.run.horizon_s);
  return io::parse_event_log(csv, "events.csv", {{"press", 1}, {"pack", 1}});
}

bool covers(const sim::LifetimeFit& fit, std::size_t parameter, double truth) {
  return fit.parameters[parameter].lower <= truth && truth <= fit.parameters[parameter].upper;
}

}  // namespace

TEST_CASE("a hand-written log gives its operations, lives and repairs", "[calibration]") {
  // One machine: an operation of 10 + 5 s interrupted by a failure (waits 2 s for a crew, repaired in 8 s),
  // an operation of 20 s, idle 5 s, maintenance (censors the life of 10 + 20 + 5 = 35 s up time), an
  // operation cut by the end of the log (censored at 4 s, life censored at 4 s).
  const std::string text =
      "station,state,start_s,end_s\n"
      "cut,busy,0,10\n"
      "cut,down,10,12\n"
      "cut,repair,12,20\n"
      "cut,busy,20,25\n"
      "cut,busy,25,45\n"
      "cut,idle,45,50\n"
      "cut,maintenance,50,80\n"
      "cut,busy,80,84\n";
  const auto log = io::parse_event_log(text, "events.csv", {{"cut", 1}});
  const auto s = station_samples(log, 1, {false}).front();
  REQUIRE(s.processing_s.size() == 3);
  CHECK(s.processing_s[0].time == 15.0);
  CHECK(s.processing_s[0].event);
  CHECK(s.processing_s[1].time == 20.0);
  CHECK(s.processing_s[2].time == 4.0);
  CHECK_FALSE(s.processing_s[2].event);
  REQUIRE(s.life_s.size() == 3);
  CHECK(s.life_s[0].time == 10.0);
  CHECK(s.life_s[0].event);
  CHECK(s.life_s[1].time == 30.0);  // 5 + 20 + 5 up after the repair
  CHECK_FALSE(s.life_s[1].event);   // ended by maintenance
  CHECK(s.life_s[2].time == 4.0);
  CHECK_FALSE(s.life_s[2].event);
  REQUIRE(s.repair_s.size() == 1);
  CHECK(s.repair_s[0].time == 8.0);  // from the repair row, the wait for the crew left out
  CHECK(s.completed_operations == 2.0);
  CHECK(s.down_time_s == 10.0);
  CHECK(s.maintenance_time_s == 30.0);
  // Life in busy time (failure basis operation): 10; then 5 + 20 = 25; then 4.
  const auto b = station_samples(log, 1, {true}).front();
  CHECK(b.life_s[1].time == 25.0);
}

TEST_CASE("a twin's log is calibrated back: families by AIC, true values inside the intervals", "[calibration]") {
  const auto c = known_line(400'000.0);
  const auto log = logged_run(c, 11);
  const LineCalibration cal = calibrate_line(c, log, {0.95, 0, 1});
  const StationCalibration& press = cal.stations[0];
  INFO(calibration_table(cal));
  // Thousands of operations: Weibull's AIC beats the lognormal's and the exponential's by far.
  REQUIRE(press.processing.fits.size() == 3);
  CHECK(press.processing.fits.front().family == LifetimeFamily::Weibull);
  CHECK(covers(press.processing.fits.front(), 0, 2.0));
  CHECK(covers(press.processing.fits.front(), 1, 60.0));
  // Lives: preventive maintenance censors a good part of them.
  CHECK(press.life.censored > press.life.observations / 5);
  for (const auto& f : press.life.fits)
    if (f.family == LifetimeFamily::Exponential) CHECK(covers(f, 0, 3600.0));
  CHECK(press.repair.observations > 50);
  for (const auto& f : press.repair.fits)
    if (f.family == LifetimeFamily::Lognormal) CHECK((covers(f, 0, kMu) && covers(f, 1, kSigma)));
  // pack never fails: its one life (the whole log) is censored, nothing fitted; its exponential processing
  // time is recovered.
  CHECK(cal.stations[1].life.observations == 1);
  CHECK(cal.stations[1].life.censored == 1);
  CHECK_FALSE(cal.stations[1].life.fitted());
  for (const auto& f : cal.stations[1].processing.fits)
    if (f.family == LifetimeFamily::Exponential) CHECK(covers(f, 0, 50.0));
  // The log's throughput: completed operations of pack per second.
  CHECK(cal.throughput_per_s * 400'000.0 == Approx(cal.stations[1].samples.completed_operations));
}

TEST_CASE("coverage of the 95 % profile-likelihood intervals over 200 seeds", "[calibration][coverage]") {
  // 200 independent logs of 200 000 s (~40 failures, ~30 lives censored by maintenance, ~3500 operations
  // each). Each interval covers its true value with probability ~0.95 if the method is right, so a count
  // out of 200 has binomial standard deviation sqrt(200 * 0.95 * 0.05) = 3.1: the accepted band
  // [181, 199] is 0.95 +- 3 standard deviations (a correct method fails it with probability < 0.3 %
  // per parameter), while a bias of one standard error already drops the coverage to ~0.83 (166).
  const auto c = known_line(200'000.0);
  const int seeds = 200;
  int life = 0, shape = 0, scale = 0, mu = 0, sigma = 0;
  std::size_t lives = 0, censored = 0;
  for (int seed = 1; seed <= seeds; ++seed) {
    const auto s = station_samples(logged_run(c, 1000 + seed), 2, {false, false}).front();
    lives += s.life_s.size();
    for (const auto& o : s.life_s) censored += o.event ? 0 : 1;
    const auto e = sim::fit_lifetime(LifetimeFamily::Exponential, s.life_s);
    const auto w = sim::fit_lifetime(LifetimeFamily::Weibull, s.processing_s);
    const auto l = sim::fit_lifetime(LifetimeFamily::Lognormal, s.repair_s);
    REQUIRE((e && w && l));
    life += covers(*e, 0, 3600.0);
    shape += covers(*w, 0, 2.0);
    scale += covers(*w, 1, 60.0);
    mu += covers(*l, 0, kMu);
    sigma += covers(*l, 1, kSigma);
  }
  WARN("coverage of 95 % intervals over " << seeds << " logs: life mean " << life << ", processing shape " << shape
                                          << ", scale " << scale << ", repair mu " << mu << ", sigma " << sigma
                                          << "; lives " << lives << " of which censored " << censored);
  for (const int covered : {life, shape, scale, mu, sigma}) {
    CHECK(covered >= 181);
    CHECK(covered <= 199);
  }
}
