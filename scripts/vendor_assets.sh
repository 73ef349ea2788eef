#!/usr/bin/env bash
# Re-vendor the front-end assets under src/smartcity/static/vendor/.
#
# Fetches pinned npm tarballs with `npm pack` into a temporary directory and
# copies only the files the project needs (plus each library's licence).
# Nothing runs this automatically; a maintainer runs it by hand when bumping a
# version, then reviews the diff and updates static/vendor/README.md.
#
# Usage:  scripts/vendor_assets.sh [DEST_DIR]
#         (DEST_DIR defaults to src/smartcity/static/vendor of this repository)
#
# Requires: bash, npm, node, tar.
set -euo pipefail

LEAFLET_VERSION="1.9.4"
LEAFLET_DRAW_VERSION="1.0.4"
AXE_CORE_VERSION="4.14.1"          # latest 4.x when vendored
ECHARTS_VERSION="6.1.0"            # the catalogue's preview charts
SARABUN_VERSION="5.3.0"            # @fontsource/sarabun
SARABUN_WEIGHTS=(400 600 700)
SARABUN_SUBSETS=(thai latin)

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="${1:-$REPO_ROOT/src/smartcity/static/vendor}"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/vendor-assets.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# fetch <npm-spec> <dir-name>: npm pack the spec and unpack it to $WORK/<dir-name>
fetch() {
    local spec="$1" name="$2" tgz
    tgz="$(cd "$WORK" && npm pack --silent "$spec" | tail -n 1)"
    mkdir -p "$WORK/$name"
    tar -xzf "$WORK/$tgz" -C "$WORK/$name" --strip-components=1
    echo "fetched $spec" >&2
}

fetch "leaflet@$LEAFLET_VERSION" leaflet
fetch "leaflet-draw@$LEAFLET_DRAW_VERSION" leaflet-draw
fetch "axe-core@$AXE_CORE_VERSION" axe-core
fetch "@fontsource/sarabun@$SARABUN_VERSION" sarabun
fetch "echarts@$ECHARTS_VERSION" echarts

# ---------------------------------------------------------------- (a) leaflet
out="$DEST/leaflet"
rm -rf "$out" && mkdir -p "$out/images"
cp "$WORK/leaflet/dist/leaflet.js" "$WORK/leaflet/dist/leaflet.css" "$out/"
# leaflet.js ends with a sourceMappingURL comment; ship the map so that
# Django's ManifestStaticFilesStorage (collectstatic) can resolve it.
cp "$WORK/leaflet/dist/leaflet.js.map" "$out/"
cp "$WORK/leaflet/dist/images/"* "$out/images/"
cp "$WORK/leaflet/LICENSE" "$out/LICENSE"

# ----------------------------------------------------------- (b) leaflet-draw
out="$DEST/leaflet-draw"
rm -rf "$out" && mkdir -p "$out/images"
cp "$WORK/leaflet-draw/dist/leaflet.draw.js" "$WORK/leaflet-draw/dist/leaflet.draw.css" "$out/"
cp "$WORK/leaflet-draw/dist/images/"* "$out/images/"
# The npm tarball carries no licence file (package.json says "MIT"); this is
# the text of MIT-LICENSE.md from https://github.com/Leaflet/Leaflet.draw.
cat > "$out/LICENSE" <<'EOF'
Leaflet.draw 1.0.4 -- MIT licence.
(The npm package does not ship a licence file; this is the text of
MIT-LICENSE.md from https://github.com/Leaflet/Leaflet.draw . The file
header of leaflet.draw.js reads "(c) 2012-2017, Jacob Toye, Jon West,
Smartrak, Leaflet".)

Copyright 2012-2016 Jacob Toye and Leaflet

Permission is hereby granted, free of charge, to any person obtaining
a copy of this software and associated documentation files (the
"Software"), to deal in the Software without restriction, including
without limitation the rights to use, copy, modify, merge, publish,
distribute, sublicense, and/or sell copies of the Software, and to
permit persons to whom the Software is furnished to do so, subject to
the following conditions:

The above copyright notice and this permission notice shall be
included in all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND,
EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF
MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE
LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION
OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION
WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
EOF
sed -i "1s/1\.0\.4/$LEAFLET_DRAW_VERSION/" "$out/LICENSE"

# --------------------------------------------------------------- (c) axe-core
out="$DEST/axe-core"
rm -rf "$out" && mkdir -p "$out"
cp "$WORK/axe-core/axe.min.js" "$out/"
cp "$WORK/axe-core/LICENSE" "$out/LICENSE"
if [[ -f "$WORK/axe-core/LICENSE-3RD-PARTY.txt" ]]; then
    cp "$WORK/axe-core/LICENSE-3RD-PARTY.txt" "$out/"
fi

# ---------------------------------------------------------------- (d) sarabun
out="$DEST/sarabun"
rm -rf "$out" && mkdir -p "$out"
for subset in "${SARABUN_SUBSETS[@]}"; do
    for weight in "${SARABUN_WEIGHTS[@]}"; do
        cp "$WORK/sarabun/files/sarabun-$subset-$weight-normal.woff2" "$out/"
    done
done
cp "$WORK/sarabun/LICENSE" "$out/LICENSE"

# sarabun.css: one @font-face per subset x weight, unicode-range taken from
# the package's unicode.json (the ranges fontsource itself uses).
SUBSETS="${SARABUN_SUBSETS[*]}" WEIGHTS="${SARABUN_WEIGHTS[*]}" \
PKGDIR="$WORK/sarabun" VERSION="$SARABUN_VERSION" node - > "$out/sarabun.css" <<'EOF'
const fs = require("fs");
const path = require("path");
const ranges = JSON.parse(fs.readFileSync(path.join(process.env.PKGDIR, "unicode.json"), "utf8"));
const subsets = process.env.SUBSETS.split(" ");
const weights = process.env.WEIGHTS.split(" ");
let css = `/* Sarabun (SIL Open Font License 1.1, see LICENSE in this directory).
 * Generated by scripts/vendor_assets.sh from @fontsource/sarabun@${process.env.VERSION}.
 * Subsets: ${subsets.join(", ")}; weights: ${weights.join(", ")}; style: normal. */
`;
for (const weight of weights) {
  for (const subset of subsets) {
    if (!ranges[subset]) throw new Error(`no unicode-range for subset ${subset}`);
    const file = `sarabun-${subset}-${weight}-normal.woff2`;
    css += `
/* ${file.replace(".woff2", "")} */
@font-face {
  font-family: "Sarabun";
  font-style: normal;
  font-display: swap;
  font-weight: ${weight};
  src: url("./${file}") format("woff2");
  unicode-range: ${ranges[subset]};
}
`;
  }
}
process.stdout.write(css);
EOF

echo "vendored into $DEST" >&2
echo "remember to update $DEST/README.md if versions changed" >&2

# ------------------------------------------------------------------ echarts
out="$DEST/echarts"
rm -rf "$out" && mkdir -p "$out"
# The "simple" build (line, bar and pie charts) is all the catalogue's previews use.
cp "$WORK/echarts/dist/echarts.simple.min.js" "$WORK/echarts/LICENSE" "$WORK/echarts/NOTICE" "$out/"
cp "$WORK/echarts/licenses/LICENSE-d3" "$out/"
