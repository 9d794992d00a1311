#include "surrogates/torch_runtime.hpp"

#include <dlfcn.h>

#include <algorithm>
#include <fstream>

#include <torch/torch.h>

namespace twinlab::surrogates {

void set_inference_threads(int threads) {
  torch::set_num_threads(threads);
  using SetThreads = void (*)(int);
  if (auto* openblas = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads")))
    openblas(threads);
}

int inference_threads() { return torch::get_num_threads(); }

std::vector<std::string> blas_in_use() {
  std::vector<std::string> found;
  std::ifstream maps("/proc/self/maps");
  for (std::string line; std::getline(maps, line);) {
    const auto slash = line.find('/');
    if (slash == std::string::npos) continue;
    const std::string path = line.substr(slash);
    const std::string file = path.substr(path.rfind('/') + 1);
    const bool blas = file.find("blas") != std::string::npos || file.find("lapack") != std::string::npos ||
                      file.find("libmkl") != std::string::npos || file.find("libblis") != std::string::npos;
    if (blas && std::find(found.begin(), found.end(), path) == found.end()) found.push_back(path);
  }
  return found;
}

}  // namespace twinlab::surrogates
