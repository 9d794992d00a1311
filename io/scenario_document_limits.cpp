#include "io/scenario_document_limits.hpp"

#include <sstream>
#include <vector>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include "io/scenario_paths.hpp"

namespace twinlab::io {
namespace {

// Counts the nodes of the tree as written and as it reads with every alias replaced by its anchor's node.
class ExpansionCounter final : public YAML::EventHandler {
 public:
  explicit ExpansionCounter(const std::string& file) : file_(file) {}

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (++documents_ > 1)
      throw base::InputError(location_of(file_, mark, ""),
                             "a second YAML document (after '---'); a file holds one: remove it, or move it "
                             "into a file of its own");
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t anchor) override { leaf(anchor); }
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t anchor, const std::string&) override {
    leaf(anchor);
  }
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(anchor);
  }
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t anchor, YAML::EmitterStyle::value) override {
    open(anchor);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapEnd() override { close(); }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (anchor >= size_of_.size() || size_of_[anchor] == 0)
      throw base::InputError(location_of(file_, mark, ""),
                             "an alias inside the node its anchor names (a cycle); copy the values instead");
    expanded_ += size_of_[anchor];
    ++written_;
    if (expanded_ - written_ > max_alias_nodes) {
      std::ostringstream message;
      message << "aliases expand the file to more than " << max_alias_nodes
              << " nodes beyond the ones written (an alias of an alias repeats every node each time); "
                 "write the repeated values out, or alias smaller blocks";
      throw base::InputError(location_of(file_, mark, ""), message.str());
    }
  }

 private:
  void record(YAML::anchor_t anchor, std::size_t size) {
    if (anchor == YAML::NullAnchor) return;
    if (anchor >= size_of_.size()) size_of_.resize(anchor + 1, 0);
    size_of_[anchor] = size;
  }
  void leaf(YAML::anchor_t anchor) {
    ++written_, ++expanded_;
    record(anchor, 1);
  }
  void open(YAML::anchor_t anchor) {
    ++written_, ++expanded_;
    open_.push_back({anchor, expanded_ - 1});
    if (anchor != YAML::NullAnchor && anchor >= size_of_.size()) size_of_.resize(anchor + 1, 0);
  }
  void close() {
    const Open node = open_.back();
    open_.pop_back();
    record(node.anchor, expanded_ - node.expanded_before);
  }

  struct Open {
    YAML::anchor_t anchor;
    std::size_t expanded_before;
  };
  const std::string& file_;
  int documents_ = 0;
  std::size_t written_ = 0, expanded_ = 0;
  std::vector<std::size_t> size_of_;  // by anchor id (1, 2, ...): nodes it stands for; 0 while still open
  std::vector<Open> open_;
};

}  // namespace

void check_yaml_limits(const std::string& text, const std::string& file_label) {
  std::istringstream in(text);
  YAML::Parser parser(in);
  ExpansionCounter counter(file_label);
  try {
    while (parser.HandleNextDocument(counter)) {
    }
  } catch (const YAML::Exception&) {
    // Invalid YAML: YAML::Load reports it with its place, as before.
  }
}

}  // namespace twinlab::io
