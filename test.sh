#!/usr/bin/env bash
# Runs every Cinema test on a Debian machine with the .NET SDK. Installs the Debian packages the tests drive
# (SIPp, baresip, sox, SIPVicious for the scanner tests, and PostgreSQL for the cluster-mode tests) when they
# are missing, then runs `dotnet test` for the whole solution, one test project at a time (the integration
# tests start real servers and load them).
# Results: TestResults/*.trx.
# Extra arguments go to `dotnet test` (e.g. ./test.sh --filter-class '*RegistrarTests').
set -euo pipefail
cd "$(dirname "$0")"

packages=()
command -v sipp >/dev/null 2>&1 || packages+=(sip-tester)
command -v baresip >/dev/null 2>&1 || packages+=(baresip)
command -v sox >/dev/null 2>&1 || packages+=(sox)
command -v svwar >/dev/null 2>&1 || packages+=(sipvicious)
compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || packages+=(postgresql)
if ((${#packages[@]})); then
  echo "test.sh: installing ${packages[*]}" >&2
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi

rm -rf TestResults
exec dotnet test Cinema.sln -c Release --max-parallel-test-modules 1 \
  --results-directory "$PWD/TestResults" --report-xunit-trx "$@"
