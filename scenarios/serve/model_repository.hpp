#pragma once
// The surrogates `twinlab serve` answers for: every scalar MODEL_DIR (model.json + weights) directly under
// --models, named by its folder, loaded at start; one can be (re)loaded while the others keep serving.
#include <filesystem>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <vector>

#include "surrogates/scalar_surrogate.hpp"

namespace twinlab::scenarios {

struct ServedModel {
  std::string name;
  std::filesystem::path directory;
  surrogates::SurrogateModel model;
  std::vector<std::string> input_names;  // card order
};

class ModelRepository {
 public:
  // Throws base::InputError (key --models) when root is not a directory. An empty path serves no model.
  explicit ModelRepository(std::filesystem::path root);

  // Loads every model folder under root (or root itself when it is a model folder); a folder that fails to
  // load is skipped with a warning naming it. Returns the number loaded.
  std::size_t load_all();
  // (Re)loads root/name and swaps it in; requests already holding the old model finish with it.
  // Throws base::InputError when the name is not a plain folder name or the folder is not a loadable model.
  void load(const std::string& name);

  std::shared_ptr<const ServedModel> find(const std::string& name) const;
  std::vector<std::string> names() const;
  std::size_t size() const;

  // A model name: letters, digits, '_', '-', '.', not starting with '.', at most 128 characters.
  static bool valid_name(const std::string& name);

 private:
  std::filesystem::path root_;
  mutable std::shared_mutex mutex_;
  std::map<std::string, std::shared_ptr<const ServedModel>> models_;
};

}  // namespace twinlab::scenarios
