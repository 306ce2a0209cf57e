#!/usr/bin/env bash
# Tears the demo down: destroys stack `local` (the job's fraudsters, the watchlist, the domain)
# and removes the stack. Same as `npm run demo -- down`. The local services keep running:
# `npm run local:stop` stops them; `rm -rf .local` also wipes their state and every local stack.
exec bash "$(dirname "${BASH_SOURCE[0]}")/demo.sh" down
