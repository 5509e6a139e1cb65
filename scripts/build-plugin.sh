#!/usr/bin/env bash
# dist/wpjz-companion.zip: the companion plugin as a site owner uploads it in wp-admin (Plugins >
# Add New > Upload Plugin). The zip holds the folder wpjz-companion/ without its tests and checks.
# Uses PHP's ZipArchive (php-zip, which the bench installs), so no zip program is needed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
php -r 'exit(class_exists("ZipArchive") ? 0 : 1);' || {
  echo "PHP's zip extension is missing: apt-get install -y php-zip" >&2
  exit 1
}
mkdir -p dist
rm -f dist/wpjz-companion.zip
php -r '
$zip = new ZipArchive();
if ( true !== $zip->open( "dist/wpjz-companion.zip", ZipArchive::CREATE | ZipArchive::EXCL ) ) { fwrite( STDERR, "cannot create dist/wpjz-companion.zip\n" ); exit( 1 ); }
$skip  = "#^wpjz-companion/(tests/|\\.|phpcs\.xml$|phpunit\.xml$)#";
$files = new RecursiveIteratorIterator( new RecursiveDirectoryIterator( "wpjz-companion", FilesystemIterator::SKIP_DOTS ) );
$names = array();
foreach ( $files as $file ) { $name = str_replace( DIRECTORY_SEPARATOR, "/", $file->getPathname() ); if ( ! preg_match( $skip, $name ) ) { $names[] = $name; } }
sort( $names );
foreach ( $names as $name ) { $zip->addFile( $name, $name ); }
$zip->close();
echo "dist/wpjz-companion.zip: ", count( $names ), " files\n";
'
