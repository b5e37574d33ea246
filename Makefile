# Entry points: `make demo` and `make test` do all the set-up on a fresh Debian 12.
JOBS ?= $(shell nproc)
.PHONY: deps build build-ci demo test bench format clean

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

test: build-ci
	ctest --preset ci

bench: build
	build/release/bench/gigasim_bench

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf build out
