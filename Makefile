# Entry points: `make demo` and `make test` do all the set-up on a fresh Debian 12.
JOBS ?= $(shell nproc)
.PHONY: deps build build-ci build-fuzz demo test fuzz-long bench format clean

deps:
	@scripts/install-deps.sh

build: deps
	cmake --preset release
	cmake --build --preset release -j $(JOBS)

build-ci: deps
	cmake --preset ci
	cmake --build --preset ci -j $(JOBS)

demo: build
	build/release/gigasim run scenarios/france-1gw.yaml --out out/france-1gw

build-fuzz: deps
	cmake --preset fuzz
	cmake --build --preset fuzz -j $(JOBS)

# Every test (sanitizers on), then a short run of each fuzz target (docs/robustness.md).
test: build-ci build-fuzz
	ctest --preset ci
	ctest --preset fuzz

# A long fuzzing session: FUZZ_SECONDS per target (default 30 minutes), one after another.
FUZZ_SECONDS ?= 1800
fuzz-long: build-fuzz
	cmake -DGIGASIM_FUZZ_SECONDS=$(FUZZ_SECONDS) build/fuzz
	ctest --preset fuzz

bench: build
	build/release/bench/gigasim_bench

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf build out
