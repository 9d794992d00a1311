#include "io/scenario_document.hpp"

#include "io/scenario_paths.hpp"

namespace twinlab::io {

ScenarioNode::ScenarioNode(const ScenarioDocument* doc, YAML::Node node, std::string path, YAML::Mark nearest_mark)
    : doc_(doc), node_(std::move(node)), path_(std::move(path)), mark_(node_.Mark().is_null() ? nearest_mark : node_.Mark()) {}

bool ScenarioNode::has(const std::string& key) const {
  return node_.IsMap() && node_[key] && !node_[key].IsNull();
}

ScenarioNode ScenarioNode::at(const std::string& key) const {
  if (!has(key)) fail("missing key '" + key + "'");
  return ScenarioNode(doc_, node_[key], child_path(path_, key), mark_);
}

std::size_t ScenarioNode::size() const { return node_.IsSequence() ? node_.size() : 0; }

ScenarioNode ScenarioNode::item(std::size_t index) const {
  if (index >= size()) fail("has no item " + std::to_string(index));
  return ScenarioNode(doc_, node_[index], path_ + "[" + std::to_string(index) + "]", mark_);
}

double ScenarioNode::number() const {
  double x = 0.0;
  if (!node_.IsScalar() || !YAML::convert<double>::decode(node_, x)) fail("must be a number");
  return x;
}
long long ScenarioNode::integer() const {
  long long n = 0;
  if (!node_.IsScalar() || !YAML::convert<long long>::decode(node_, n)) fail("must be an integer");
  return n;
}
bool ScenarioNode::boolean() const {
  bool b = false;
  if (!node_.IsScalar() || !YAML::convert<bool>::decode(node_, b)) fail("must be true or false");
  return b;
}
std::vector<double> ScenarioNode::numbers() const {
  if (!node_.IsSequence()) fail("must be a list of numbers");
  std::vector<double> out;
  for (std::size_t i = 0; i < node_.size(); ++i) out.push_back(item(i).number());
  return out;
}

std::vector<std::string> ScenarioNode::texts() const {
  if (!node_.IsSequence()) fail("must be a list of values");
  std::vector<std::string> out;
  for (std::size_t i = 0; i < node_.size(); ++i) out.push_back(item(i).text());
  return out;
}

std::string ScenarioNode::text() const {
  if (!node_.IsScalar()) fail("must be text");
  return node_.Scalar();
}

base::InputLocation ScenarioNode::location() const {
  if (doc_ && doc_->overridden(path_)) return doc_->override_location(path_);
  return location_of(doc_ ? doc_->file() : "", mark_, path_);
}

void ScenarioNode::fail(const std::string& message) const { throw base::InputError(location(), message); }

}  // namespace twinlab::io
