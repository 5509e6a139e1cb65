#!/usr/bin/env bash
# scripts/wordpress/fetch-wordpress.sh SUITE DEST
#
# Fetches Debian SUITE's `wordpress` package (e.g. trixie: WordPress 6.8) and the packages its symlinks
# point into (getID3, cropper, lodash, underscore), and unpacks them under DEST/root with dpkg-deb -x.
# Nothing is installed system-wide: the machine keeps its own release's wordpress package (bookworm:
# 6.1), which the other bench sites run. Prints the WordPress directory (DEST/root/usr/share/wordpress).
#
# Why the dependencies come from SUITE too: the package's tree links wp-includes/js/dist/vendor/lodash.js,
# wp-includes/ID3/*.php and friends to /usr/share/javascript and /usr/share/php by relative symlinks.
# On bookworm libjs-lodash is not installed (6.1 does not need it) and php-getid3 is 1.9.22 where
# 6.8 asks for >= 1.9.23, so the links are resolved inside DEST/root against SUITE's own versions.
#
# The mirror is the machine's own: the URIs of its apt sources (deb822 *.sources or sources.list), with
# the machine's codename in the suite names replaced by SUITE. apt runs on a private state dir
# (DEST/apt), so the system's package lists are untouched. Idempotent: once DEST/root is complete
# (DEST/root/.complete), a second run prints the directory without touching the network.
set -Eeuo pipefail

SUITE=${1:?usage: fetch-wordpress.sh SUITE DEST}
DEST=${2:?usage: fetch-wordpress.sh SUITE DEST}
ROOT="$DEST/root"
WP="$ROOT/usr/share/wordpress"
PKGS=(wordpress php-getid3 libjs-cropper libjs-lodash libjs-underscore)
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg

say() { printf '[wordpress] %s\n' "$*" >&2; }
die() { printf '[wordpress] ERROR: %s\n' "$*" >&2; exit 1; }

if [[ -f $ROOT/.complete && -f $WP/wp-settings.php ]]; then
  printf '%s\n' "$WP"
  exit 0
fi

[[ -r $KEYRING ]] || die "$KEYRING missing (package debian-archive-keyring)"
# shellcheck disable=SC1091
HERE="$(. /etc/os-release && printf '%s' "${VERSION_CODENAME:-}")"
[[ -n $HERE ]] || die "cannot tell this machine's Debian codename from /etc/os-release"

# The machine's own mirrors: "URI SUITE" pairs from deb822 sources and one-line sources.list entries.
system_sources() {
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -f $f ]] || continue
    # deb822 stanzas: blank-line separated; take Types: deb stanzas' URIs x Suites.
    awk 'BEGIN{RS=""; FS="\n"} {
      types=""; uris=""; suites="";
      for (i = 1; i <= NF; i++) {
        if ($i ~ /^Types:/)  { types  = substr($i, 7) }
        if ($i ~ /^URIs:/)   { uris   = substr($i, 6) }
        if ($i ~ /^Suites:/) { suites = substr($i, 8) }
      }
      if (types ~ /(^| )deb( |$)/) {
        nu = split(uris, u, " "); ns = split(suites, s, " ");
        for (a = 1; a <= nu; a++) for (b = 1; b <= ns; b++) if (u[a] != "" && s[b] != "") print u[a], s[b]
      }
    }' "$f"
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -f $f ]] || continue
    # "deb [options] URI SUITE COMPONENTS...": drop the bracketed options.
    sed -E -n 's/^[[:space:]]*deb[[:space:]]+(\[[^]]*\][[:space:]]+)?([^[:space:]]+)[[:space:]]+([^[:space:]]+).*/\2 \3/p' "$f"
  done
}

mkdir -p "$DEST/apt/lists/partial" "$DEST/apt/cache/archives/partial" "$DEST/apt/debs"
LIST="$DEST/apt/sources.list"
tmp="$(mktemp)"
while read -r uri suite; do
  # Only the machine's own release's suites (bookworm, bookworm-updates, bookworm-security), renamed.
  [[ $suite == "$HERE" || $suite == "$HERE"-* ]] || continue
  printf 'deb [signed-by=%s] %s %s main\n' "$KEYRING" "$uri" "$SUITE${suite#"$HERE"}"
done < <(system_sources) | sort -u >"$tmp"
[[ -s $tmp ]] || { rm -f "$tmp"; die "no Debian '$HERE' sources in /etc/apt to derive '$SUITE' sources from"; }
mv "$tmp" "$LIST"

APT=(-q -o "Dir::Etc::SourceList=$LIST" -o Dir::Etc::SourceParts=/dev/null
     -o "Dir::State::Lists=$DEST/apt/lists" -o "Dir::Cache=$DEST/apt/cache"
     -o Dir::Etc::Preferences=/dev/null -o Dir::Etc::PreferencesParts=/dev/null
     -o Acquire::Languages=none -o APT::Sandbox::User=root)
log="$DEST/apt/apt.log"
say "fetching Debian $SUITE's ${PKGS[*]} (private apt state in $DEST/apt)"
apt-get "${APT[@]}" update >"$log" 2>&1 || { tail -20 "$log" >&2; die "apt-get update for $SUITE failed (log: $log)"; }
# Only SUITE's lists are in the private state, so each candidate is SUITE's newest version.
rm -f "$DEST/apt/debs/"*.deb
(cd "$DEST/apt/debs" && apt-get "${APT[@]}" download "${PKGS[@]}") >>"$log" 2>&1 \
  || { tail -20 "$log" >&2; die "apt-get download from $SUITE failed (log: $log)"; }

rm -rf "$ROOT.new"
mkdir -p "$ROOT.new"
for deb in "$DEST/apt/debs/"*.deb; do dpkg-deb -x "$deb" "$ROOT.new"; done
# The .htaccess link points at /etc/wordpress (the system package's file): the bench writes its own.
rm -f "$ROOT.new/usr/share/wordpress/.htaccess"
# Every relative link must now resolve inside the tree; an absolute one must resolve on the machine.
bad="$(cd "$ROOT.new" && find . -xtype l -printf '%p -> %l\n')"
[[ -z $bad ]] || die "unresolved links in $SUITE's wordpress: $bad"
version="$(dpkg-deb -f "$DEST/apt/debs/"wordpress_*.deb Version)"
printf '%s\n' "$version" >"$ROOT.new/.complete"
rm -rf "$ROOT"
mv "$ROOT.new" "$ROOT"
say "unpacked wordpress $version from $SUITE into $ROOT"
printf '%s\n' "$WP"
