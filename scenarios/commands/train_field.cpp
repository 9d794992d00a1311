#include "scenarios/commands/train_field.hpp"

#include <optional>
#include <cmath>
#include <iostream>
#include <sstream>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "base/error.hpp"
#include "base/number_text.hpp"
#include "base/output_directory.hpp"
#include "base/progress.hpp"
#include "base/sha256.hpp"
#include "scenarios/study/field_table.hpp"
#include "scenarios/study/surrogate_table.hpp"
#include "surrogates/field_surrogate.hpp"

namespace twinlab::scenarios {

namespace fs = std::filesystem;
using base::InputError;

void define_field_train_options(CLI::App& command, FieldTrainArguments& a) {
  command.add_option("--field-frame", a.frame, "Field outputs: frame of the POD basis: auto (wind-aligned when an "
                                               "input is the wind direction), grid, wind")
      ->check(CLI::IsMember({"auto", "grid", "wind"}));
  command.add_option("--field-log", a.transform, "Field outputs: learn log10 of the field: auto (when it spans two "
                                                 "decades), log10, none")
      ->check(CLI::IsMember({"auto", "log10", "none"}));
  command.add_option("--field-floor", a.floor_fraction, "Field outputs, log10: values below this fraction of the "
                                                        "largest training value are raised to it (default 1e-5)")
      ->check(CLI::Range(1e-12, 0.1));
  command.add_option("--field-energy", a.energy, "Field outputs: keep the POD modes holding this fraction of the "
                                                 "energy (default 0.9999)")
      ->check(CLI::Range(0.5, 1.0));
  command.add_option("--field-modes", a.max_modes, "Field outputs: at most this many POD modes (default 16)")
      ->check(CLI::Range(1, 1024));
  command.add_option("--field-weights", a.weights, "Field outputs: loss weight of each mode's coefficient: energy "
                                                  "(its share of the field's variance), equal (default equal)")
      ->check(CLI::IsMember({"energy", "equal"}));
  command.add_option("--wind-direction", a.direction_input, "Field outputs: the wind-direction input (degrees, "
                                                            "blowing from): auto, an input's name, none");
  command.add_option("--field-origin", a.origin, "Field outputs: rotation centre x,y in m (default: the first "
                                                 "source of the study's scenario)");
}

namespace {

std::string error_text(const surrogates::FieldErrorSummary& e) {
  return fmt::format("median {:6.2f} %   p95 {:6.2f} %   max {:6.2f} %", 100.0 * e.median, 100.0 * e.p95, 100.0 * e.max);
}

double parse_coordinate(const std::string& text) {
  const std::optional<double> v = base::parse_finite_number(text);
  if (!v) throw InputError({"--field-origin", 0, 0, ""}, fmt::format("must be x,y in m (got '{}')", text));
  return *v;
}

}  // namespace

std::string field_report(const surrogates::ModelCard& card) {
  if (!card.field) return {};
  const surrogates::FieldCard& f = *card.field;
  std::ostringstream out;
  std::string shape;
  for (std::size_t i = 0; i < f.dims.size(); ++i)
    shape += fmt::format("{}{} {}", i ? " x " : "", f.coordinates[i].size(), f.dims[i]);
  out << fmt::format("field {} [{}] on {} nodes; {}{}; frame {}{}\n", f.name, f.units, shape,
                     f.transform == "log10" ? "log10" : "linear",
                     f.transform == "log10" ? fmt::format(" (floor {:.3g} = {:g} x largest)", f.floor, f.floor_fraction) : "",
                     f.frame, f.frame == "wind-aligned" ? fmt::format(" about ({:g}, {:g}) m, direction {}", f.origin_x_m,
                                                                        f.origin_y_m, f.direction_input)
                                                        : "");
  out << fmt::format("POD: {} modes, energy captured {:.6f} (asked {:g})\n", f.modes, f.energy_captured,
                     f.energy_fraction_asked);
  out << fmt::format("relative L2 error on {} test runs:\n", f.end_to_end.n);
  out << fmt::format("  projection floor (kept modes alone)  {}\n", error_text(f.projection_floor));
  out << fmt::format("  end to end (surrogate)               {}\n", error_text(f.end_to_end));
  if (!f.by_direction.empty()) {
    out << fmt::format("error against wind direction ({}), test runs:\n", f.direction_input);
    out << fmt::format("  {:>17} {:>4} {:>16} {:>16} {:>16}\n", "direction (deg)", "runs", "floor median",
                       "end-to-end med.", "end-to-end p95");
    for (const auto& b : f.by_direction)
      out << fmt::format("  {:>7.1f} - {:>7.1f} {:>4} {:>15.2f}% {:>15.2f}% {:>15.2f}%\n", b.from_deg, b.to_deg,
                         b.end_to_end.n, 100.0 * b.projection_floor.median, 100.0 * b.end_to_end.median,
                         100.0 * b.end_to_end.p95);
  }
  return out.str();
}

int train_field_surrogate_command(const fs::path& path, const std::string& inputs, const std::string& field,
                                  const std::string& output_dir, bool overwrite, surrogates::TrainingOptions options,
                                  const FieldTrainArguments& a) {
  FieldTableOptions table_options;
  table_options.inputs = inputs;
  table_options.field = field;
  table_options.direction_input = a.direction_input;
  if (!a.origin.empty()) {
    const auto parts = split_list(a.origin);
    if (parts.size() != 2) throw InputError({"--field-origin", 0, 0, ""}, fmt::format("must be x,y in m (got '{}')", a.origin));
    table_options.origin_m = std::make_pair(parse_coordinate(parts[0]), parse_coordinate(parts[1]));
  }
  const FieldTable table = read_field_table(path, table_options);

  surrogates::FieldOptions fo;
  fo.frame = a.frame == "grid" ? surrogates::FieldFrame::Grid
             : a.frame == "wind" ? surrogates::FieldFrame::WindAligned
                                 : surrogates::FieldFrame::Auto;
  fo.transform = a.transform == "log10" ? surrogates::LogChoice::Always
                 : a.transform == "none" ? surrogates::LogChoice::Never
                                         : surrogates::LogChoice::Auto;
  fo.floor_fraction = a.floor_fraction;
  fo.pod.energy_fraction = a.energy;
  fo.pod.max_modes = static_cast<std::size_t>(a.max_modes);
  fo.energy_weighted_loss = a.weights == "energy";
  if (fo.frame == surrogates::FieldFrame::WindAligned && !table.data.direction_input)
    throw InputError({"--field-frame", 0, 0, "wind"},
                     "needs a wind-direction input: sweep one (...wind_direction_deg) or name it with --wind-direction");

  const fs::path out_dir = output_dir.empty() ? fs::path("out") / "models" / path.stem() : fs::path(output_dir);
  const std::string problem = base::output_target_problem(out_dir, overwrite);
  if (!problem.empty()) throw InputError({"-o", 0, 0, out_dir.string()}, problem);
  spdlog::info("training a field surrogate of {} on {} runs of {}: {} inputs, {} members", field, table.data.rows,
               path.string(), table.data.input_names.size(), options.members);
  base::ProgressLine progress("train");
  options.progress = [&](int epoch, double, double) { progress.update(static_cast<double>(epoch) / options.max_epochs); };
  surrogates::ModelCard card;
  card.source_file = path.string();
  card.source_sha256 = base::sha256_file_hex(path);
  card.twinlab_version = TWINLAB_VERSION;
  base::StagingDirectory staging(out_dir, overwrite);
  try {
    card = surrogates::train_field_surrogate(table.data, fo, options, staging.path(), card);
  } catch (const InputError& e) {
    if (!e.where().file.empty()) throw;
    throw InputError({path.string(), 0, 0, e.where().key}, e.message());
  }
  progress.finish();
  staging.commit();
  std::cout << field_report(card);
  spdlog::info("model in {}", out_dir.string());
  return 0;
}

}  // namespace twinlab::scenarios
