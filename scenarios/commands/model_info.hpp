#pragma once
// `twinlab info MODEL_DIR`: what a surrogate's model.json says, as text (inputs with their training domain,
// outputs with test metrics, training, provenance).
#include <filesystem>
#include <string>

namespace twinlab::scenarios {

// Throws base::InputError when the directory holds no readable model.json.
std::string describe_model_directory(const std::filesystem::path& directory);

}  // namespace twinlab::scenarios
