#include "gigasim/core/text.hpp"

#include <cstdint>
#include <cstdio>

namespace gigasim::core {

std::size_t invalid_utf8_at(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t n = 0;
    std::uint32_t min = 0;
    if (c < 0x80) {
      ++i;
      continue;
    }
    if ((c & 0xE0) == 0xC0) {
      n = 2, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      n = 3, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      n = 4, min = 0x10000;
    } else {
      return i;
    }
    if (i + n > text.size()) return i;
    std::uint32_t code = c & (0x7FU >> n);
    for (std::size_t k = 1; k < n; ++k) {
      const auto follow = static_cast<unsigned char>(text[i + k]);
      if ((follow & 0xC0) != 0x80) return i;
      code = (code << 6) | (follow & 0x3FU);
    }
    if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return i;
    i += n;
  }
  return std::string_view::npos;
}

std::string excerpt(std::string_view text, std::size_t max_chars) {
  std::string out;
  std::size_t chars = 0;
  for (const char ch : text) {
    if (chars == max_chars) {
      out += "…";
      break;
    }
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x20 && c < 0x7F) {
      out += ch;
    } else {
      char code[8];
      std::snprintf(code, sizeof code, "\\x%02X", c);
      out += code;
    }
    ++chars;
  }
  return out;
}

}  // namespace gigasim::core
