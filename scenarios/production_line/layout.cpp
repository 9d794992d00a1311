#include "scenarios/production_line/layout.hpp"

#include <algorithm>

namespace twinlab::scenarios {

LineLayout line_layout(const twins::production_line::LineGraph& graph) {
  const std::size_t n = graph.successors.size();
  LineLayout layout{std::vector<int>(n, 0), std::vector<int>(n, 0)};
  for (int s : graph.topological_order)
    for (int next : graph.successors[s]) layout.column[next] = std::max(layout.column[next], layout.column[s] + 1);
  std::vector<int> used(n + 1, 0);
  for (int s : graph.topological_order) layout.row[s] = used[layout.column[s]]++;
  return layout;
}

}  // namespace twinlab::scenarios
