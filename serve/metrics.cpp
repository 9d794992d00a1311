#include "serve/metrics.hpp"

#include <fmt/format.h>

namespace twinlab::serve {
namespace {

// Prometheus label values escape backslash, double quote and newline.
std::string label(const std::string& s) {
  std::string out;
  for (const char c : s) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace

void Metrics::record(const std::string& route, const std::string& method, int status, double latency_s) {
  std::size_t b = 0;
  while (b < kLatencyBuckets_s.size() && latency_s > kLatencyBuckets_s[b]) ++b;
  std::lock_guard lock(mutex_);
  ++requests_[{route, method, status}];
  ++buckets_[b];
  latency_sum_s_ += latency_s;
  ++latency_count_;
}

void Metrics::add_gauge(std::string name, std::string help, std::function<double()> value) {
  std::lock_guard lock(mutex_);
  gauges_.push_back({std::move(name), std::move(help), std::move(value)});
}

std::string Metrics::prometheus_text() const {
  std::lock_guard lock(mutex_);
  std::string out;
  out += "# HELP twinlab_http_requests_total HTTP requests answered, by route pattern, method and status.\n";
  out += "# TYPE twinlab_http_requests_total counter\n";
  for (const auto& [key, n] : requests_)
    out += fmt::format("twinlab_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n",
                       label(std::get<0>(key)), label(std::get<1>(key)), std::get<2>(key), n);
  out += "# HELP twinlab_http_request_duration_seconds Time from a request's last byte read to its answer written.\n";
  out += "# TYPE twinlab_http_request_duration_seconds histogram\n";
  std::uint64_t cumulative = 0;
  for (std::size_t b = 0; b < kLatencyBuckets_s.size(); ++b) {
    cumulative += buckets_[b];
    out += fmt::format("twinlab_http_request_duration_seconds_bucket{{le=\"{}\"}} {}\n", kLatencyBuckets_s[b], cumulative);
  }
  cumulative += buckets_.back();
  out += fmt::format("twinlab_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {}\n", cumulative);
  out += fmt::format("twinlab_http_request_duration_seconds_sum {}\n", latency_sum_s_);
  out += fmt::format("twinlab_http_request_duration_seconds_count {}\n", latency_count_);
  out += "# HELP twinlab_http_open_connections Client connections open now.\n";
  out += "# TYPE twinlab_http_open_connections gauge\n";
  out += fmt::format("twinlab_http_open_connections {}\n", open_connections_.load());
  for (const Gauge& g : gauges_) {
    out += fmt::format("# HELP {} {}\n# TYPE {} gauge\n{} {}\n", g.name, g.help, g.name, g.name, g.value());
  }
  return out;
}

}  // namespace twinlab::serve
