#include "surrogates/native_ensemble.hpp"

#include <algorithm>
#include <cmath>

#include <Eigen/Dense>

namespace twinlab::surrogates::detail {
namespace {

using MatrixF = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using MatrixD = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// Rows per block: the activations of a block stay in the caches (256 x 64 floats = 64 KiB).
constexpr std::size_t kBlockRows = 256;

// Scratch buffers per thread, so that repeated calls do not allocate.
struct Scratch {
  MatrixF z, a, b;
  MatrixD sum_mu, sum_second;
};

}  // namespace

void NativeEnsemble::evaluate(const double* x, std::size_t rows, double* mean, double* std) const {
  thread_local Scratch s;
  const std::size_t m = outputs;
  const double inv_members = 1.0 / static_cast<double>(members);
  for (std::size_t start = 0; start < rows; start += kBlockRows) {
    const auto n = static_cast<Eigen::Index>(std::min(kBlockRows, rows - start));
    // Inputs -> scaled, as forward(): xt = log10(max(x, 1e-300)) where in_log; (xt - shift) / scale.
    s.z.resize(n, static_cast<Eigen::Index>(inputs));
    for (Eigen::Index r = 0; r < n; ++r) {
      const double* row = x + (start + static_cast<std::size_t>(r)) * inputs;
      for (std::size_t c = 0; c < inputs; ++c) {
        const double xt = in_log[c] ? std::log10(std::max(row[c], 1e-300)) : row[c];
        s.z(r, static_cast<Eigen::Index>(c)) = static_cast<float>((xt - in_shift[c]) / in_scale[c]);
      }
    }
    s.sum_mu.setZero(n, static_cast<Eigen::Index>(m));
    s.sum_second.setZero(n, static_cast<Eigen::Index>(m));
    for (std::size_t k = 0; k < members; ++k) {
      const MatrixF* in = &s.z;
      for (std::size_t l = 0; l < layers.size(); ++l) {
        const Layer& L = layers[l];
        const auto fi = static_cast<Eigen::Index>(L.fan_in), fo = static_cast<Eigen::Index>(L.fan_out);
        const Eigen::Map<const MatrixF> w(L.weights.data() + k * L.fan_in * L.fan_out, fi, fo);
        const Eigen::Map<const Eigen::RowVectorXf> b(L.biases.data() + k * L.fan_out, fo);
        MatrixF& out = (in == &s.a) ? s.b : s.a;
        out.resize(n, fo);
        out.noalias() = *in * w;
        out.rowwise() += b;
        if (l + 1 < layers.size()) out = out.array().tanh().matrix();
        in = &out;
      }
      // Head: mu and a per output; var = softplus(a) + floor (stable form), accumulated for the mixture.
      for (Eigen::Index r = 0; r < n; ++r) {
        for (std::size_t c = 0; c < m; ++c) {
          const double mu = (*in)(r, static_cast<Eigen::Index>(c));
          const double a = (*in)(r, static_cast<Eigen::Index>(m + c));
          const double var = std::log1p(std::exp(-std::abs(a))) + std::max(a, 0.0) + variance_floor;
          s.sum_mu(r, static_cast<Eigen::Index>(c)) += mu;
          s.sum_second(r, static_cast<Eigen::Index>(c)) += var + mu * mu;
        }
      }
    }
    for (Eigen::Index r = 0; r < n; ++r) {
      for (std::size_t c = 0; c < m; ++c) {
        const auto cc = static_cast<Eigen::Index>(c);
        const double mixture_mean = s.sum_mu(r, cc) * inv_members;
        const double sigma = std::sqrt(std::max(s.sum_second(r, cc) * inv_members - mixture_mean * mixture_mean, 1e-300));
        const double t = mixture_mean * out_scale[c] + out_shift[c];
        const double spread = sigma * out_std_scale[c] * out_scale[c];
        const double raw = out_log[c] ? std::pow(10.0, t) : t;
        const std::size_t at = (start + static_cast<std::size_t>(r)) * m + c;
        mean[at] = raw;
        std[at] = out_log[c] ? 2.302585092994046 * raw * spread : spread;
      }
    }
  }
}

}  // namespace twinlab::surrogates::detail
