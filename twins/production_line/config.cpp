#include "twins/production_line/config.hpp"

namespace twinlab::twins::production_line {

std::string_view failure_basis_name(FailureBasis basis) {
  switch (basis) {
    case FailureBasis::None: return "none";
    case FailureBasis::Time: return "time";
    case FailureBasis::Operation: return "operation";
    case FailureBasis::Wear: return "wear";
  }
  return "unknown";
}

std::string_view maintenance_policy_name(MaintenancePolicy policy) {
  switch (policy) {
    case MaintenancePolicy::RunToFailure: return "run_to_failure";
    case MaintenancePolicy::Preventive: return "preventive";
    case MaintenancePolicy::ConditionBased: return "condition_based";
  }
  return "unknown";
}

std::string_view defect_handling_name(DefectHandling handling) {
  return handling == DefectHandling::Scrap ? "scrap" : "rework";
}

std::string_view source_kind_name(SourceKind kind) { return kind == SourceKind::Unlimited ? "unlimited" : "arrivals"; }

}  // namespace twinlab::twins::production_line
