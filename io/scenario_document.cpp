#include "io/scenario_document.hpp"

#include <charconv>
#include <map>
#include <sstream>

#include "base/input_file.hpp"
#include "io/scenario_document_limits.hpp"
#include "io/scenario_paths.hpp"

namespace twinlab::io {
namespace {

// Splits "a.b[2].c" into tokens {"a", "b", "[2]", "c"}; empty result means bad syntax.
std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> tokens;
  std::string current;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const char c = path[i];
    if (c == '.') {
      if (current.empty() && (tokens.empty() || tokens.back().front() != '[')) return {};
      if (!current.empty()) tokens.push_back(current);
      current.clear();
    } else if (c == '[') {
      if (!current.empty()) tokens.push_back(current);
      current.clear();
      const std::size_t close = path.find(']', i);
      if (close == std::string::npos || close == i + 1) return {};
      const std::string digits = path.substr(i + 1, close - i - 1);
      if (digits.find_first_not_of("0123456789") != std::string::npos) return {};
      tokens.push_back("[" + digits + "]");
      i = close;
    } else {
      current += c;
    }
  }
  if (!current.empty()) tokens.push_back(current);
  if (tokens.empty() || tokens.front().front() == '[') return {};
  return tokens;
}

// Emits node with the keys of every mapping in schema order, straight into the emitter (a reordered copy of
// the tree would hold a third tree in memory for a large scenario).
void emit_ordered(YAML::Emitter& out, const YAML::Node& node, const KeySpec& spec) {
  if (spec.type == ValueType::Object && node.IsMap()) {
    out << YAML::BeginMap;
    for (const auto& key : spec.children) {
      const YAML::Node child = node[key.name];
      if (child) out << YAML::Key << key.name << YAML::Value, emit_ordered(out, child, key);
    }
    out << YAML::EndMap;
  } else if (spec.type == ValueType::List && node.IsSequence()) {
    const KeySpec item = KeySpec::object("", "", spec.children);
    out << YAML::BeginSeq;
    for (const auto& element : node) emit_ordered(out, element, item);
    out << YAML::EndSeq;
  } else {
    out << node;
  }
}

// YAML 1.2 requires the keys of a mapping to be unique and twinlab's keys are names: refuses a repeated key
// (yaml-cpp would silently keep the first) and a key that is a list or a mapping.
void check_keys(const YAML::Node& node, const std::string& file) {
  if (node.IsMap()) {
    std::map<std::string, YAML::Mark> seen;
    for (auto it = node.begin(); it != node.end(); ++it) {
      if (!it->first.IsScalar())
        throw base::InputError(location_of(file, it->first.Mark(), ""),
                               "a key must be a plain name, not " + std::string(it->first.IsMap() ? "a mapping" : "a list"));
      const auto [first, inserted] = seen.emplace(it->first.Scalar(), it->first.Mark());
      if (!inserted)
        throw base::InputError(location_of(file, it->first.Mark(), it->first.Scalar()),
                               "duplicate key (first given at line " + std::to_string(first->second.line + 1) +
                                   "); a YAML mapping's keys must be unique: keep one");
      check_keys(it->second, file);
    }
  } else if (node.IsSequence()) {
    for (const auto& item : node) check_keys(item, file);
  }
}

// A key's default as a fresh YAML tree. Parsed once per key and thread (a sweep resolves thousands of
// scenarios; yaml-cpp trees are not shared between threads) and copied on each use.
YAML::Node default_node(const KeySpec& key) {
  thread_local std::map<std::string, YAML::Node> parsed;  // by the default's text (specs may be temporaries)
  auto it = parsed.find(*key.default_yaml);
  if (it == parsed.end()) it = parsed.emplace(*key.default_yaml, YAML::Load(*key.default_yaml)).first;
  return YAML::Clone(it->second);
}

class Validator {
 public:
  Validator(const ScenarioDocument& doc, const std::string& file) : doc_(doc), file_(file) {}

  void object(YAML::Node node, const KeySpec& spec, const std::string& path, const YAML::Mark& mark) {
    if (!node.IsMap()) fail(path, node, mark, "must be a mapping of keys (got " + kind(node) + ")");
    for (auto it = node.begin(); it != node.end(); ++it) {
      const std::string key = it->first.Scalar();  // load_text refused keys that are not scalars
      if (spec.child(key)) continue;
      std::string message = "unknown key";
      const std::string near = suggested_key(key, spec);
      if (!near.empty()) message += "; did you mean '" + near + "'?";
      fail(child_path(path, key), it->first, mark, message);
    }
    for (const auto& key : spec.children) {
      const std::string sub = child_path(path, key.name);
      if (!node[key.name] || node[key.name].IsNull()) {
        if (key.default_yaml) {
          node[key.name] = default_node(key);
          if (key.type != ValueType::Object) continue;  // a mapping default may leave nested defaults to fill
        } else if (key.type == ValueType::Object) {
          node[key.name] = YAML::Node(YAML::NodeType::Map);
        } else if (key.is_optional) {
          if (node[key.name]) node.remove(key.name);  // an explicit null means "not given"
          continue;
        } else {
          fail(path, node, mark, "missing required key '" + key.name + "' (" + describe_type(key) + ")");
        }
      }
      value(node[key.name], key, sub, node.Mark().is_null() ? mark : node.Mark());
    }
  }

 private:
  void value(YAML::Node node, const KeySpec& spec, const std::string& path, const YAML::Mark& parent_mark) {
    const YAML::Mark mark = node.Mark().is_null() ? parent_mark : node.Mark();
    switch (spec.type) {
      case ValueType::Object: object(node, spec, path, mark); return;
      case ValueType::List: list(node, spec, path, mark); return;
      case ValueType::Number: number(node, spec, path, mark, false); return;
      case ValueType::Integer: number(node, spec, path, mark, true); return;
      case ValueType::Boolean: {
        bool b = false;
        if (!node.IsScalar() || !YAML::convert<bool>::decode(node, b))
          fail(path, node, mark, "must be true or false (got " + shown(node) + ")");
        return;
      }
      case ValueType::NumberList: {
        if (!node.IsSequence()) fail(path, node, mark, "must be a list of numbers (got " + kind(node) + ")");
        for (std::size_t i = 0; i < node.size(); ++i) {
          double x = 0.0;
          if (!node[i].IsScalar() || !YAML::convert<double>::decode(node[i], x) || !std::isfinite(x))
            fail(path + "[" + std::to_string(i) + "]", node[i], mark, "must be a finite number (got " + shown(node[i]) + ")");
        }
        return;
      }
      case ValueType::ScalarList: {
        if (!node.IsSequence() || node.size() == 0)
          fail(path, node, mark, "must be a non-empty list of values (got " + kind(node) + ")");
        for (std::size_t i = 0; i < node.size(); ++i)
          if (!node[i].IsScalar())
            fail(path + "[" + std::to_string(i) + "]", node[i], mark, "must be a single value (got " + kind(node[i]) + ")");
        return;
      }
      case ValueType::String:
        if (!node.IsScalar()) fail(path, node, mark, "must be text (got " + kind(node) + ")");
        if (spec.plain_name && !is_plain_name(node.Scalar()))
          fail(path, node, mark, std::string("must be ") + plain_name_rule + " (got '" + node.Scalar() + "')");
        return;
      case ValueType::Choice: {
        const std::string text = node.IsScalar() ? node.Scalar() : "";
        for (const auto& c : spec.choices)
          if (c == text) return;
        std::string message = "must be " + describe_type(spec) + " (got " + shown(node) + ")";
        const std::string near = nearest_key(text, spec.choices);
        if (!near.empty() && node.IsScalar()) message += "; did you mean '" + near + "'?";
        fail(path, node, mark, message);
      }
    }
  }

  void list(YAML::Node node, const KeySpec& spec, const std::string& path, const YAML::Mark& mark) {
    if (!node.IsSequence()) fail(path, node, mark, "must be a list (got " + kind(node) + ")");
    const double n = static_cast<double>(node.size());
    if ((spec.min && n < *spec.min) || (spec.max && n > *spec.max))
      fail(path, node, mark, "must be a " + describe_type(spec) + " items (got " + std::to_string(node.size()) + ")");
    const KeySpec item = KeySpec::object("", "", spec.children);
    for (std::size_t i = 0; i < node.size(); ++i) {
      YAML::Node element = node[i];
      const std::string sub = path + "[" + std::to_string(i) + "]";
      object(element, item, sub, element.Mark().is_null() ? mark : element.Mark());
    }
  }

  void number(YAML::Node node, const KeySpec& spec, const std::string& path, const YAML::Mark& mark,
              bool integral) {
    if (!spec.accepted_word.empty() && node.IsScalar() && node.Scalar() == spec.accepted_word) return;
    double x = 0.0;
    long long n = 0;
    const bool ok = node.IsScalar() && (integral ? YAML::convert<long long>::decode(node, n)
                                                 : YAML::convert<double>::decode(node, x));
    if (!ok || (!integral && !std::isfinite(x)))
      fail(path, node, mark, std::string("must be ") + (integral ? "an integer" : "a finite number") +
                                 (spec.accepted_word.empty() ? "" : " or " + spec.accepted_word) + " (got " + shown(node) + ")");
    if (integral) x = static_cast<double>(n);
    const bool below = spec.min && (spec.min_exclusive ? x <= *spec.min : x < *spec.min);
    const bool beyond = spec.max && x > *spec.max;
    if (below || beyond)
      fail(path, node, mark, "must be " + describe_type(spec) + " (got " + shown(node) + ")" +
                                 (spec.range_reason.empty() ? "" : ": " + spec.range_reason));
  }

  static std::string kind(const YAML::Node& node) {
    if (node.IsMap()) return "a mapping";
    if (node.IsSequence()) return "a list";
    if (node.IsNull()) return "nothing";
    return "'" + node.Scalar() + "'";
  }
  static std::string shown(const YAML::Node& node) { return node.IsScalar() ? node.Scalar() : kind(node); }

  [[noreturn]] void fail(const std::string& path, const YAML::Node& node, const YAML::Mark& fallback,
                         const std::string& message) const {
    if (doc_.overridden(path)) throw base::InputError(doc_.override_location(path), message);
    const YAML::Mark mark = node.Mark().is_null() ? fallback : node.Mark();
    throw base::InputError(location_of(file_, mark, path), message);
  }

  const ScenarioDocument& doc_;
  const std::string& file_;
};

}  // namespace

ScenarioDocument ScenarioDocument::load_file(const std::filesystem::path& path) {
  return load_text(base::read_input_file(path, "scenario file", "name a .yaml file"), path.string());
}

ScenarioDocument ScenarioDocument::load_text(const std::string& text, const std::string& file_label) {
  try {
    check_yaml_limits(text, file_label);
    YAML::Node root = YAML::Load(text);
    if (root.IsNull()) root = YAML::Node(YAML::NodeType::Map);
    if (!root.IsMap())
      throw base::InputError(location_of(file_label, root.Mark(), ""), "a scenario must be a mapping of keys");
    check_keys(root, file_label);
    return ScenarioDocument(root, file_label);
  } catch (const YAML::ParserException& e) {
    throw base::InputError(location_of(file_label, e.mark, ""), "invalid YAML: " + e.msg);
  } catch (const YAML::Exception& e) {  // e.g. a conversion yaml-cpp refuses: still the file's fault
    throw base::InputError(location_of(file_label, e.mark, ""), "unreadable YAML: " + e.msg);
  }
}

ScenarioDocument ScenarioDocument::clone() const {
  ScenarioDocument copy(YAML::Clone(root_), file_, written_);  // the text as written is shared
  copy.overridden_ = overridden_;
  copy.schema_ = schema_;
  return copy;
}

void ScenarioDocument::apply_override(const std::string& assignment, const std::string& given_label) {
  const std::string label = given_label.empty() ? "--set " + assignment : given_label;
  const std::size_t eq = assignment.find('=');
  const std::string path = assignment.substr(0, eq);
  if (eq == std::string::npos || eq == 0) throw base::InputError({label, 0, 0, ""}, "expected dotted.key=value");
  const std::vector<std::string> tokens = split_path(path);
  if (tokens.empty())
    throw base::InputError({label, 0, 0, path}, "malformed key path; write it as in the file, e.g. "
                                                "dispersion.sources[0].height_m");
  const std::string text = assignment.substr(eq + 1);
  if (text.find_first_not_of(" \t") == std::string::npos)
    throw base::InputError({label, 0, 0, path},
                           "empty value (it would reset the key to its default without a word); give a value, "
                           "or " + path + "='' for empty text");

  YAML::Node value;
  try {
    check_yaml_limits(text, label);
    value = YAML::Load(text);
  } catch (const YAML::Exception&) {
    value = YAML::Node(text);
  }

  YAML::Node cursor;
  cursor.reset(root_);
  std::string walked;
  std::vector<std::string> created;  // keys the file does not have, made by this override
  for (std::size_t t = 0; t < tokens.size(); ++t) {
    const std::string& token = tokens[t];
    const bool last = t + 1 == tokens.size();
    if (token.front() == '[') {
      const std::string digits = token.substr(1, token.size() - 2);
      std::size_t index = 0;
      const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), index);
      const std::size_t items = cursor.IsSequence() ? cursor.size() : 0;
      if (error != std::errc() || !cursor.IsSequence() || index >= items)
        throw base::InputError({label, 0, 0, path},
                               (walked.empty() ? std::string("the scenario") : walked) + " has no item " + digits +
                                   (cursor.IsSequence() ? " (it has " + std::to_string(items) + ", counted from 0)"
                                                        : " (it is not a list)"));
      walked += token;
      if (last) {
        cursor[index] = value;
      } else {
        YAML::Node next = cursor[index];
        cursor.reset(next);
      }
    } else {
      if (!cursor.IsMap() && !cursor.IsNull())
        throw base::InputError({label, 0, 0, path}, walked + " is not a mapping");
      walked = child_path(walked, token);
      if (last) {
        cursor[token] = value;
      } else {
        if (!cursor[token] || cursor[token].IsNull()) {
          cursor[token] = YAML::Node(YAML::NodeType::Map);
          created.push_back(walked);
        }
        YAML::Node next = cursor[token];
        cursor.reset(next);
      }
    }
  }
  overridden_[path] = label;
  for (const auto& key : created) overridden_.emplace(key, label);
}

void ScenarioDocument::rethrow_located(const base::InputError& error) const {
  throw base::InputError(locate(error.where().key), error.message());
}

base::InputLocation ScenarioDocument::locate(const std::string& key) const {
  if (overridden(key)) return override_location(key);
  YAML::Node cursor;
  cursor.reset(root_);
  YAML::Mark mark = root_.Mark();
  for (const std::string& token : split_path(key)) {
    YAML::Node next;
    if (token.front() == '[') {
      std::size_t index = 0;
      const auto [end, error] = std::from_chars(token.data() + 1, token.data() + token.size() - 1, index);
      if (error != std::errc() || !cursor.IsSequence() || index >= cursor.size()) break;
      next.reset(cursor[index]);
    } else {
      if (!cursor.IsMap() || !cursor[token]) break;
      next.reset(cursor[token]);
    }
    cursor.reset(next);
    if (!cursor.Mark().is_null()) mark = cursor.Mark();
  }
  return location_of(file_, mark, key);
}

namespace {

// True when path is `parent` or lies below it ("a.b" covers "a.b", "a.b.c" and "a.b[0]", not "a.bc").
bool covers(const std::string& parent, const std::string& path) {
  if (path == parent) return true;
  return path.size() > parent.size() && path.compare(0, parent.size(), parent) == 0 &&
         (path[parent.size()] == '.' || path[parent.size()] == '[');
}

}  // namespace

bool ScenarioDocument::overridden(const std::string& path) const {
  return !override_location(path).file.empty();
}

base::InputLocation ScenarioDocument::override_location(const std::string& path) const {
  // The most specific override covering path: "--set a.b.c=1" beside "--set a.b={...}" names the former.
  const std::pair<const std::string, std::string>* best = nullptr;
  for (const auto& entry : overridden_)
    if (covers(entry.first, path) && (!best || entry.first.size() > best->first.size())) best = &entry;
  if (!best) return {"", 0, 0, path};
  return {best->second, 0, 0, path};
}

void ScenarioDocument::resolve(const KeySpec& root) {
  Validator(*this, file_).object(root_, root, "", root_.Mark());
  schema_ = &root;
}

std::string ScenarioDocument::resolved_yaml() const {
  YAML::Emitter out;
  if (schema_)
    emit_ordered(out, root_, *schema_);
  else
    out << root_;
  return std::string(out.c_str()) + "\n";
}

ScenarioNode ScenarioDocument::root() const { return ScenarioNode(this, root_, "", root_.Mark()); }
ScenarioNode ScenarioDocument::written_root() const { return ScenarioNode(this, *written_, "", root_.Mark()); }

}  // namespace twinlab::io
