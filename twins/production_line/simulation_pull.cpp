// Pull control: card loops (kanban, CONWIP) and the base-stock finished-goods store. Only lines with pull
// control come here (they never take the plain fast path).
#include "twins/production_line/simulation_hot_path.hpp"

namespace twinlab::twins::production_line {

void LineSimulation::took_part(const CompiledStation& s) {
  for (const std::uint32_t l : s.gate_loops) --free_cards_[l];
  for (const std::uint32_t l : s.release_loops) give_back(l);
}

void LineSimulation::part_leaves(const CompiledStation& s, bool good) {
  for (const std::uint32_t l : s.exit_loops) give_back(l);
  if (!good || line_.base_stock < 0) return;
  if (backorders_ > 0.0) {  // the finished part fills the oldest backorder
    backorders_ -= 1.0;
    backorder_level_.add(now_, -1.0);
  } else {
    stock_ += 1.0;
    stock_level_.add(now_, 1.0);
  }
}

// A card comes back to its loop: idle machines of the loop's first station(s) that have a part waiting
// start it now.
void LineSimulation::give_back(std::uint32_t l) {
  ++free_cards_[l];
  for (const std::uint32_t st : line_.loops[l].starts) {
    Station& S = stations_[st];
    while (free_cards_[l] > 0 && !S.idle.empty() && part_waiting(st)) {
      const std::uint32_t m = S.idle.back();
      S.idle.pop_back();
      find_work(m);
      if (!S.idle.empty() && S.idle.back() == m) break;  // it still lacks the card of another loop
    }
  }
}

bool LineSimulation::part_waiting(std::uint32_t station) const {
  const CompiledStation& s = line_.stations[station];
  if (s.raw_supply) return true;
  const Buffer& b = buffers_[s.inputs.front()];  // no assembly in a loop (validated)
  return !b.parts.empty() || !b.blocked.empty();
}

void LineSimulation::on_demand() {
  demands_ += 1.0;
  if (stock_ > 0.0) {
    stock_ -= 1.0;
    stock_level_.add(now_, -1.0);
    demands_filled_ += 1.0;
  } else {
    backorders_ += 1.0;
    backorder_level_.add(now_, 1.0);
  }
}

}  // namespace twinlab::twins::production_line
