# Each site's WordPress tree, sourced by scripts/wordpress.sh (which sets BENCH, REPO, FIXTURES,
# WP_SRC and the helpers say, die, render, write_if_changed and site_table): WordPress copied once,
# its wp-config.php and .htaccess rendered, the fixture plugins, mu-plugins and theme kept in sync.
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
