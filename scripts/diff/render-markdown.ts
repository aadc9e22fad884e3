/**
 * Markdown for a pull-request comment that stays readable at 500 objects: counts first, prod first,
 * each environment and Application in a collapsed `<details>` (prod's environment open), a cap on
 * the size with a note saying what was left out. An Application whose whole change is one line
 * (an image bump) is a plain bullet, so the common case needs no clicking.
 */
import { appEntries, type Entry } from './app-lines.ts';
import { countApps, countReport, type AppDiff, type Counts, type DiffReport } from './compare.ts';

/** Options of {@link renderMarkdown}. */
export interface MarkdownOptions {
  /** What the base is called in the heading, e.g. `origin/main`. */
  readonly base: string;
  /** Abbreviated base commit. */
  readonly commit: string;
  /** Upper bound on the output length; GitHub rejects comments over 65,536 characters. @default 45000 */
  readonly maxChars?: number;
  /** Field lines shown per changed object. @default 40 */
  readonly maxFieldsPerObject?: number;
  /** Pictures of the rollout (Markdown with Mermaid) of environments whose Applications, waves or projects changed. @default [] */
  readonly pictures?: readonly { readonly env: string; readonly markdown: string }[];
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function countText(c: Counts): string {
  const parts = [c.added && `${c.added} added`, c.removed && `${c.removed} removed`, c.changed && `${c.changed} changed`].filter(Boolean);
  return parts.join(', ') || 'no changes';
}

function fence(body: string): string {
  const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const f = '`'.repeat(longest + 1);
  return `${f}diff\n${body}\n${f}`;
}

function entriesBody(entries: readonly Entry[]): string {
  return entries.flatMap((e) => [e.text, ...e.fields]).join('\n');
}

function appSection(app: AppDiff, maxFields: number): string {
  const entries = appEntries(app, maxFields);
  const name = escapeHtml(app.app || '(environment root)');
  const only = entries[0];
  if (entries.length === 1 && only !== undefined && only.fields.length === 0) return `- <code>${name}</code>: ${escapeHtml(only.text)}\n`;
  return `<details><summary><code>${name}</code>: ${countText(countApps([app]))}</summary>\n\n${fence(entriesBody(entries))}\n\n</details>\n`;
}

/** The report as one Markdown document of at most `maxChars` characters. */
export function renderMarkdown(report: DiffReport, options: MarkdownOptions): string {
  const maxChars = options.maxChars ?? 45_000;
  const maxFields = options.maxFieldsPerObject ?? 40;
  const total = countReport(report);
  const head: string[] = [`### Rendered diff of \`dist/\``, ''];
  head.push(`Base \`${options.base}\` (\`${options.commit}\`) → this change: **${plural(total.apps, 'app')}**, ${countText(total)}.`, '');
  if (total.apps === 0) return `${head.join('\n')}\nNo rendered object changes.\n`;
  head.push('| environment | apps | added | removed | changed |', '|---|--:|--:|--:|--:|');
  for (const env of report.envs) {
    const c = countApps(env.apps);
    head.push(`| ${env.env === 'prod' ? '**prod**' : env.env} | ${c.apps} | ${c.added} | ${c.removed} | ${c.changed} |`);
  }
  head.push('');
  for (const picture of options.pictures ?? []) {
    const open = picture.env === 'prod' ? ' open' : '';
    head.push(
      `<details${open}><summary><b>${escapeHtml(picture.env)}</b>: picture of the rollout (Applications, waves or projects changed)</summary>`,
    );
    head.push('', picture.markdown, '', '</details>', '');
  }

  let out = `${head.join('\n')}\n`;
  let omittedApps = 0;
  let omittedObjects = 0;
  const reserve = 400; // room for closing tags and the truncation note
  for (const env of report.envs) {
    const c = countApps(env.apps);
    const open = `<details${env.env === 'prod' ? ' open' : ''}><summary><b>${escapeHtml(env.env)}</b>: ${plural(c.apps, 'app')}, ${countText(c)}</summary>\n\n`;
    const close = '\n</details>\n\n';
    let body = '';
    for (const app of env.apps) {
      const section = appSection(app, maxFields);
      if (omittedApps > 0 || out.length + open.length + body.length + section.length + close.length + reserve > maxChars) {
        const a = countApps([app]);
        omittedApps += 1;
        omittedObjects += a.added + a.removed + a.changed;
        continue;
      }
      body += section;
    }
    if (body) out += open + body + close;
  }
  if (omittedApps > 0) {
    out +=
      `> [!NOTE]\n> Truncated to stay under ${maxChars} characters: ${plural(omittedApps, 'Application')} (${plural(omittedObjects, 'object')}) not shown. ` +
      `The counts above are complete; run \`npm run diff -- --base ${options.base}\` for the full diff.\n`;
  }
  return out;
}
