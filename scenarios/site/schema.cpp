#include "scenarios/site/schema.hpp"

#include "scenarios/dispersion/schema.hpp"
#include "scenarios/production_line/schema.hpp"

namespace twinlab::scenarios {

using io::KeySpec;

KeySpec coupling_section_schema() {
  return KeySpec::object("coupling", "How the line's direct emissions feed a dispersion source", {
      KeySpec::string("source", "Name of the dispersion source (in dispersion.sources) that the line's direct "
                      "emissions (series/direct_emission_rate) feed; its rate comes from the line run, so it "
                      "takes no emission_rate_kg_s and no schedule in the file"),
      KeySpec::list("factors", "Kilograms of each pollutant emitted per kilogram of the line's direct emissions; "
                    "the run uses the factor of dispersion.pollutant.name", {
          KeySpec::string("pollutant", "Pollutant name, as dispersion.pollutant.name spells it (SO2, NOx, ...)"),
          KeySpec::number("kg_per_kg", "kg/kg", "kg of this pollutant per kg of direct emissions").above(0),
      }).items(1),
      KeySpec::choice("schedule", {"replication_mean", "replication"},
                      "Which line emission series drives the source: the mean over the line's replications, or "
                      "one replication (coupling.replication)").defaults("replication_mean"),
      KeySpec::integer("replication", "The line replication used with schedule: replication (0 = the first)")
          .at_least(0).defaults(0.0),
      KeySpec::number("start_s", "s", "Time of the dispersion run at which the line's measured window (after its "
                      "warm-up) begins; the source emits nothing outside that window. The line's series is in "
                      "calendar time, so its shift calendar (line.shifts) carries over: off-shift hours emit what "
                      "the frozen line emits").at_least(0).defaults(0.0),
  });
}

KeySpec site_section_schema() {
  return KeySpec::object("", "The coupled site twin's sections",
                         {line_section_schema(), dispersion_section_schema(), coupling_section_schema()});
}

}  // namespace twinlab::scenarios
