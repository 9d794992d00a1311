#pragma once
// Time average of a piecewise-constant quantity (queue length, work in process, a machine's state).
// Each change costs one multiply-add; reset() starts a new observation window (e.g. after warm-up)
// keeping the current value.

namespace twinlab::sim {

class TimeWeightedStat {
 public:
  explicit TimeWeightedStat(double start_s = 0.0, double value = 0.0)
      : start_s_(start_s), last_s_(start_s), value_(value) {}

  void reset(double t_s) {
    area_ = 0.0;
    start_s_ = last_s_ = t_s;
  }
  // The quantity becomes `value` at time t_s (t_s not before the previous change).
  void set(double t_s, double value) {
    area_ += value_ * (t_s - last_s_);
    last_s_ = t_s;
    value_ = value;
  }
  void add(double t_s, double delta) { set(t_s, value_ + delta); }

  double value() const { return value_; }
  double start_s() const { return start_s_; }
  // Integral of the quantity over [start, t_s].
  double area(double t_s) const { return area_ + value_ * (t_s - last_s_); }
  // Time average over [start, t_s]; the current value for an empty window.
  double mean(double t_s) const { return t_s > start_s_ ? area(t_s) / (t_s - start_s_) : value_; }

 private:
  double start_s_ = 0.0;
  double last_s_ = 0.0;
  double value_ = 0.0;
  double area_ = 0.0;
};

}  // namespace twinlab::sim
