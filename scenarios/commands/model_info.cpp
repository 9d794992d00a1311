#include "scenarios/commands/model_info.hpp"

#include <sstream>

#include <fmt/format.h>

#include "scenarios/commands/train_field.hpp"
#include "surrogates/model_card.hpp"

namespace twinlab::scenarios {

std::string describe_model_directory(const std::filesystem::path& directory) {
  const surrogates::ModelCard c = surrogates::read_model_card(directory / "model.json");
  std::ostringstream out;
  out << fmt::format("surrogate {} ({}, trained by {}, twinlab {})\n", directory.string(), c.kind, c.trained_by,
                     c.twinlab_version.empty() ? "?" : c.twinlab_version);
  out << fmt::format("weights: {}\n", (directory / c.weights_file).string());
  if (!c.source_file.empty()) out << fmt::format("trained on: {} (sha256 {})\n", c.source_file, c.source_sha256);
  out << "inputs (training domain):\n";
  for (const auto& in : c.inputs)
    out << fmt::format("  {:<40} [{:g}, {:g}] {}{}\n", in.name, in.min, in.max, in.units,
                       in.scaling && in.scaling->log10 ? " (log10)" : "");
  if (c.density)
    out << fmt::format("  training points: {}, nearest-neighbour distance in the unit box: median {:.3g}, 95% {:.3g}\n",
                       c.density->points, c.density->nearest_median, c.density->nearest_p95);
  out << "outputs (test runs):\n";
  for (const auto& o : c.outputs) {
    out << fmt::format("  {:<40} {}{}", o.name, o.units, o.scaling && o.scaling->log10 ? " (log10)" : "");
    if (o.test)
      out << fmt::format("  R^2 {:.4f}  RMSE {:.4g}  rel.err {:.2f}%  NLL {:.3f}  +-1sig {:.1f}%  +-2sig {:.1f}%",
                         o.test->r2, o.test->rmse, 100.0 * o.test->mean_relative_error, o.test->mean_nll,
                         100.0 * o.test->coverage_1sigma, 100.0 * o.test->coverage_2sigma);
    out << "\n";
  }
  if (c.members > 0)
    out << fmt::format("training: {} members, hidden layers [{}], {}, seed {}; runs: {} train, {} validation, {} test\n",
                       c.members, fmt::join(c.hidden_layers, ", "), c.activation, c.seed, c.train_rows,
                       c.validation_rows, c.test_rows);
  out << field_report(c);  // field surrogates only
  return out.str();
}

}  // namespace twinlab::scenarios
