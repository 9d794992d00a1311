#include "scenarios/study/study_sampler_text.hpp"

#include "io/scenario_document.hpp"
#include "scenarios/study/study_file.hpp"

namespace twinlab::scenarios {

StudySampler study_sampler_from_text(const std::string& text, const std::string& file_label) {
  io::ScenarioDocument doc = io::ScenarioDocument::load_text(text, file_label);
  doc.resolve(study_schema());
  const io::ScenarioNode root = doc.root();
  const io::ScenarioNode s = root.at("sampler");
  StudySampler out;
  out.name = s.at("name").text();
  out.spec.dimension = root.at("parameters").size();
  out.spec.seed = static_cast<std::uint64_t>(root.at("seed").integer());
  if (s.has("samples")) out.spec.samples = static_cast<std::size_t>(s.at("samples").integer());
  if (s.has("levels"))
    for (const double l : s.at("levels").numbers()) out.spec.levels.push_back(static_cast<std::size_t>(l));
  out.spec.endpoints = s.at("endpoints").boolean();
  out.spec.scramble = s.at("scramble").boolean();
  out.spec.morris_levels = static_cast<std::size_t>(s.at("morris_levels").integer());
  return out;
}

}  // namespace twinlab::scenarios
