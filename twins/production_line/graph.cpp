#include "twins/production_line/graph.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

#include "base/error.hpp"

namespace twinlab::twins::production_line {

namespace {

[[noreturn]] void fail(const std::string& key, const std::string& message) {
  throw base::InputError(base::InputLocation{{}, 0, 0, key}, message);
}

std::string station_key(const std::string& prefix, std::size_t i) {
  return prefix + ".stations[" + std::to_string(i) + "]";
}

std::string known_names(const LineConfig& config) {
  std::string names;
  for (const auto& s : config.stations) names += (names.empty() ? "" : ", ") + s.name;
  return names;
}

// Resolves a list of successors; returns station indices and probabilities.
void resolve(const LineConfig& config, const std::vector<Successor>& list, const std::string& key, bool check_sum,
             std::vector<int>& indices, std::vector<double>& probabilities) {
  double sum = 0.0;
  for (std::size_t j = 0; j < list.size(); ++j) {
    const std::string item = key + "[" + std::to_string(j) + "]";
    const int target = find_station(config, list[j].station);
    if (target < 0)
      fail(item + ".station", "unknown station '" + list[j].station + "' (stations: " + known_names(config) + ")");
    if (std::find(indices.begin(), indices.end(), target) != indices.end())
      fail(item + ".station", "station '" + list[j].station + "' is listed twice");
    const double p = list[j].probability;
    if (check_sum && !(std::isfinite(p) && p > 0.0 && p <= 1.0))
      fail(item + ".probability", "must be in (0, 1] (got " + std::to_string(p) + ")");
    indices.push_back(target);
    probabilities.push_back(p);
    sum += p;
  }
  if (check_sum && !list.empty() && std::abs(sum - 1.0) > 1e-9)
    fail(key, "routing probabilities must sum to 1 (got " + std::to_string(sum) + ")");
}

}  // namespace

int find_station(const LineConfig& config, const std::string& name) {
  for (std::size_t i = 0; i < config.stations.size(); ++i)
    if (config.stations[i].name == name) return static_cast<int>(i);
  return -1;
}

LineGraph build_line_graph(const LineConfig& config, const std::string& prefix) {
  const std::size_t n = config.stations.size();
  if (n == 0) fail(prefix + ".stations", "a line needs at least one station");
  for (std::size_t i = 0; i < n; ++i) {
    const std::string& name = config.stations[i].name;
    if (name.empty()) fail(station_key(prefix, i) + ".name", "must not be empty");
    for (std::size_t k = 0; k < i; ++k)
      if (config.stations[k].name == name)
        fail(station_key(prefix, i) + ".name", "duplicate station name '" + name + "' (also stations[" + std::to_string(k) + "])");
  }

  LineGraph g;
  g.successors.resize(n);
  g.probabilities.resize(n);
  g.predecessors.resize(n);
  g.fed_by_source.assign(n, false);
  for (std::size_t i = 0; i < n; ++i) {
    resolve(config, config.stations[i].next, station_key(prefix, i) + ".next", true, g.successors[i], g.probabilities[i]);
    for (const int j : g.successors[i]) g.predecessors[j].push_back(static_cast<int>(i));
  }

  const bool arrivals = config.source.kind == SourceKind::Arrivals;
  const std::string feeds_key = prefix + ".source.feeds";
  if (config.source.feeds.empty()) fail(feeds_key, "the source must feed at least one station");
  resolve(config, config.source.feeds, feeds_key, arrivals, g.fed, g.feed_probabilities);
  for (std::size_t j = 0; j < g.fed.size(); ++j) {
    const int s = g.fed[j];
    g.fed_by_source[s] = true;
    const std::string item = feeds_key + "[" + std::to_string(j) + "].station";
    if (config.stations[s].assembly)
      fail(item, "assembly station '" + config.stations[s].name + "' takes its inputs from stations, not the source");
    if (!arrivals && !g.predecessors[s].empty())
      fail(item, "station '" + config.stations[s].name +
                     "' has unlimited raw material from the source and cannot also take parts from station '" +
                     config.stations[g.predecessors[s].front()].name + "'");
  }

  // Cycles: depth-first search with colours; report the cycle as a path of names.
  std::vector<int> colour(n, 0), parent(n, -1);  // 0 new, 1 on the stack, 2 done
  std::function<void(int)> visit = [&](int u) {
    colour[u] = 1;
    for (const int v : g.successors[u]) {
      if (colour[v] == 1) {
        std::string path = config.stations[v].name;
        std::vector<int> chain;
        for (int w = u; w != v && w >= 0; w = parent[w]) chain.push_back(w);
        for (auto it = chain.rbegin(); it != chain.rend(); ++it) path += " -> " + config.stations[*it].name;
        path += " -> " + config.stations[v].name;
        fail(station_key(prefix, static_cast<std::size_t>(u)) + ".next", "the station graph has a cycle: " + path);
      }
      if (colour[v] == 0) {
        parent[v] = u;
        visit(v);
      }
    }
    colour[u] = 2;
    g.topological_order.push_back(u);
  };
  for (std::size_t i = 0; i < n; ++i)
    if (colour[i] == 0) visit(static_cast<int>(i));
  std::reverse(g.topological_order.begin(), g.topological_order.end());

  // Reachability from the source.
  std::vector<bool> reached(n, false);
  std::vector<int> stack(g.fed.begin(), g.fed.end());
  while (!stack.empty()) {
    const int u = stack.back();
    stack.pop_back();
    if (reached[u]) continue;
    reached[u] = true;
    for (const int v : g.successors[u]) stack.push_back(v);
  }
  for (std::size_t i = 0; i < n; ++i)
    if (!reached[i])
      fail(station_key(prefix, i), "station '" + config.stations[i].name +
                                       "' is unreachable: neither source.feeds nor any station's next leads to it");

  for (std::size_t i = 0; i < n; ++i)
    if (config.stations[i].assembly && g.predecessors[i].size() < 2)
      fail(station_key(prefix, i) + ".assembly", "an assembly station needs at least two predecessor stations (has " +
                                                     std::to_string(g.predecessors[i].size()) + ")");
  return g;
}

}  // namespace twinlab::twins::production_line
