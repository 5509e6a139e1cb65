#!/usr/bin/env bash
# Checks of the companion WordPress plugin (wpjz-companion/): php -l on every file, PHP_CodeSniffer
# (wpjz-companion/phpcs.xml: built-in sniffs close to WordPress's conventions) and PHPUnit (the
# queue, signing, retry-schedule, feed and target-URL units). Installs Debian's php-cli,
# php-codesniffer and phpunit when missing (root), as scripts/wordpress.sh does for the bench.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../wpjz-companion"

say() { printf '[plugin] %s\n' "$*"; }

missing=()
for p in php-cli php-codesniffer phpunit; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  [[ $(id -u) -eq 0 ]] || { say "missing Debian packages: ${missing[*]} (run as root to install them)"; exit 1; }
  say "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  log="/tmp/wpjz-plugin-apt.$$.log"
  apt-get install -y -q --no-install-recommends "${missing[@]}" >"$log" 2>&1 \
    || { apt-get update -q >>"$log" 2>&1 && apt-get install -y -q --no-install-recommends "${missing[@]}" >>"$log" 2>&1; } \
    || { tail -20 "$log" >&2; say "apt-get failed (log: $log)"; exit 1; }
  rm -f "$log"
fi

say "php -l"
find . -name '*.php' -print0 | sort -z | while IFS= read -r -d '' f; do
  php -l "$f" >/dev/null || { php -l "$f"; exit 1; }
done

say "phpcs"
phpcs --standard=phpcs.xml -q

say "phpunit"
phpunit -c phpunit.xml
