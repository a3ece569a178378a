// Result<T>: a value or an Error, for the codec and AT layers.
//
// Expected failures (a malformed PDU, a modem's +CMS ERROR) are values, not
// exceptions (docs/style.md). Result never throws; reading value() of an error is a
// programming bug and aborts in debug builds.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace smsdesk::modem {

struct Error {
  std::string message;
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}           // NOLINT: implicit by design
  Result(Error error) : data_(std::move(error)) {}       // NOLINT: implicit by design

  bool ok() const { return data_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { assert(ok()); return std::get<0>(data_); }
  const T& value() const& { assert(ok()); return std::get<0>(data_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const { assert(!ok()); return std::get<1>(data_); }

 private:
  std::variant<T, Error> data_;
};

inline Error MakeError(std::string message) { return Error{std::move(message)}; }

}  // namespace smsdesk::modem
