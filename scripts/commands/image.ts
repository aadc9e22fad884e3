/**
 * Usage of `npm run image`.
 */
import type { CommandSpec } from '../cli.ts';

/** `npm run image`. */
export const IMAGE_SPEC: CommandSpec<Record<string, never>> = {
  name: 'image',
  usage: `usage: npm run image -- get <env> <service>
       npm run image -- set <env> <service> <tag>

  get  prints the tag <service> runs in <env> (its kustomization images: entry)
  set  pins <service> in <env> to <tag>: edits dist/<env>/<service>/kustomization.yaml as
       Image Updater would (one line), after checking the tag against the catalog's policy
       (image.track, image.ignoreTags). Review with npm run diff, then commit.

Exit codes: 0 done, 2 usage or input error.`,
  options: {},
  positionals: { min: 3, max: 4 },
};
