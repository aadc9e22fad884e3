#!/bin/sh
# `npm run prepare` (run by `npm ci` and `npm install`): use the versioned hooks in scripts/hooks/.
# Does nothing outside a git work tree (tarball installs, Docker builds, CI without .git).
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  git config core.hooksPath scripts/hooks
fi
exit 0
