# The bench's own MariaDB and Apache, sourced by scripts/wordpress.sh (which sets BENCH, RUN, LOGS,
# DATADIR, MYCNF, SOCK, MYPID, APCONF, APPID and the helpers say, die, pid_alive, render,
# write_if_changed, sql and site_table): each starts only what is not running, and stops by pid.
# ---------------------------------------------------------------- MariaDB
write_mycnf() {
  mkdir -p "$BENCH/mysql" "$RUN" "$LOGS" "$DATADIR"
  write_if_changed "$MYCNF" <<EOF || true
# Private MariaDB of the wp-jwt-zapier bench (socket only, no TCP).
[client]
socket = $SOCK
default-character-set = utf8mb4

[mysqld]
user = mysql
datadir = $DATADIR
socket = $SOCK
pid-file = $MYPID
log-error = $LOGS/mariadb.err
skip-networking
skip-name-resolve
skip-log-bin
character-set-server = utf8mb4
collation-server = utf8mb4_unicode_520_ci
innodb_buffer_pool_size = 256M
innodb_log_file_size = 128M
innodb_flush_log_at_trx_commit = 2
innodb_flush_method = O_DIRECT_NO_FSYNC
max_connections = 200
max_allowed_packet = 64M
EOF
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

stop_mariadb() { stop_by_pid MariaDB "$MYPID" 30; }

ensure_databases() {
  local stmts="CREATE USER IF NOT EXISTS 'wpjz'@'localhost' IDENTIFIED BY 'wpjz-bench-db-pass';"
  local name port path auth db url
  while read -r name port path auth db url; do
    stmts+="CREATE DATABASE IF NOT EXISTS \`$db\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci;"
    stmts+="GRANT ALL PRIVILEGES ON \`$db\`.* TO 'wpjz'@'localhost';"
  done < <(site_table)
  sql -e "$stmts FLUSH PRIVILEGES;" || die "could not create databases"
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

stop_apache() { stop_by_pid Apache "$APPID" 10 apache2 -f "$APCONF" -k stop; }

# stop_by_pid NAME PIDFILE SECONDS [COMMAND...]: stops the process in PIDFILE with COMMAND (kill -TERM
# when there is none, or when it fails), waits up to SECONDS for it to end, and removes PIDFILE.
stop_by_pid() {
  local name=$1 pidfile=$2 seconds=$3; shift 3
  if pid_alive "$pidfile"; then
    local pid; pid="$(cat "$pidfile")"
    say "stopping $name (pid $pid)"
    if (($#)); then "$@" 2>/dev/null || kill -TERM "$pid"; else kill -TERM "$pid"; fi
    local i; for i in $(seq 1 $((seconds * 10))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && die "$name (pid $pid) did not stop within $seconds s"
  fi
  rm -f "$pidfile"
}
