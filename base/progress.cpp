#include "base/progress.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>

namespace twinlab::base {

namespace {

std::atomic<bool> enabled_flag{false};

std::string clock_text(double seconds) {
  const long s = std::lround(std::max(0.0, seconds));
  char text[32];
  if (s >= 3600)
    std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
  else
    std::snprintf(text, sizeof text, "%ld:%02ld", s / 60, s % 60);
  return text;
}

}  // namespace

void enable_progress(bool enabled) { enabled_flag.store(enabled); }
bool progress_enabled() { return enabled_flag.load(); }

ProgressLine::ProgressLine(std::string label, double quiet_for_s) : label_(std::move(label)), quiet_for_s_(quiet_for_s) {}

ProgressLine::~ProgressLine() { finish(); }

std::string ProgressLine::text(const std::string& label, double fraction_done, double elapsed_s, double total,
                               const std::string& unit) {
  const double f = std::clamp(fraction_done, 0.0, 1.0);
  char percent[16];
  std::snprintf(percent, sizeof percent, "%5.1f %%", 100.0 * f);
  std::string out = "[" + label + "] " + percent + "  elapsed " + clock_text(elapsed_s);
  // The remaining time at the average rate so far; unknown until some work is done.
  out += f > 1e-3 ? "  ETA " + clock_text(elapsed_s * (1.0 - f) / f) : "  ETA --:--";
  if (total > 0.0 && elapsed_s > 0.0) {
    char rate[48];
    std::snprintf(rate, sizeof rate, "  %.3g %s/s", f * total / elapsed_s, unit.c_str());
    out += rate;
  }
  return out;
}

void ProgressLine::update(double fraction_done) {
  if (!progress_enabled()) return;
  std::unique_lock lock(mutex_, std::try_to_lock);  // a worker never waits for another one's drawing
  if (!lock.owns_lock() || finished_) return;
  const auto now = Clock::now();
  const double elapsed_s = std::chrono::duration<double>(now - start_).count();
  if (elapsed_s < quiet_for_s_ || now - last_draw_ < std::chrono::milliseconds(250)) return;
  last_draw_ = now;
  drawn_ = true;
  std::fprintf(stderr, "\r\033[K%s", text(label_, fraction_done, elapsed_s, total_, unit_).c_str());
  std::fflush(stderr);
}

void ProgressLine::finish() {
  std::lock_guard lock(mutex_);
  if (finished_) return;
  finished_ = true;
  if (drawn_) {
    std::fprintf(stderr, "\r\033[K");
    std::fflush(stderr);
  }
}

}  // namespace twinlab::base
