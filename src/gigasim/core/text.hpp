// Text that comes from the user's files: whether it is UTF-8, and a short, escaped excerpt
// for messages, so that an error never echoes a whole line, a secret or a control byte.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace gigasim::core {

/// Offset of the first byte of `text` that is not part of valid UTF-8 (RFC 3629: no
/// overlong forms, no surrogates, nothing above U+10FFFF); npos if all of it is valid.
std::size_t invalid_utf8_at(std::string_view text);
inline bool is_utf8(std::string_view text) {
  return invalid_utf8_at(text) == std::string_view::npos;
}

/// At most `max_chars` characters of `text`: printable ASCII as is, other bytes as \xNN,
/// and "…" when it was cut. For quoting input in messages.
std::string excerpt(std::string_view text, std::size_t max_chars = 40);

}  // namespace gigasim::core
