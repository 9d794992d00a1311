#pragma once
// LibTorch's run-time settings for the layers above, without torch headers (the layer rule).
#include <string>
#include <vector>

namespace twinlab::surrogates {

// Threads of LibTorch's intra-op pool (torch::set_num_threads) and, when the BLAS in use is OpenBLAS, of its
// own thread pool (openblas_set_num_threads, looked up at run time: Debian's LibTorch calls the system BLAS,
// whose pthread build otherwise keeps one thread per core).
void set_inference_threads(int threads);
int inference_threads();  // torch::get_num_threads()

// The BLAS and LAPACK shared libraries mapped into this process (/proc/self/maps), resolved paths such as
// "/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3": which one LibTorch's matrix products use.
std::vector<std::string> blas_in_use();

}  // namespace twinlab::surrogates
