/**
 * Reads the committed dist/ the way Argo CD sees it: app folders, their kustomization resources.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';

/** A rendered object with its location. */
export interface DistObject {
  readonly env: string;
  readonly app: string;
  readonly file: string;
  readonly obj: {
    apiVersion: string;
    kind: string;
    metadata: { name: string; namespace?: string; [k: string]: unknown };
    spec?: any;
    [k: string]: unknown;
  };
}

/** Every object listed by every app folder's kustomization under `dist`. */
export function readDist(dist = 'dist'): DistObject[] {
  const out: DistObject[] = [];
  for (const env of readdirSync(dist).sort()) {
    for (const app of readdirSync(join(dist, env)).sort()) {
      const k = join(dist, env, app, 'kustomization.yaml');
      if (!existsSync(k)) continue;
      const { resources } = load(readFileSync(k, 'utf8')) as { resources: string[] };
      for (const file of resources)
        out.push({ env, app, file, obj: load(readFileSync(join(dist, env, app, file), 'utf8')) as DistObject['obj'] });
    }
  }
  return out;
}
