#pragma once
// The station graph of a line: name look-up, successors with routing probabilities, predecessors, and the
// structural checks (unknown station names, probabilities, cycles, stations the source cannot reach,
// assembly inputs). Errors are InputErrors naming the key, e.g. "line.stations[2].next".
#include <string>
#include <vector>

#include "twins/production_line/config.hpp"

namespace twinlab::twins::production_line {

struct LineGraph {
  std::vector<std::vector<int>> successors;            // [station] -> station indices (empty: the sink)
  std::vector<std::vector<double>> probabilities;      // [station] -> routing probability per successor
  std::vector<std::vector<int>> predecessors;          // [station] -> station indices, ascending
  std::vector<int> fed;                                // stations fed by the source, in feeds order
  std::vector<double> feed_probabilities;              // Arrivals: probability per fed station
  std::vector<bool> fed_by_source;                     // [station]
  std::vector<int> topological_order;                  // every station after all its predecessors
};

// Index of the station called `name`, or -1.
int find_station(const LineConfig& config, const std::string& name);

// Builds and checks the graph. `prefix` is the key of the line in the scenario ("line").
LineGraph build_line_graph(const LineConfig& config, const std::string& prefix = "line");

}  // namespace twinlab::twins::production_line
