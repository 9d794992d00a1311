#include "io/scenario_document.hpp"

#include <fstream>
#include <map>
#include <sstream>

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

YAML::Node ordered_copy(const YAML::Node& node, const KeySpec& spec) {
  if (spec.type == ValueType::Object) {
    YAML::Node out(YAML::NodeType::Map);
    for (const auto& key : spec.children)
      if (node[key.name]) out[key.name] = ordered_copy(node[key.name], key);
    return out;
  }
  if (spec.type == ValueType::List) {
    YAML::Node out(YAML::NodeType::Sequence);
    KeySpec item = KeySpec::object("", "", spec.children);
    for (const auto& element : node) out.push_back(ordered_copy(element, item));
    return out;
  }
  return YAML::Clone(node);
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
    double x = 0.0;
    long long n = 0;
    const bool ok = node.IsScalar() && (integral ? YAML::convert<long long>::decode(node, n)
                                                 : YAML::convert<double>::decode(node, x));
    if (!ok || (!integral && !std::isfinite(x)))
      fail(path, node, mark, std::string("must be ") + (integral ? "an integer" : "a finite number") + " (got " +
                                 shown(node) + ")");
    if (integral) x = static_cast<double>(n);
    const bool below = spec.min && (spec.min_exclusive ? x <= *spec.min : x < *spec.min);
    const bool beyond = spec.max && x > *spec.max;
    if (below || beyond) fail(path, node, mark, "must be " + describe_type(spec) + " (got " + shown(node) + ")");
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
    if (doc_.overridden(path)) throw base::InputError({"--set", 0, 0, path}, message);
    const YAML::Mark mark = node.Mark().is_null() ? fallback : node.Mark();
    throw base::InputError(location_of(file_, mark, path), message);
  }

  const ScenarioDocument& doc_;
  const std::string& file_;
};

}  // namespace

ScenarioDocument ScenarioDocument::load_file(const std::filesystem::path& path) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (std::filesystem::is_directory(status))
    throw base::InputError({path.string(), 0, 0, ""}, "is a directory, not a scenario file; name a .yaml file");
  if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status))
    throw base::InputError({path.string(), 0, 0, ""}, "is not a regular file; name a .yaml file");
  std::ifstream in(path);
  if (!in) throw base::InputError({path.string(), 0, 0, ""}, "cannot open the scenario file");
  std::stringstream text;
  text << in.rdbuf();
  return load_text(text.str(), path.string());
}

ScenarioDocument ScenarioDocument::load_text(const std::string& text, const std::string& file_label) {
  try {
    YAML::Node root = YAML::Load(text);
    if (root.IsNull()) root = YAML::Node(YAML::NodeType::Map);
    if (!root.IsMap())
      throw base::InputError(location_of(file_label, root.Mark(), ""), "a scenario must be a mapping of keys");
    check_keys(root, file_label);
    return ScenarioDocument(root, file_label);
  } catch (const YAML::ParserException& e) {
    throw base::InputError(location_of(file_label, e.mark, ""), "invalid YAML: " + e.msg);
  }
}

ScenarioDocument ScenarioDocument::clone() const {
  ScenarioDocument copy(YAML::Clone(root_), file_, written_);
  copy.overridden_ = overridden_;
  copy.schema_ = schema_;
  return copy;
}

void ScenarioDocument::apply_override(const std::string& assignment) {
  const std::size_t eq = assignment.find('=');
  const std::string path = assignment.substr(0, eq);
  if (eq == std::string::npos || eq == 0)
    throw base::InputError({"--set", 0, 0, assignment}, "expected dotted.key=value");
  const std::vector<std::string> tokens = split_path(path);
  if (tokens.empty()) throw base::InputError({"--set", 0, 0, path}, "malformed key path");

  YAML::Node value;
  try {
    value = YAML::Load(assignment.substr(eq + 1));
  } catch (const YAML::ParserException&) {
    value = YAML::Node(assignment.substr(eq + 1));
  }

  YAML::Node cursor;
  cursor.reset(root_);
  std::string walked;
  for (std::size_t t = 0; t < tokens.size(); ++t) {
    const std::string& token = tokens[t];
    const bool last = t + 1 == tokens.size();
    if (token.front() == '[') {
      const std::size_t index = std::stoul(token.substr(1, token.size() - 2));
      if (!cursor.IsSequence() || index >= cursor.size())
        throw base::InputError({"--set", 0, 0, path},
                              walked + " has no item " + std::to_string(index) + " to override");
      walked += token;
      if (last) {
        cursor[index] = value;
      } else {
        YAML::Node next = cursor[index];
        cursor.reset(next);
      }
    } else {
      if (!cursor.IsMap() && !cursor.IsNull())
        throw base::InputError({"--set", 0, 0, path}, walked + " is not a mapping");
      walked = child_path(walked, token);
      if (last) {
        cursor[token] = value;
      } else {
        if (!cursor[token] || cursor[token].IsNull()) cursor[token] = YAML::Node(YAML::NodeType::Map);
        YAML::Node next = cursor[token];
        cursor.reset(next);
      }
    }
  }
  overridden_.insert(path);
}

void ScenarioDocument::rethrow_located(const base::InputError& error) const {
  throw base::InputError(locate(error.where().key), error.message());
}

base::InputLocation ScenarioDocument::locate(const std::string& key) const {
  if (overridden(key)) return {"--set", 0, 0, key};
  YAML::Node cursor;
  cursor.reset(root_);
  YAML::Mark mark = root_.Mark();
  for (const std::string& token : split_path(key)) {
    YAML::Node next;
    if (token.front() == '[') {
      const std::size_t index = std::stoul(token.substr(1, token.size() - 2));
      if (!cursor.IsSequence() || index >= cursor.size()) break;
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

bool ScenarioDocument::overridden(const std::string& path) const {
  for (const auto& o : overridden_) {
    if (path == o) return true;
    if (path.size() > o.size() && path.compare(0, o.size(), o) == 0 && (path[o.size()] == '.' || path[o.size()] == '['))
      return true;
  }
  return false;
}

void ScenarioDocument::resolve(const KeySpec& root) {
  Validator(*this, file_).object(root_, root, "", root_.Mark());
  schema_ = &root;
}

std::string ScenarioDocument::resolved_yaml() const {
  YAML::Emitter out;
  out << (schema_ ? ordered_copy(root_, *schema_) : root_);
  return std::string(out.c_str()) + "\n";
}

ScenarioNode ScenarioDocument::root() const { return ScenarioNode(this, root_, "", root_.Mark()); }
ScenarioNode ScenarioDocument::written_root() const { return ScenarioNode(this, *written_, "", root_.Mark()); }

}  // namespace twinlab::io
