# Entry points: `make demo` and `make test` do all the set-up on a fresh Debian 12.
JOBS ?= $(shell nproc)
.PHONY: deps build build-ci build-fuzz build-python demo test fuzz-long bench format clean

deps:
	@scripts/install-deps.sh

build: deps
	cmake --preset release
	cmake --build --preset release -j $(JOBS)

# The Python module alone, in the release tree (docs/python.md): PYTHONPATH=build/release/python.
build-python: deps
	cmake --preset release
	cmake --build --preset release -j $(JOBS) --target gigasim_python

build-ci: deps
	cmake --preset ci
	cmake --build --preset ci -j $(JOBS)

demo: build
	build/release/gigasim run scenarios/france-1gw.yaml --out out/france-1gw

build-fuzz: deps
	cmake --preset fuzz
	cmake --build --preset fuzz -j $(JOBS)

# Every test (sanitizers on), then a short run of each fuzz target (docs/robustness.md); the
# release Python module is built too, so that `import gigasim` works afterwards.
test: build-ci build-fuzz build-python
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
