#pragma once
// The one declaration of scenario keys: each key's type, unit, default, allowed range and one-line doc.
// Validation (io/scenario_validate), `twinlab validate` and docs/scenarios.md (schema_markdown) all read it,
// so they cannot drift apart. Domain-free: the twins' key tables are declared in scenarios/.
#include <optional>
#include <string>
#include <vector>

namespace twinlab::io {

enum class ValueType { Number, Integer, Boolean, String, Choice, Object, List, NumberList, ScalarList };

struct KeySpec {
  std::string name;
  ValueType type = ValueType::Number;
  std::string unit;                          // SI unit text ("m/s"), empty when dimensionless
  std::string doc;                           // one line
  std::optional<std::string> default_yaml;   // YAML text of the default; none = required (unless optional)
  bool is_optional = false;                  // may be left out, and then stays absent (no default)
  std::optional<double> min, max;            // Number / Integer range, and List item count for List
  bool min_exclusive = false;
  std::vector<std::string> choices;          // Choice
  std::vector<KeySpec> children;             // Object keys, or the keys of each List item (a mapping)
  std::vector<std::string> aliases;          // words users type for this key (mtbf, repair_time): suggestions only
  bool plain_name = false;                   // String: a name safe as a file name (see plain_name_rule)
  std::string range_reason;                  // why the range is what it is: added to an out-of-range message
  std::string accepted_word;                 // Number / Integer: a word accepted instead (e.g. "auto")

  // Fluent declaration helpers: KeySpec::number("speed_m_s", "m/s", "Wind speed").at_least(0).defaults(5)
  static KeySpec number(std::string name, std::string unit, std::string doc);
  static KeySpec integer(std::string name, std::string doc);
  static KeySpec boolean(std::string name, std::string doc);
  static KeySpec string(std::string name, std::string doc);
  static KeySpec choice(std::string name, std::vector<std::string> choices, std::string doc);
  static KeySpec object(std::string name, std::string doc, std::vector<KeySpec> children);
  static KeySpec list(std::string name, std::string doc, std::vector<KeySpec> item_keys);
  static KeySpec number_list(std::string name, std::string unit, std::string doc);  // [1.5, 2, 3]
  static KeySpec scalar_list(std::string name, std::string doc);                      // [A, 2.5, true]

  KeySpec defaults(double value) &&;
  KeySpec defaults(const std::string& yaml_text) &&;
  KeySpec defaults(const char* yaml_text) &&;
  KeySpec defaults(bool value) &&;
  KeySpec at_least(double lower) &&;       // value >= lower
  KeySpec above(double lower) &&;          // value > lower
  KeySpec at_most(double upper) &&;        // value <= upper
  KeySpec because(std::string why) &&;     // the reason for the range, told with an out-of-range value
  KeySpec items(double min_items, std::optional<double> max_items = std::nullopt) &&;  // List length
  KeySpec optional() &&;                   // may be absent; the reader checks whether it was given
  KeySpec also_called(std::vector<std::string> words) &&;  // an unknown key equal to one of them suggests this key
  KeySpec name_like() &&;                  // String restricted by plain_name_rule
  KeySpec or_word(std::string word) &&;    // Number / Integer: this word is accepted instead of a value

  bool required() const { return !default_yaml && !is_optional && type != ValueType::Object; }
  const KeySpec* child(const std::string& key) const;
};

// What a name_like() string may hold: it becomes a directory name, so it can never be empty, ".", "..", a
// path, or hold characters a shell or file system treats specially.
inline constexpr const char* plain_name_rule =
    "a name of 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit";
bool is_plain_name(const std::string& text);

// Human text of a type with its constraint, e.g. "number >= 0", "one of A, B, C".
std::string describe_type(const KeySpec& spec);

// Markdown reference of every key below root (one table per object/list), for docs/scenarios.md.
std::string schema_markdown(const KeySpec& root, const std::string& root_path = "");

// The closest of `candidates` to `word` by edit distance, ignoring case, or "" when none is plausibly meant.
std::string nearest_key(const std::string& word, const std::vector<std::string>& candidates);

// The key of `object` an unknown `word` most likely means: one whose alias it is (ignoring case), else the
// nearest key name; "" when none.
std::string suggested_key(const std::string& word, const KeySpec& object);

}  // namespace twinlab::io
