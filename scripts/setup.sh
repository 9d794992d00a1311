#!/usr/bin/env bash
# Installs the Debian packages twinlab needs, and nothing when they are all there already (idempotent).
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libboost-dev libeigen3-dev libhdf5-dev libtorch-dev libvtk9-dev
  catch2 libcli11-dev libyaml-cpp-dev libfmt-dev libspdlog-dev nlohmann-json3-dev
  # map projections (EPSG codes) of the dispersion twin: io/map_projection
  libproj-dev proj-data
  libopenmpi-dev openmpi-bin
  # fuzzing (scripts/fuzz.sh): clang with libFuzzer and its sanitizer runtimes, clang's OpenMP
  clang libclang-rt-14-dev libomp-dev
  # the notebook-side client the end-to-end tests use (Debian's /usr/bin/python3)
  python3 python3-h5py python3-xarray python3-h5netcdf python3-pandas python3-vtk9 python3-matplotlib xvfb netcdf-bin
  python3-torch
  # validates the example notebooks' JSON (tests/e2e/test_notebooks.py)
  python3-nbformat
  # an optimised BLAS for LibTorch (the reference BLAS is ~7x slower for the surrogates)
  libopenblas0-pthread
  # peers measured in the same run by the benchmarks (bench/peers/)
  python3-numpy python3-simpy python3-openturns
  # scikit-learn GaussianProcessRegressor and MLPRegressor against the surrogates (bench/bench_surrogate.cpp)
  python3-sklearn
  # `twinlab serve` (Boost.Beast is in libboost-dev above): the load generator of bench/bench_serve.sh
  wrk curl
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages present" >&2
  exit 0
fi
echo "setup: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
