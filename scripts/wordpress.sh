#!/usr/bin/env bash
# Real-WordPress test bench for wp-jwt-zapier (Debian 12: Apache 2.4 + mod_php + MariaDB + Debian's
# WordPress 6.1 package; a site whose sites.json names `"wordpress": "trixie"` runs Debian 13's 6.8,
# unpacked beside the bench by scripts/wordpress/fetch-wordpress.sh). Sites, ports, users: sites.json.
#
#   scripts/wordpress.sh up            install packages if needed, start MariaDB + Apache, install/configure sites
#   scripts/wordpress.sh down          stop Apache and MariaDB (data kept: next `up` is fast)
#   scripts/wordpress.sh status        which sites answer
#   scripts/wordpress.sh reset         stop and wipe everything the bench made (databases, docroots, logs)
#   scripts/wordpress.sh bulk SITE N   ensure SITE has >= N published posts and >= N subscribers
#   scripts/wordpress.sh unbulk SITE   remove what bulk added
#
# Everything lives in $WPJZ_BENCH_DIR (default /var/tmp/wp-jwt-zapier): a private MariaDB datadir and
# socket (no TCP), a private Apache config listening on 127.0.0.1 only, docroots, logs. Needs root.
set -Eeuo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HELPERS="$REPO/scripts/wordpress"
FIXTURES="$REPO/test/wordpress"
export WPJZ_BENCH_DIR="${WPJZ_BENCH_DIR:-/var/tmp/wp-jwt-zapier}"
export WPJZ_SITES_JSON="${WPJZ_SITES_JSON:-$FIXTURES/sites.json}"
BENCH="$WPJZ_BENCH_DIR"
RUN="$BENCH/run"
LOGS="$BENCH/logs"
DATADIR="$BENCH/mysql/data"
MYCNF="$BENCH/mysql/my.cnf"
SOCK="$RUN/mysqld.sock"
MYPID="$RUN/mysqld.pid"
APCONF="$BENCH/apache/httpd.conf"
APPID="$RUN/apache2.pid"
WP_SRC=/usr/share/wordpress
PACKAGES=(apache2 libapache2-mod-php php-cli php-mysql php-gd php-xml php-mbstring php-curl php-intl php-zip
          mariadb-server mariadb-client wordpress curl ca-certificates)

say()  { printf '[wordpress] %s\n' "$*"; }
die()  { printf '[wordpress] ERROR: %s\n' "$*" >&2; exit 1; }
trap 'rc=$?; printf "[wordpress] ERROR: command failed (exit %s) at line %s: %s\n" "$rc" "$LINENO" "$BASH_COMMAND" >&2; exit $rc' ERR

need_root() { [[ $(id -u) -eq 0 ]] || die "must run as root (apt-get, Apache, MariaDB)"; }
now_ms()    { date +%s%3N; }

# ---------------------------------------------------------------- packages
ensure_packages() {
  local missing=() p
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  ((${#missing[@]} == 0)) && return 0
  say "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  local log="/tmp/wpjz-apt.$$.log"
  # Never let package scripts start the system's own Apache/MariaDB: the bench runs its own.
  local policy=/usr/sbin/policy-rc.d created_policy=0
  if [[ ! -e $policy ]]; then printf '#!/bin/sh\nexit 101\n' >"$policy"; chmod +x "$policy"; created_policy=1; fi
  if ! apt-get install -y -q --no-install-recommends "${missing[@]}" >"$log" 2>&1; then
    apt-get update -q >>"$log" 2>&1 || { ((created_policy)) && rm -f "$policy"; tail -20 "$log" >&2; die "apt-get update failed (log: $log)"; }
    apt-get install -y -q --no-install-recommends "${missing[@]}" >>"$log" 2>&1 \
      || { ((created_policy)) && rm -f "$policy"; tail -20 "$log" >&2; die "apt-get install failed (log: $log)"; }
  fi
  ((created_policy)) && rm -f "$policy"
  rm -f "$log"
}

check_tools() {
  local t
  for t in php apache2 mariadbd mariadb mariadb-admin mariadb-install-db curl; do
    command -v "$t" >/dev/null || die "'$t' not found after package install"
  done
  [[ -f $WP_SRC/wp-settings.php ]] || die "$WP_SRC missing (package wordpress)"
  php -r 'exit(extension_loaded("mysqli") ? 0 : 1);' || die "php-cli lacks mysqli (package php-mysql)"
}

# ---------------------------------------------------------------- helpers
pid_alive() { [[ -f $1 ]] && kill -0 "$(cat "$1" 2>/dev/null)" 2>/dev/null; }
render()    { php "$HELPERS/render.php" "$@"; }
# write_if_changed FILE: stdin -> FILE only when content differs (keeps mtimes/idempotence). Returns 0 if changed.
write_if_changed() {
  local f=$1 tmp; tmp="$(mktemp)"; cat >"$tmp"
  if [[ -f $f ]] && cmp -s "$tmp" "$f"; then rm -f "$tmp"; return 1; fi
  mkdir -p "$(dirname "$f")"; mv "$tmp" "$f"; chmod 644 "$f"; return 0
}
sql() { mariadb --defaults-file="$MYCNF" -uroot "$@"; }
SITES=""
load_sites() { # validates sites.json once; site_table then never fails half-way through a loop
  SITES="$(render sites)" || die "cannot read sites from $WPJZ_SITES_JSON"
  [[ -n $SITES ]] || die "no sites in $WPJZ_SITES_JSON"
}
site_table() { printf '%s\n' "$SITES"; }   # NAME PORT PATH AUTHORIZATION DB URL

# MariaDB and Apache (services.sh), and each site's WordPress tree (docroots.sh).
source "$HELPERS/services.sh"
source "$HELPERS/docroots.sh"

# ---------------------------------------------------------------- WordPress
configure_sites() {
  local name port path auth db url out
  local -a names=()
  while read -r name port path auth db url; do names+=("$name"); done < <(site_table)
  # Sites are independent: install/configure them in parallel.
  local pids=() n
  for n in "${names[@]}"; do
    (
      out="$(php "$HELPERS/install.php" "$n" 2>&1)" || { printf '%s\n' "$out" >&2; exit 1; }
      [[ $out == already-installed ]] || say "$n: install: ${out##*$'\n'}"
      out="$(php "$HELPERS/configure.php" "$n" 2>&1)" || { printf '%s\n' "$out" >&2; exit 1; }
      [[ $out == unchanged ]] || say "$n: $out"
    ) >"$LOGS/configure-$n.log" 2>&1 &
    pids+=($!)
  done
  local i fail=0
  for i in "${!pids[@]}"; do
    if ! wait "${pids[$i]}"; then fail=1; cat "$LOGS/configure-${names[$i]}.log" >&2; say "${names[$i]}: configuration FAILED"; else cat "$LOGS/configure-${names[$i]}.log"; fi
  done
  ((fail == 0)) || die "site configuration failed (logs: $LOGS/configure-*.log)"
}

wait_http() {
  local name port path auth db url code i
  while read -r name port path auth db url; do
    for i in $(seq 1 50); do
      code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$url/")" || true
      [[ $code == 200 ]] && break
      sleep 0.2
    done
    [[ $code == 200 ]] || die "site $name ($url/) answers HTTP $code (logs: $LOGS/$name-error.log, $LOGS/$name-php.log)"
  done < <(site_table)
}

print_sites() {
  local name port path auth db url
  say "sites (details: $WPJZ_SITES_JSON):"
  while read -r name port path auth db url; do
    printf '  %-9s %s\n' "$name" "$url"
  done < <(site_table)
}

# ---------------------------------------------------------------- commands
cmd_up() {
  need_root
  local t0; t0="$(now_ms)"
  ensure_packages
  check_tools
  load_sites
  mkdir -p "$BENCH" "$RUN" "$LOGS" "$BENCH/sites"
  chmod 755 "$BENCH"
  start_mariadb
  ensure_databases
  local name port path auth db url
  while read -r name port path auth db url; do ensure_docroot "$name" "$path" "$auth"; done < <(site_table)
  configure_sites
  fix_uploads_owner
  start_apache
  wait_http
  print_sites
  say "up in $(( ($(now_ms) - t0) ))ms; logs in $LOGS"
}

cmd_down() {
  need_root
  stop_apache
  stop_mariadb
  say "down (data kept in $BENCH)"
}

cmd_status() {
  local rc=0 name port path auth db url code ns
  pid_alive "$MYPID" && say "MariaDB: running (pid $(cat "$MYPID"))" || { say "MariaDB: stopped"; rc=3; }
  pid_alive "$APPID" && say "Apache:  running (pid $(cat "$APPID"))" || { say "Apache:  stopped"; rc=3; }
  load_sites
  while read -r name port path auth db url; do
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$url/")" || code=000
    if [[ $code == 200 ]]; then
      ns="$(curl -s --max-time 5 "$url/?rest_route=/" | php -r '$j=json_decode(stream_get_contents(STDIN),true); echo (is_array($j) && in_array("jwt-auth/v1", $j["namespaces"] ?? [])) ? "jwt-auth/v1 present" : "jwt-auth/v1 absent";')" || ns="REST index unreadable"
      printf '  %-9s %-28s UP   (home %s, %s)\n' "$name" "$url" "$code" "$ns"
    else
      printf '  %-9s %-28s DOWN (home %s)\n' "$name" "$url" "$code"; rc=3
    fi
  done < <(site_table)
  return $rc
}

cmd_reset() {
  need_root
  if [[ -f $APCONF || -f $MYCNF ]]; then stop_apache; stop_mariadb; fi
  case "$BENCH" in /|/var|/var/tmp|/tmp|"") die "refusing to remove '$BENCH'";; esac
  rm -rf "$BENCH"
  say "reset: removed $BENCH (databases, docroots, logs); next 'up' starts fresh"
}

cmd_bulk() {
  need_root
  local site=${1:-} n=${2:-}
  [[ -n $site && $n =~ ^[0-9]+$ && $n -gt 0 ]] || die "usage: $0 bulk SITE N"
  pid_alive "$MYPID" || die "MariaDB is not running: run '$0 up' first"
  php "$HELPERS/bulk.php" "$site" "$n"
}

cmd_unbulk() {
  need_root
  [[ -n ${1:-} ]] || die "usage: $0 unbulk SITE"
  pid_alive "$MYPID" || die "MariaDB is not running: run '$0 up' first"
  php "$HELPERS/unbulk.php" "$1"
}

case "${1:-}" in
  up)     cmd_up ;;
  down)   cmd_down ;;
  status) cmd_status || exit $? ;;
  reset)  cmd_reset ;;
  bulk)   shift; cmd_bulk "$@" ;;
  unbulk) shift; cmd_unbulk "$@" ;;
  *) echo "usage: $0 {up|down|status|reset|bulk SITE N|unbulk SITE}" >&2; exit 2 ;;
esac
