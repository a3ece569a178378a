// Status and StatusOr: errors as values for the store (leveldb style). The
// store never throws; SQLITE_BUSY after the busy timeout is an error the
// caller can retry.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace smsdesk::store {

class [[nodiscard]] Status {
 public:
  enum class Code { kOk, kBusy, kConstraint, kCorrupt, kNotFound, kInvalid, kIo };

  Status() = default;
  static Status Ok() { return {}; }
  static Status Error(Code code, std::string message) { return Status(code, std::move(message)); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  bool busy() const { return code_ == Code::kBusy; }
  const std::string& message() const { return message_; }

 private:
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

template <class T>
class [[nodiscard]] StatusOr {
 public:
  StatusOr(T value) : data_(std::move(value)) {}  // NOLINT: implicit by design
  StatusOr(Status status) : data_(std::move(status)) { assert(!std::get<1>(data_).ok()); }  // NOLINT

  bool ok() const { return data_.index() == 0; }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<1>(data_);
  }
  T& value() & { assert(ok()); return std::get<0>(data_); }
  const T& value() const& { assert(ok()); return std::get<0>(data_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace smsdesk::store
