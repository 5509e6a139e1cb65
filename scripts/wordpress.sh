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

# ---------------------------------------------------------------- MariaDB
write_mycnf() {
  mkdir -p "$BENCH/mysql" "$RUN" "$LOGS" "$DATADIR"
  local conf; conf="$(render mycnf)" || die "cannot render the MariaDB configuration"
  printf '%s\n' "$conf" | write_if_changed "$MYCNF" || true
}

start_mariadb() {
  write_mycnf
  chown mysql:mysql "$RUN" "$DATADIR"
  chmod 755 "$BENCH" "$RUN"
  if pid_alive "$MYPID" && mariadb-admin --defaults-file="$MYCNF" -uroot ping >/dev/null 2>&1; then
    return 0
  fi
  rm -f "$MYPID" "$SOCK"
  if [[ ! -d $DATADIR/mysql ]]; then
    say "initialising MariaDB datadir $DATADIR"
    mariadb-install-db --defaults-file="$MYCNF" --auth-root-authentication-method=socket --skip-test-db \
      >"$LOGS/mariadb-install.log" 2>&1 || { tail -20 "$LOGS/mariadb-install.log" >&2; die "mariadb-install-db failed"; }
  fi
  say "starting MariaDB (socket $SOCK)"
  setsid mariadbd --defaults-file="$MYCNF" </dev/null >>"$LOGS/mariadb.out" 2>&1 &
  local i
  for i in $(seq 1 150); do
    mariadb-admin --defaults-file="$MYCNF" -uroot ping >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  tail -20 "$LOGS/mariadb.err" >&2 || true
  die "MariaDB did not start (log: $LOGS/mariadb.err)"
}

stop_mariadb() {
  if pid_alive "$MYPID"; then
    local pid; pid="$(cat "$MYPID")"
    say "stopping MariaDB (pid $pid)"
    kill -TERM "$pid"
    local i; for i in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && die "MariaDB (pid $pid) did not stop within 30 s"
  fi
  rm -f "$MYPID"
}

ensure_databases() {
  local stmts="CREATE USER IF NOT EXISTS 'wpjz'@'localhost' IDENTIFIED BY 'wpjz-bench-db-pass';"
  local name port path auth db url
  while read -r name port path auth db url; do
    stmts+="CREATE DATABASE IF NOT EXISTS \`$db\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci;"
    stmts+="GRANT ALL PRIVILEGES ON \`$db\`.* TO 'wpjz'@'localhost';"
  done < <(site_table)
  sql -e "$stmts FLUSH PRIVILEGES;" || die "could not create databases"
}

# ---------------------------------------------------------------- docroots
sync_dir() { # sync_dir SRC DST: DST becomes an exact copy of SRC (small fixture dirs only)
  local src=$1 dst=$2
  if [[ -d $dst ]] && diff -rq "$src" "$dst" >/dev/null 2>&1; then return 1; fi
  rm -rf "$dst"; mkdir -p "$(dirname "$dst")"; cp -r "$src" "$dst"; return 0
}

ensure_docroot() { # NAME PATH AUTH
  local name=$1 path=$2 htdocs="$BENCH/sites/$1/htdocs" wp src=$WP_SRC suite
  [[ $path == / ]] && wp="$htdocs" || wp="$htdocs$path"
  suite="$(render wordpress "$name")" || die "cannot read the WordPress of $name"
  # Another Debian release's package, unpacked (not installed) once under $BENCH/wp-SUITE.
  [[ -z $suite ]] || src="$("$HELPERS/fetch-wordpress.sh" "$suite" "$BENCH/wp-$suite")" || die "cannot fetch $suite's wordpress"
  if [[ ! -f $wp/wp-settings.php ]]; then
    say "$name: copying WordPress into $wp"
    rm -rf "$wp"; mkdir -p "$wp"
    cp -rL "$src/." "$wp/"              # Debian's tree has (relative) symlinks: resolve them
    rm -f "$wp/wp-config.php" "$wp/.htaccess"
    mkdir -p "$wp/wp-content/uploads" "$wp/wp-content/mu-plugins" "$wp/wp-content/themes" "$wp/wp-content/plugins"
  fi
  if [[ $path != / && ! -f $htdocs/index.html ]]; then
    printf '<!DOCTYPE html><title>bench %s</title><p>WordPress lives in <a href="%s/">%s/</a>.</p>\n' "$name" "$path" "$path" >"$htdocs/index.html"
  fi
  local content
  content="$(render wp-config "$name")" || die "cannot render wp-config.php for $name"
  printf '%s\n' "$content" | write_if_changed "$wp/wp-config.php" && say "$name: wrote wp-config.php" || true
  content="$(render htaccess "$name")" || die "cannot render .htaccess for $name"
  printf '%s\n' "$content" | write_if_changed "$wp/.htaccess" && say "$name: wrote .htaccess" || true
  chown root:root "$wp/.htaccess" "$wp/wp-config.php"
  chmod 444 "$wp/.htaccess"            # WordPress (www-data) must not rewrite the bench's rules
  chmod 644 "$wp/wp-config.php"
  sync_dir "$FIXTURES/plugins/jwt-authentication-for-wp-rest-api" "$wp/wp-content/plugins/jwt-authentication-for-wp-rest-api" \
    && say "$name: installed fixture plugin" || true
  local other
  other="$(render plugin "$name")" || die "cannot read the plugin of $name"
  if [[ -n $other ]]; then
    sync_dir "$FIXTURES/plugins/$other" "$wp/wp-content/plugins/$other" && say "$name: installed fixture plugin $other" || true
  fi
  # The companion plugin, from the repo's own folder, on the sites that run it (tests stay out).
  if [[ -n $(render companion "$name") ]]; then
    local staged="$BENCH/run/companion-$name"
    rm -rf "$staged"; mkdir -p "$staged"; cp -r "$REPO/wpjz-companion/." "$staged/"; rm -rf "$staged/tests"
    sync_dir "$staged" "$wp/wp-content/plugins/wpjz-companion" && say "$name: installed the companion plugin" || true
    rm -rf "$staged"
  fi
  local f
  for f in "$FIXTURES"/mu-plugins/*.php; do
    cmp -s "$f" "$wp/wp-content/mu-plugins/$(basename "$f")" || { cp "$f" "$wp/wp-content/mu-plugins/"; say "$name: installed mu-plugin $(basename "$f")"; }
  done
  sync_dir "$FIXTURES/themes/wpjz-bench" "$wp/wp-content/themes/wpjz-bench" && say "$name: installed theme" || true
}

fix_uploads_owner() { # uploads must be writable by Apache (media tests)
  local name port path auth db url wp
  while read -r name port path auth db url; do
    [[ $path == / ]] && wp="$BENCH/sites/$name/htdocs" || wp="$BENCH/sites/$name/htdocs$path"
    chown -R www-data:www-data "$wp/wp-content/uploads"
  done < <(site_table)
}

# ---------------------------------------------------------------- Apache
start_apache() {
  mkdir -p "$BENCH/apache" "$RUN/apache" "$LOGS"
  local changed=0 conf
  conf="$(render apache)" || die "cannot render the Apache configuration"
  printf '%s\n' "$conf" | write_if_changed "$APCONF" && changed=1
  apache2 -t -f "$APCONF" >"$LOGS/apache-configtest.log" 2>&1 || { cat "$LOGS/apache-configtest.log" >&2; die "Apache config test failed ($APCONF)"; }
  if pid_alive "$APPID"; then
    if ((changed)); then say "reloading Apache (config changed)"; apache2 -f "$APCONF" -k graceful; sleep 0.5; fi
    return 0
  fi
  rm -f "$APPID"
  local name port path auth db url
  while read -r name port path auth db url; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then die "port $port (site $name) is already in use by another program"; fi
  done < <(site_table)
  say "starting Apache"
  apache2 -f "$APCONF" -k start || { tail -20 "$LOGS/apache-error.log" >&2 || true; die "Apache failed to start"; }
  local i; for i in $(seq 1 50); do pid_alive "$APPID" && return 0; sleep 0.1; done
  tail -20 "$LOGS/apache-error.log" >&2 || true
  die "Apache did not start (log: $LOGS/apache-error.log)"
}

stop_apache() {
  if pid_alive "$APPID"; then
    local pid; pid="$(cat "$APPID")"
    say "stopping Apache (pid $pid)"
    apache2 -f "$APCONF" -k stop 2>/dev/null || kill -TERM "$pid"
    local i; for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && die "Apache (pid $pid) did not stop within 10 s"
  fi
  rm -f "$APPID"
}

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

cmd_bulk() { # bulk SITE N | unbulk SITE: what bench-scale tests add to a site, or its removal
  need_root
  local cmd=$1 site=${2:-} n=${3:-}
  [[ -n $site && ( $cmd == unbulk || ( $n =~ ^[0-9]+$ && $n -gt 0 ) ) ]] || die "usage: $0 bulk SITE N | unbulk SITE"
  pid_alive "$MYPID" || die "MariaDB is not running: run '$0 up' first"
  if [[ $cmd == bulk ]]; then php "$HELPERS/bulk.php" "$site" "$n"; else php "$HELPERS/unbulk.php" "$site"; fi
}

case "${1:-}" in
  up)     cmd_up ;;
  down)   cmd_down ;;
  status) cmd_status || exit $? ;;
  reset)  cmd_reset ;;
  bulk|unbulk) cmd_bulk "$@" ;;
  *) echo "usage: $0 {up|down|status|reset|bulk SITE N|unbulk SITE}" >&2; exit 2 ;;
esac
