#include "scenarios/serve/model_repository.hpp"

#include <cctype>
#include <mutex>

#include <spdlog/spdlog.h>

#include "base/error.hpp"
#include "surrogates/field_surrogate.hpp"

namespace twinlab::scenarios {

namespace fs = std::filesystem;

namespace {

std::shared_ptr<const ServedModel> load_model(const std::string& name, const fs::path& directory) {
  if (surrogates::is_field_model_directory(directory))
    throw base::InputError({directory.string(), 0, 0, name},
                           "is a field surrogate; `serve` answers scalar surrogates only (use `twinlab predict` for fields)");
  auto served = std::make_shared<ServedModel>(ServedModel{name, directory, surrogates::SurrogateModel::load(directory), {}});
  for (const auto& in : served->model.card().inputs) served->input_names.push_back(in.name);
  return served;
}

}  // namespace

ModelRepository::ModelRepository(fs::path root) : root_(std::move(root)) {
  std::error_code ec;
  if (!root_.empty() && !fs::is_directory(root_, ec))
    throw base::InputError({"--models", 0, 0, root_.string()}, "is not a directory; give a folder of MODEL_DIRs (`twinlab train -o DIR/NAME`)");
}

bool ModelRepository::valid_name(const std::string& name) {
  if (name.empty() || name.size() > 128 || name.front() == '.') return false;
  for (const char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.')) return false;
  return true;
}

std::size_t ModelRepository::load_all() {
  if (root_.empty()) return 0;
  std::map<std::string, std::shared_ptr<const ServedModel>> loaded;
  std::vector<std::pair<std::string, fs::path>> candidates;
  if (fs::exists(root_ / "model.json")) {
    fs::path self = fs::absolute(root_).lexically_normal();
    if (!self.has_filename()) self = self.parent_path();  // "DIR/" names DIR
    candidates.emplace_back(self.filename().string(), root_);
    if (candidates.back().first.empty() || !valid_name(candidates.back().first)) candidates.back().first = "model";
  } else {
    for (const auto& entry : fs::directory_iterator(root_))
      if (entry.is_directory() && fs::exists(entry.path() / "model.json"))
        candidates.emplace_back(entry.path().filename().string(), entry.path());
  }
  for (const auto& [name, dir] : candidates) {
    if (!valid_name(name)) {
      spdlog::warn("serve: skipped {}: a model's folder name may hold letters, digits, '_', '-', '.'", dir.string());
      continue;
    }
    try {
      loaded[name] = load_model(name, dir);
      spdlog::info("serve: model {} loaded from {}", name, dir.string());
    } catch (const std::exception& e) {
      spdlog::warn("serve: skipped {}: {}", dir.string(), e.what());
    }
  }
  std::unique_lock lock(mutex_);
  models_ = std::move(loaded);
  return models_.size();
}

void ModelRepository::load(const std::string& name) {
  if (!valid_name(name))
    throw base::InputError({"model", 0, 0, name}, "is not a model name (letters, digits, '_', '-', '.')");
  if (root_.empty()) throw base::InputError({"model", 0, 0, name}, "cannot be loaded: the server was started without --models");
  fs::path dir = root_ / name;
  if (fs::exists(root_ / "model.json")) {  // --models is one model folder
    std::shared_lock lock(mutex_);
    if (models_.count(name)) dir = models_.at(name)->directory;
  }
  std::error_code ec;
  if (!fs::is_directory(dir, ec) || !fs::exists(dir / "model.json", ec))
    throw base::InputError({dir.string(), 0, 0, name}, "is not a model folder under --models (no model.json)");
  auto served = load_model(name, dir);  // outside the lock: the others keep serving while it loads
  std::unique_lock lock(mutex_);
  models_[name] = std::move(served);
}

std::shared_ptr<const ServedModel> ModelRepository::find(const std::string& name) const {
  std::shared_lock lock(mutex_);
  const auto it = models_.find(name);
  return it == models_.end() ? nullptr : it->second;
}

std::vector<std::string> ModelRepository::names() const {
  std::shared_lock lock(mutex_);
  std::vector<std::string> out;
  for (const auto& [name, m] : models_) out.push_back(name);
  return out;
}

std::size_t ModelRepository::size() const {
  std::shared_lock lock(mutex_);
  return models_.size();
}

}  // namespace twinlab::scenarios
