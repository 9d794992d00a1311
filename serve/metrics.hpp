#pragma once
// The server's counters in the Prometheus text exposition format (GET /metrics): requests by route pattern,
// method and status, a request-latency histogram, open connections, and gauges the wiring adds (models loaded).
#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

namespace twinlab::serve {

class Metrics {
 public:
  // Upper bounds (s) of the latency histogram's buckets (+Inf implied).
  static constexpr std::array<double, 12> kLatencyBuckets_s = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
                                                               0.01,   0.025,   0.05,   0.1,   0.5,    2.5};

  void record(const std::string& route, const std::string& method, int status, double latency_s);
  void connection_opened() { ++open_connections_; }
  void connection_closed() { --open_connections_; }
  std::int64_t open_connections() const { return open_connections_.load(); }
  // A gauge computed when /metrics is read, e.g. twinlab_models_loaded.
  void add_gauge(std::string name, std::string help, std::function<double()> value);
  std::string prometheus_text() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;  // (route, method, status)
  std::array<std::uint64_t, kLatencyBuckets_s.size() + 1> buckets_{};  // non-cumulative; last: +Inf
  double latency_sum_s_ = 0.0;
  std::uint64_t latency_count_ = 0;
  std::atomic<std::int64_t> open_connections_{0};
  struct Gauge {
    std::string name, help;
    std::function<double()> value;
  };
  std::vector<Gauge> gauges_;
};

}  // namespace twinlab::serve
