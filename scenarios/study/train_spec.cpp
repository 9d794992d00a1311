#include "scenarios/study/train_spec.hpp"

#include <fmt/format.h>

#include "io/scenario_document.hpp"
#include "scenarios/study/surrogate_table.hpp"

namespace twinlab::scenarios {

using io::KeySpec;

namespace {

KeySpec make_train_spec_schema() {
  return KeySpec::object("", "A twinlab train spec (`twinlab train SPEC.yaml`): the flags of `twinlab train` in a file", {
      KeySpec::string("study", "study.h5 of a sweep or a CSV table, relative to this file; with `active:`, the "
                               "study file (YAML) whose design is the candidate pool"),
      KeySpec::scalar_list("inputs", "Inputs (default: every parameter of the study)").optional(),
      KeySpec::scalar_list("outputs", "Outputs (default: every KPI of the study)").optional(),
      KeySpec::scalar_list("log_outputs", "Outputs learnt in log10 (beside the automatic choice)").optional(),
      KeySpec::integer("members", "Ensemble members").at_least(1).at_most(64).optional(),
      KeySpec::number_list("hidden", "", "Hidden layer widths, e.g. [64, 64]").optional(),
      KeySpec::integer("epochs", "Largest number of epochs").at_least(10).at_most(1000000).optional(),
      KeySpec::integer("patience", "Epochs without a better validation loss before stopping").at_least(1)
          .at_most(1000000).optional(),
      KeySpec::integer("seed", "Seed of the split and the initial weights").at_least(0).optional(),
      KeySpec::string("output", "Model directory, relative to the current directory as -o").optional(),
      KeySpec::object("active", "Active learning (`train --active`): physics runs where the ensemble disagrees", {
          KeySpec::integer("budget", "Physics runs for training (required with active:)").at_least(13)
              .at_most(1000000).optional(),
          KeySpec::integer("initial", "First Sobol' runs (default: a quarter of the budget, at least 12)")
              .at_least(12).optional(),
          KeySpec::integer("batch", "Runs added per round (default: a quarter of the rest)").at_least(1).optional(),
          KeySpec::integer("test_runs", "Independent random test runs").at_least(8).optional(),
      }).optional(),
  });
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ",") + s;
  return out;
}

}  // namespace

const KeySpec& train_spec_schema() {
  static const KeySpec schema = make_train_spec_schema();
  return schema;
}

bool is_train_spec_file(const std::filesystem::path& path) {
  const std::string ext = path.extension().string();
  return ext == ".yaml" || ext == ".yml";
}

std::vector<int> parse_hidden_widths(const std::string& text, const base::InputLocation& where) {
  std::vector<int> widths;
  for (const std::string& w : split_list(text)) {
    int width = 0;
    std::size_t used = 0;
    try {
      width = std::stoi(w, &used);
    } catch (const std::exception&) {
    }
    if (width < 1 || width > 4096 || used != w.size())
      throw base::InputError(where, fmt::format("widths must be whole numbers 1-4096 (got '{}')", w));
    widths.push_back(width);
  }
  if (widths.empty()) throw base::InputError(where, "give at least one hidden layer width");
  return widths;
}

TrainSpec load_train_spec(const std::filesystem::path& file) {
  io::ScenarioDocument doc = io::ScenarioDocument::load_file(file);
  doc.resolve(train_spec_schema());
  const io::ScenarioNode root = doc.root();
  TrainSpec spec;
  spec.file = file;
  spec.study = std::filesystem::absolute(file).parent_path() / root.at("study").text();
  if (!std::filesystem::is_regular_file(spec.study))
    root.at("study").fail("no such file: " + spec.study.string() + " (the path is relative to the spec file)");
  for (const auto& [key, target] : {std::pair{"inputs", &spec.inputs}, std::pair{"outputs", &spec.outputs},
                                    std::pair{"log_outputs", &spec.log_outputs}})
    if (root.has(key)) *target = joined(root.at(key).texts());
  if (root.has("hidden")) {
    const io::ScenarioNode h = root.at("hidden");
    std::string text;
    for (const std::string& w : h.texts()) text += (text.empty() ? "" : ",") + w;
    base::InputLocation where = h.location();
    where.key = "hidden";
    parse_hidden_widths(text, where);  // checked here, at the key's place
    spec.hidden = text;
  }
  for (const auto& [key, target] : {std::pair{"members", &spec.members}, std::pair{"epochs", &spec.epochs},
                                    std::pair{"patience", &spec.patience}, std::pair{"seed", &spec.seed}})
    if (root.has(key)) *target = root.at(key).integer();
  if (root.has("output")) spec.output = root.at("output").text();
  if (doc.written_root().has("active")) {  // an object key always exists once resolved: was it written?
    const io::ScenarioNode a = root.at("active");
    if (!a.has("budget")) a.fail("active learning needs 'budget' (physics runs for training)");
    TrainSpecActive active;
    active.budget = a.at("budget").integer();
    if (a.has("initial")) active.initial = a.at("initial").integer();
    if (a.has("batch")) active.batch = a.at("batch").integer();
    if (a.has("test_runs")) active.test_runs = a.at("test_runs").integer();
    if (!is_train_spec_file(spec.study))
      root.at("study").fail("with active: the study must be a study file (.yaml) whose design is the pool");
    spec.active = active;
  } else if (is_train_spec_file(spec.study)) {
    root.at("study").fail("names a study file (.yaml): sweep it first (twinlab sweep) and give its study.h5, or "
                          "add an active: block for active learning");
  }
  return spec;
}

}  // namespace twinlab::scenarios
