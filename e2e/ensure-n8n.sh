#!/usr/bin/env bash
# Installs Node 24 and the real n8n (N8N_VERSION, default 2.41.1; 1.123.x works too) from the npm
# registry into a cache folder outside the repo, or reuses them when already there. Prints the
# cache folder. n8n runs on Node 24 for both lines; its native modules are skipped at install
# (isolated-vm does not build here) except sqlite3, rebuilt after.
set -euo pipefail
# Run from an npm script, npm hands its settings down as npm_config_* (this repo's .npmrc sets
# ignore-scripts): node@24 needs its install script, so say so explicitly below.
N8N_VERSION="${N8N_VERSION:-2.41.1}"
# N8N_E2E_CACHE: the folder that holds Node 24 and one folder per n8n version.
ROOT="${N8N_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-whatsapp-business-management}"
CACHE="$ROOT/n8n-$N8N_VERSION"
mkdir -p "$CACHE"
# CI installs both n8n lines at once: Node 24 is installed by the first, the other waits for it;
# a second call for the same version waits for the first instead of installing beside it.
exec 8>"$ROOT/node24.lock"
flock 8
if [ ! -x "$ROOT/node24/node_modules/node/bin/node" ]; then
	echo "installing node@24 into $ROOT/node24" >&2
	rm -rf "$ROOT/node24" && mkdir -p "$ROOT/node24"
	(cd "$ROOT/node24" && npm init -y >/dev/null && npm install --no-audit --no-fund --ignore-scripts=false node@24 >&2)
fi
flock -u 8
NODE24="$ROOT/node24/node_modules/node/bin/node"
exec 9>"$CACHE.lock"
flock 9
cd "$CACHE"
"$NODE24" --version >/dev/null || { echo "node@24 did not install a working binary" >&2; exit 1; }
if [ ! -f n8n/.installed ]; then
	echo "installing n8n@$N8N_VERSION into $CACHE/n8n (a few minutes)" >&2
	rm -rf n8n && mkdir -p n8n
	# n8n 1.x depends on xlsx by a CDN URL that is out of reach; the same version is on the registry.
	(cd n8n && npm init -y >/dev/null \
		&& node -e 'const f="package.json",p=require("./"+f);p.overrides={xlsx:"0.18.5"};require("fs").writeFileSync(f,JSON.stringify(p,null,2))' \
		&& npm install --no-audit --no-fund --ignore-scripts "n8n@$N8N_VERSION" >&2 \
		&& PATH="$(dirname "$NODE24"):$PATH" npm rebuild --ignore-scripts=false sqlite3 >&2)
	touch n8n/.installed
fi
echo "$CACHE"
echo "$NODE24"
