/**
 * The schema of `apps/teams.yaml`, the one list of teams. A service's `team` must name one of them:
 * a team becomes a namespace, an AppProject and a quota, so a misspelt team must fail, not create
 * a second set of them.
 */
import { z } from 'zod';
import { dnsLabel } from './common.ts';

/** One team. */
export const teamSchema = z.strictObject({
  /** The team's name, also its namespace. */
  name: dnsLabel,
  /** What the team owns, for reviewers. */
  description: z.string().min(10),
});

/** The whole file. */
export const teamsFileSchema = z.strictObject({ teams: z.array(teamSchema).min(1) }).superRefine((f, ctx) => {
  const seen = new Set<string>();
  f.teams.forEach((t, i) => {
    if (seen.has(t.name)) ctx.addIssue({ code: 'custom', path: ['teams', i, 'name'], message: `duplicate team "${t.name}"` });
    seen.add(t.name);
  });
});

/** A declared team. */
export type Team = z.infer<typeof teamSchema>;
