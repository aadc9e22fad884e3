/**
 * Reads dist/ the way Argo CD does: every `dist/<env>/<app>/kustomization.yaml`, its `resources`
 * (files in the folder, possibly multi-document) and its `images:` overrides.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';
import { applyImages, containerImages, imageOverrides, splitImage } from './kustomize-images.ts';
import { arr, rec, type DistApp, type DistModel, type DistObject, type Finding, type KubeObject } from './model.ts';

/** File name Argo CD looks for to treat a folder as Kustomize. */
export const KUSTOMIZATION = 'kustomization.yaml';

/** The model plus problems met while reading (unparsable files, missing resources). */
export interface LoadedDist extends DistModel {
  readonly findings: readonly Finding[];
}

function subdirs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => !n.startsWith('.') && statSync(join(dir, n)).isDirectory())
    .sort();
}

/** Loads `distDir`, optionally one environment only. */
export function loadDist(distDir: string, envFilter?: string): LoadedDist {
  const objects: DistObject[] = [];
  const apps: DistApp[] = [];
  const findings: Finding[] = [];
  const envs = subdirs(distDir).filter((e) => envFilter === undefined || e === envFilter);
  if (envFilter !== undefined && envs.length === 0) {
    findings.push({
      check: 'load',
      env: envFilter,
      app: '-',
      kind: '-',
      name: '-',
      rule: 'env-exists',
      severity: 'error',
      message: `no folder ${join(distDir, envFilter)}`,
    });
  }
  for (const env of envs) {
    for (const app of subdirs(join(distDir, env))) {
      const dir = join(distDir, env, app);
      const problem = (rule: string, message: string): void => {
        findings.push({ check: 'load', env, app, kind: 'Kustomization', name: app, rule, severity: 'error', message });
      };
      const kustomizationPath = join(dir, KUSTOMIZATION);
      if (!existsSync(kustomizationPath)) {
        problem(
          'kustomization',
          `${env}/${app}/ has no ${KUSTOMIZATION}: Argo CD would not treat it as Kustomize and Image Updater could not write back`,
        );
        continue;
      }
      apps.push({ env, app, dir });
      const kustomization = parseFile(kustomizationPath, problem)[0];
      const k = rec(kustomization);
      const overrides = imageOverrides(k);
      const rawImages: string[] = [];
      for (const resource of arr(k.resources)) {
        if (typeof resource !== 'string') continue;
        const path = join(dir, resource);
        if (!existsSync(path)) {
          problem('resource-exists', `resource ${resource} listed in ${env}/${app}/${KUSTOMIZATION} does not exist`);
          continue;
        }
        for (const doc of parseFile(path, problem)) {
          const obj = rec(doc);
          if (typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string' || typeof rec(obj.metadata).name !== 'string') {
            problem('object-shape', `${env}/${app}/${resource}: a document without apiVersion, kind and metadata.name`);
            continue;
          }
          for (const image of containerImages(obj)) {
            const parts = splitImage(image);
            rawImages.push(parts.name);
            // Two places for one tag: kustomize silently replaces the file's tag (api/filters/imagetag),
            // so the file would say one thing and the cluster run another.
            if ((parts.tag !== undefined || parts.digest !== undefined) && overrides.some((o) => o.name === parts.name))
              problem(
                'image-single-source',
                `${env}/${app}/${resource}: image ${image} carries a tag although ${KUSTOMIZATION} images: sets ${parts.name}; keep the tag only in ${KUSTOMIZATION}`,
              );
          }
          objects.push({ env, app, file: join(env, app, resource), object: applyImages(obj as KubeObject, overrides) });
        }
      }
      // kustomize's image transformer silently skips an entry no container matches (api/filters/imagetag
      // Filter: only matching images are updated), so a write-back to it would never deploy.
      for (const o of overrides) {
        if (!rawImages.includes(o.name))
          problem(
            'image-override-used',
            `${KUSTOMIZATION} images: entry ${o.name} matches no container image of ${env}/${app}: its tag is never deployed`,
          );
      }
    }
  }
  return { objects, apps, findings };
}

function parseFile(path: string, problem: (rule: string, message: string) => void): unknown[] {
  try {
    // js-yaml: several times faster than `yaml` on hundreds of small files.
    return loadAll(readFileSync(path, 'utf8')).filter((d) => d !== null && d !== undefined);
  } catch (e) {
    problem('yaml', `${path}: ${e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e)}`);
    return [];
  }
}
