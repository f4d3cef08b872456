#!/usr/bin/env sh
# Mutation testing of cxgap's core, by hand (not in CI: it takes long).
#
#   sh tools/mutation.sh                      # the core: analysis/, gate/compare.py, gate/policy.py, xref.py, yamlbuild.py
#   sh tools/mutation.sh cxgap/gate/policy.py # only some files
#   MUTATION_JOBS=1 sh tools/mutation.sh      # on a shared machine
#   MUTATION_TESTS="tests/test_diff.py" sh tools/mutation.sh cxgap/gate/compare.py
#                                             # only the tests that matter for those files
#   MUTATION_RUN=xref sh tools/mutation.sh cxgap/xref.py
#                                             # a second run beside the first (.mutation/tree-xref)
#   MUTATION_MEMORY_KB=2097152 sh tools/mutation.sh   # each process's memory cap (default 4 GiB)
#   MUTATION_ONLY="cxgap.xref.x_check_links__mutmut_*" sh tools/mutation.sh cxgap/xref.py
#                                             # only these mutants (mutmut's names, globs): a sample
#
# It makes its own virtual environment (.mutation/venv, git-ignored) with
# cxgap's dev extra and mutmut 3, writes mutmut's settings into a scratch copy
# of the tree (.mutation/tree), and runs mutmut there against a fast subset of
# the tests (FAST_TESTS below, or MUTATION_TESTS when set: the engine, rule
# cases, recomputation, experience and blueprint, properties, loader,
# yamlbuild, diff and check tests; no browser, fuzz or subprocess-heavy
# files). `mutmut results` in .mutation/tree lists the
# survivors, `mutmut show NAME` shows one. The work tree is never modified.
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
work="$root/.mutation"
venv="$work/venv"
jobs=${MUTATION_JOBS:-2}
FAST_TESTS=${MUTATION_TESTS:-"tests/test_engine.py tests/test_rule_cases.py tests/test_recompute.py \
tests/test_experience.py tests/test_blueprint.py tests/test_experience_blueprint.py tests/test_experience_properties.py \
tests/test_properties.py tests/test_loader.py tests/test_yamlbuild.py tests/test_diff.py tests/test_check_policy.py \
tests/test_check_locations.py tests/test_spec_examples.py"}
if [ "$#" -gt 0 ]; then
  targets="$*"
else
  targets="cxgap/analysis/ cxgap/gate/compare.py cxgap/gate/policy.py cxgap/xref.py cxgap/yamlbuild.py"
fi

if [ ! -x "$venv/bin/mutmut" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q ".[dev]" "mutmut>=3.2,<4"
  "$venv/bin/pip" uninstall -q -y cxgap  # the mutants' copy of cxgap must be the one imported
fi

tree="$work/tree${MUTATION_RUN:+-$MUTATION_RUN}"
results="$work/results${MUTATION_RUN:+-$MUTATION_RUN}.txt"
rm -rf "$tree"
mkdir -p "$tree"
git ls-files -z | xargs -0 cp --parents -t "$tree"
cd "$tree"
{
  echo ""
  echo "[tool.mutmut]"
  echo 'source_paths = ["cxgap/"]'
  # every module of cxgap is copied; only the targets are mutated
  printf 'do_not_mutate = ['
  for f in $(git -C "$root" ls-files 'cxgap/*.py'); do
    keep=no
    for t in $targets; do case "$f" in "$t"*) keep=yes ;; esac; done
    [ "$keep" = yes ] || printf '"%s", ' "$f"
  done
  echo ']'
  echo 'also_copy = ["journeys/", "examples/", "bench/", "tests/"]'
  printf 'pytest_add_cli_args_test_selection = ['; for t in $FAST_TESTS; do printf '"%s", ' "$t"; done; echo ']'
  echo 'pytest_add_cli_args = ["-q", "-p", "no:cacheprovider", "-m", "not slow and not browser", "-x"]'
} >> pyproject.toml
# A mutant can loop forever appending to a list (blueprint.py's `member = None` grew to 6 GB in under two
# minutes, long before mutmut's timeout): each process of the run gets at most this much memory, and a
# mutant that needs more fails its tests (killed).
ulimit -v "${MUTATION_MEMORY_KB:-4194304}"
# MUTATION_ONLY: mutmut's names of the mutants to run, globs allowed ("cxgap.xref.x_check_links__mutmut_*")
set -f  # the names are globs for mutmut, not for the shell
# shellcheck disable=SC2086  # several names, split on spaces
"$venv/bin/mutmut" run --max-children "$jobs" ${MUTATION_ONLY:-} || true
"$venv/bin/mutmut" results --all true > "$results" || true
echo "every mutant and its status in $results; mutmut's own summary is above"
