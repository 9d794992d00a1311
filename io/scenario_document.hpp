#pragma once
// A scenario file as a validated tree: load YAML (parse errors with line and column), apply command-line
// overrides by dotted key (`dispersion.sources[1].height_m=40`), check every key against a KeySpec schema
// (unknown keys with a suggestion, types, ranges, required keys), fill in defaults, and read typed values
// through ScenarioNode views that raise InputError at the value's file:line:column.
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "io/scenario_schema.hpp"
#include "base/error.hpp"

namespace twinlab::io {

class ScenarioNode;

class ScenarioDocument {
 public:
  // Throws InputError when the file is missing, unreadable or not valid YAML.
  static ScenarioDocument load_file(const std::filesystem::path& path);
  // `file_label` names the text in messages (e.g. "<built-in default>").
  static ScenarioDocument load_text(const std::string& text, const std::string& file_label);

  // A deep copy (the YAML tree is not shared): a sweep parses its base scenario once and copies it per run.
  // yaml-cpp's Clone drops the line:column marks: errors in the copy name the file and key only.
  ScenarioDocument clone() const;

  // "dotted.key[2].path=value"; value is read as YAML (6.5, true, "text", [1, 2]). InputError on bad syntax,
  // an empty value (which YAML reads as null, i.e. "use the default": write key='' for empty text) or a
  // list index beyond the list. Errors in what it set are placed at `label`, by default "--set ASSIGNMENT"
  // (e.g. "--seed" for the seed option).
  void apply_override(const std::string& assignment, const std::string& label = "");

  // Checks the tree against root (a KeySpec of type Object) and fills in every default. InputError on the
  // first problem found, located at the offending value (or at "--set" when an override introduced it).
  void resolve(const KeySpec& root);

  // The resolved tree as YAML text, keys in schema order (what `twinlab validate` prints and results store).
  std::string resolved_yaml() const;

  ScenarioNode root() const;
  // The document as the file wrote it: no overrides, no defaults (to tell a key the user gave from a default).
  ScenarioNode written_root() const;
  const std::string& file() const { return file_; }

  // Re-raises an InputError that names a dotted key but no place (e.g. from a twin's own checks) at that
  // key's place in this document: the deepest existing node on the path (or "--set" if overridden).
  [[noreturn]] void rethrow_located(const base::InputError& error) const;

  // The place of a dotted key in this document, as rethrow_located finds it (for errors and warnings).
  base::InputLocation locate(const std::string& key) const;

  // True when path (or a parent of it) was set by --set, or created by one (a key the file does not have).
  bool overridden(const std::string& path) const;
  // The place of a value set by --set: {"--set key=value", 0, 0, path}; file empty when not overridden.
  base::InputLocation override_location(const std::string& path) const;

 private:
  ScenarioDocument(YAML::Node root, std::string file, std::shared_ptr<const YAML::Node> written = nullptr)
      : root_(std::move(root)),
        written_(written ? std::move(written) : std::make_shared<const YAML::Node>(YAML::Clone(root_))),
        file_(std::move(file)) {}

  YAML::Node root_;
  // Read-only; copies of the document share it through the pointer (assigning yaml-cpp nodes would merge
  // their memory pools, which then grow with every copy).
  std::shared_ptr<const YAML::Node> written_;
  std::string file_;
  std::map<std::string, std::string> overridden_;  // dotted path -> label of the override that set it
  const KeySpec* schema_ = nullptr;  // set by resolve(); the schema outlives the document
};

// A read-only view of one resolved value with its dotted path and location.
class ScenarioNode {
 public:
  ScenarioNode(const ScenarioDocument* doc, YAML::Node node, std::string path, YAML::Mark nearest_mark);

  ScenarioNode at(const std::string& key) const;  // a mapping's child; base::InputError if absent
  bool has(const std::string& key) const;
  std::size_t size() const;                       // a list's length
  ScenarioNode item(std::size_t index) const;     // a list's item

  double number() const;
  long long integer() const;
  bool boolean() const;
  std::string text() const;
  std::vector<double> numbers() const;          // a list of numbers
  std::vector<std::string> texts() const;       // a list of scalars, as written

  const std::string& path() const { return path_; }
  const ScenarioDocument& document() const { return *doc_; }
  base::InputLocation location() const;
  [[noreturn]] void fail(const std::string& message) const;  // throws base::InputError at this value

 private:
  const ScenarioDocument* doc_;
  YAML::Node node_;
  std::string path_;
  YAML::Mark mark_;
};

}  // namespace twinlab::io
