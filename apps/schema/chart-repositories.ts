/**
 * The schema of `apps/chart-repositories.yaml`: the Helm repositories add-ons may install from.
 * Each one becomes an allowed source of the `platform-addons` AppProject, so a new repository is
 * reviewed by adding it here, never implicitly by an add-on that names it.
 */
import { z } from 'zod';
import { helmRepoURL } from './addon.ts';

/** One reviewed chart repository. */
export const chartRepositorySchema = z.strictObject({
  /** The repository URL exactly as add-ons write `chart.repoURL`. */
  url: helmRepoURL,
  /** Who publishes it, for reviewers. */
  publisher: z.string().min(2),
});

/** The whole file. */
export const chartRepositoriesFileSchema = z.strictObject({ repositories: z.array(chartRepositorySchema).min(1) }).superRefine((f, ctx) => {
  const seen = new Set<string>();
  f.repositories.forEach((r, i) => {
    if (seen.has(r.url)) ctx.addIssue({ code: 'custom', path: ['repositories', i, 'url'], message: `duplicate repository "${r.url}"` });
    seen.add(r.url);
  });
});
