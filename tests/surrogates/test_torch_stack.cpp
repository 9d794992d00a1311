// Proves the LibTorch part of the stack builds, links and trains on this machine (CPU), before the
// surrogate models themselves arrive: a least-squares fit by gradient descent must recover a known line.
#include <catch2/catch.hpp>

#include <torch/torch.h>
// LibTorch (through glog) defines its own CHECK macro, so this file asserts with REQUIRE only.

TEST_CASE("LibTorch trains a linear model to the known coefficients") {
  torch::manual_seed(7);
  // y = 3 x - 2 exactly, x on [-1, 1]: the least-squares optimum is (3, -2) with zero loss.
  const torch::Tensor x = torch::linspace(-1.0, 1.0, 64, torch::kFloat64).unsqueeze(1);
  const torch::Tensor y = 3.0 * x - 2.0;
  torch::nn::Linear model(torch::nn::LinearOptions(1, 1));
  model->to(torch::kFloat64);
  torch::optim::SGD optimiser(model->parameters(), torch::optim::SGDOptions(0.5));
  for (int epoch = 0; epoch < 500; ++epoch) {
    optimiser.zero_grad();
    const torch::Tensor loss = torch::mse_loss(model->forward(x), y);
    loss.backward();
    optimiser.step();
  }
  // Gradient descent on this convex quadratic contracts the error by a fixed factor per step (< 0.7 for
  // lr 0.5 and these x): after 500 steps the parameters sit at the optimum to ~1e-12.
  REQUIRE(model->weight.item<double>() == Approx(3.0).margin(1e-9));
  REQUIRE(model->bias.item<double>() == Approx(-2.0).margin(1e-9));
}
