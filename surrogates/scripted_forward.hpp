#pragma once
// Private to surrogates/ (includes LibTorch): loading a TorchScript module that maps raw inputs to
// (mean, std) and running it over many rows in bounded batches; shared by the scalar and the field models.
#include <torch/script.h>

#include <cstddef>
#include <exception>
#include <filesystem>
#include <string>
#include <utility>

namespace twinlab::surrogates::detail {

// The first line of an exception's message (LibTorch appends a C++ stack trace after it).
std::string first_line(const std::exception& e);

// torch::jit::load of weights, in eval mode; a load failure is a base::InputError at card_path's `weights`.
torch::jit::Module load_scripted_module(const std::filesystem::path& weights, const std::filesystem::path& card_path);

// forward(x) as (mean, std) in float64, contiguous; throws std::runtime_error when it is not a tuple of two tensors.
std::pair<torch::Tensor, torch::Tensor> run_forward(torch::jit::Module& module, const torch::Tensor& x);

// forward over `rows` rows of `inputs_per_row` float64 inputs, batch_rows rows per call (bounds the temporary
// activations), writing `outputs_per_row` means and stds per row into mean and std_dev (rows x outputs_per_row).
void forward_in_batches(torch::jit::Module& module, const double* inputs, std::size_t rows, std::size_t inputs_per_row,
                        std::size_t outputs_per_row, std::size_t batch_rows, double* mean, double* std_dev);

}  // namespace twinlab::surrogates::detail
