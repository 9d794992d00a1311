#pragma once
// First-in first-out queue on a growable power-of-two ring: push/pop are a store, a load and a mask;
// storage only grows (doubling), so a queue that reached its working size never allocates again.
#include <cstddef>
#include <vector>

namespace twinlab::sim {

template <class T>
class RingBuffer {
 public:
  explicit RingBuffer(std::size_t initial_capacity = 8) {
    std::size_t c = 1;
    while (c < initial_capacity) c <<= 1;
    data_.resize(c);
    mask_ = c - 1;
  }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  std::size_t capacity() const { return data_.size(); }

  void push_back(const T& value) {
    if (size_ == data_.size()) grow();
    data_[(head_ + size_) & mask_] = value;
    ++size_;
  }
  T pop_front() {
    const T value = data_[head_];
    head_ = (head_ + 1) & mask_;
    --size_;
    return value;
  }
  const T& front() const { return data_[head_]; }
  // i-th element from the front (0 = front).
  const T& operator[](std::size_t i) const { return data_[(head_ + i) & mask_]; }
  void clear() { head_ = size_ = 0; }

 private:
  void grow() {
    std::vector<T> bigger(data_.size() * 2);
    for (std::size_t i = 0; i < size_; ++i) bigger[i] = (*this)[i];
    data_.swap(bigger);
    head_ = 0;
    mask_ = data_.size() - 1;
  }

  std::vector<T> data_;
  std::size_t head_ = 0, size_ = 0, mask_ = 0;
};

}  // namespace twinlab::sim
