#include "io/scenario_schema.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <sstream>

namespace twinlab::io {
namespace {

KeySpec make(std::string name, ValueType type, std::string unit, std::string doc) {
  KeySpec spec;
  spec.name = std::move(name);
  spec.type = type;
  spec.unit = std::move(unit);
  spec.doc = std::move(doc);
  return spec;
}

std::string number_text(double value) {
  std::ostringstream out;
  if (value == std::floor(value) && std::abs(value) < 1e15)
    out << static_cast<long long>(value);  // 1000000, not 1e+06
  else
    out << value;
  return out.str();
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t substitution = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      diagonal = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, substitution});
    }
  }
  return row[b.size()];
}

std::string default_text(const KeySpec& spec) {
  if (spec.type == ValueType::Object && !spec.default_yaml) return "";
  if (spec.is_optional) return "optional";
  if (!spec.default_yaml) return "**required**";
  if (spec.default_yaml->empty()) return "`\"\"`";
  return "`" + *spec.default_yaml + "`";
}

void append_tables(const KeySpec& object, const std::string& path, std::ostringstream& out) {
  out << "\n### `" << (path.empty() ? "(top level)" : path) << "`\n\n";
  if (!object.doc.empty()) out << object.doc << "\n\n";
  out << "| key | type | unit | default | description |\n|---|---|---|---|---|\n";
  for (const auto& key : object.children) {
    out << "| `" << key.name << "` | " << describe_type(key) << " | " << (key.unit.empty() ? "" : key.unit)
        << " | " << default_text(key) << " | " << key.doc << " |\n";
  }
  for (const auto& key : object.children) {
    if (key.type == ValueType::Object) append_tables(key, path.empty() ? key.name : path + "." + key.name, out);
    if (key.type == ValueType::List) append_tables(key, (path.empty() ? key.name : path + "." + key.name) + "[]", out);
  }
}

}  // namespace

KeySpec KeySpec::number(std::string name, std::string unit, std::string doc) {
  return make(std::move(name), ValueType::Number, std::move(unit), std::move(doc));
}
KeySpec KeySpec::integer(std::string name, std::string doc) {
  return make(std::move(name), ValueType::Integer, "", std::move(doc));
}
KeySpec KeySpec::boolean(std::string name, std::string doc) {
  return make(std::move(name), ValueType::Boolean, "", std::move(doc));
}
KeySpec KeySpec::string(std::string name, std::string doc) {
  return make(std::move(name), ValueType::String, "", std::move(doc));
}
KeySpec KeySpec::choice(std::string name, std::vector<std::string> choices, std::string doc) {
  KeySpec spec = make(std::move(name), ValueType::Choice, "", std::move(doc));
  spec.choices = std::move(choices);
  return spec;
}
KeySpec KeySpec::object(std::string name, std::string doc, std::vector<KeySpec> children) {
  KeySpec spec = make(std::move(name), ValueType::Object, "", std::move(doc));
  spec.children = std::move(children);
  return spec;
}
KeySpec KeySpec::list(std::string name, std::string doc, std::vector<KeySpec> item_keys) {
  KeySpec spec = make(std::move(name), ValueType::List, "", std::move(doc));
  spec.children = std::move(item_keys);
  return spec;
}

KeySpec KeySpec::number_list(std::string name, std::string unit, std::string doc) {
  return make(std::move(name), ValueType::NumberList, std::move(unit), std::move(doc));
}

KeySpec KeySpec::scalar_list(std::string name, std::string doc) {
  return make(std::move(name), ValueType::ScalarList, "", std::move(doc));
}

KeySpec KeySpec::optional() && {
  is_optional = true;
  return std::move(*this);
}

KeySpec KeySpec::also_called(std::vector<std::string> words) && {
  aliases = std::move(words);
  return std::move(*this);
}

KeySpec KeySpec::name_like() && {
  plain_name = true;
  return std::move(*this);
}

KeySpec KeySpec::defaults(double value) && {
  default_yaml = number_text(value);
  return std::move(*this);
}
KeySpec KeySpec::defaults(const std::string& yaml_text) && {
  default_yaml = yaml_text;
  return std::move(*this);
}
KeySpec KeySpec::defaults(const char* yaml_text) && { return std::move(*this).defaults(std::string(yaml_text)); }
KeySpec KeySpec::defaults(bool value) && {
  default_yaml = value ? "true" : "false";
  return std::move(*this);
}
KeySpec KeySpec::at_least(double lower) && {
  min = lower;
  min_exclusive = false;
  return std::move(*this);
}
KeySpec KeySpec::above(double lower) && {
  min = lower;
  min_exclusive = true;
  return std::move(*this);
}
KeySpec KeySpec::at_most(double upper) && {
  max = upper;
  return std::move(*this);
}
KeySpec KeySpec::because(std::string why) && {
  range_reason = std::move(why);
  return std::move(*this);
}
KeySpec KeySpec::items(double min_items, std::optional<double> max_items) && {
  min = min_items;
  max = max_items;
  return std::move(*this);
}

KeySpec KeySpec::or_word(std::string word) && {
  accepted_word = std::move(word);
  return std::move(*this);
}

const KeySpec* KeySpec::child(const std::string& key) const {
  for (const auto& c : children)
    if (c.name == key) return &c;
  return nullptr;
}

std::string describe_type(const KeySpec& spec) {
  std::string text;
  switch (spec.type) {
    case ValueType::Number: text = "number"; break;
    case ValueType::Integer: text = "integer"; break;
    case ValueType::Boolean: return "true/false";
    case ValueType::String: return spec.plain_name ? plain_name_rule : "text";
    case ValueType::Object: return "mapping";
    case ValueType::NumberList: return "list of numbers";
    case ValueType::ScalarList: return "list of values";
    case ValueType::Choice: {
      text = "one of ";
      for (std::size_t i = 0; i < spec.choices.size(); ++i) text += (i ? ", " : "") + spec.choices[i];
      return text;
    }
    case ValueType::List: {
      text = "list";
      if (spec.min && *spec.min > 0) text += " of >= " + number_text(*spec.min);
      if (spec.max) text += (spec.min && *spec.min > 0 ? ", <= " : " of <= ") + number_text(*spec.max);
      return text;
    }
  }
  if (spec.min) text += std::string(spec.min_exclusive ? " > " : " >= ") + number_text(*spec.min);
  if (spec.max) text += std::string(spec.min ? "," : "") + " <= " + number_text(*spec.max);
  if (!spec.accepted_word.empty()) text += ", or " + spec.accepted_word;
  return text;
}

std::string schema_markdown(const KeySpec& root, const std::string& root_path) {
  std::ostringstream out;
  append_tables(root, root_path, out);
  return out.str();
}

std::string nearest_key(const std::string& typed, const std::vector<std::string>& candidates) {
  const std::string word = lower(typed);
  std::string best;
  std::size_t best_distance = std::string::npos;
  for (const auto& candidate : candidates) {
    const std::size_t d = edit_distance(word, lower(candidate));
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  // Plausible: at most a third of the longer word differs, or one is a prefix of the other.
  const std::size_t allowed = std::max<std::size_t>(2, std::max(word.size(), best.size()) / 3);
  const std::string best_lower = lower(best);
  const bool prefix = !best.empty() && (best_lower.rfind(word, 0) == 0 || word.rfind(best_lower, 0) == 0);
  return (best_distance <= allowed || prefix) ? best : "";
}

std::string suggested_key(const std::string& word, const KeySpec& object) {
  const std::string typed = lower(word);
  for (const auto& key : object.children)
    for (const auto& alias : key.aliases)
      if (lower(alias) == typed) return key.name;
  std::vector<std::string> known;
  for (const auto& key : object.children) known.push_back(key.name);
  return nearest_key(word, known);
}

bool is_plain_name(const std::string& text) {
  if (text.empty() || text.size() > 64 || !std::isalnum(static_cast<unsigned char>(text.front()))) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
  });
}

}  // namespace twinlab::io
