# Warning and sanitizer flags shared by every gigasim target, through one interface target.
add_library(gigasim_options INTERFACE)
target_compile_options(gigasim_options INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion -Wnon-virtual-dtor
  -Wold-style-cast -Woverloaded-virtual -Wimplicit-fallthrough)
if(GIGASIM_WERROR)
  target_compile_options(gigasim_options INTERFACE -Werror)
endif()
if(GIGASIM_FUZZ)
  # Coverage for libFuzzer in every module; the fuzz targets link -fsanitize=fuzzer.
  target_compile_options(gigasim_options INTERFACE -fsanitize=fuzzer-no-link)
endif()
if(GIGASIM_SANITIZE)
  target_compile_options(gigasim_options INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(gigasim_options INTERFACE -fsanitize=address,undefined)
endif()
